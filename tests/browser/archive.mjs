// archive.mjs — the archivist's flow in a real browser (Debian's Chromium
// driven by playwright-core) with axe-core on every page: the archive page,
// the retention schedule with a CSV upload and a rule edited in the form, a
// disposal proposed by one archivist and approved and executed by another,
// and the "Gallrad" mark on the record and in the public registry. Prints
// PASS/FAIL lines like the rest of the suite.
//
// usage: node archive.mjs BASE_URL PLAN_CSV [SCREENSHOT_DIR]
import { suite, axeChecker, launch } from './lib.mjs';

const [base, planCsv, shots] = process.argv.slice(2);
const { fail, check, failed } = suite('browser-archive');
const axe = axeChecker(check, shots);

async function login(context, user) {
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('#username', user);
  await page.fill('#password', `Losenord-for-${user}`);
  await page.click('button[type=submit]');
  return page;
}

const browser = await launch();
try {
  const ctx1 = await browser.newContext({ locale: 'sv-SE' });
  const cspErrors = [];
  const page = await login(ctx1, 'arkiv1');
  page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) cspErrors.push(m.text()); });
  await page.click('nav >> text=Arkiv');
  check('the archive page opens from the menu', (await page.textContent('h1')).includes('Arkiv'));
  check('the due list names the record', (await page.textContent('main')).includes('Ansökan om bygglov'));
  await axe(page, 'archive');

  await page.click('text=informationshanteringsplanen');
  check('the schedule page opens', (await page.textContent('h1')).includes('Informationshanteringsplan'));
  await page.setInputFiles('#plan-fil', planCsv);
  await page.click('form[enctype="multipart/form-data"] button[type=submit]');
  check('a CSV upload replaces the schedule', (await page.textContent('.ok'))?.includes('regler'));
  await page.selectOption('#regel-klass', '3.2.1');
  await page.fill('#regel-typ', 'Ritning');
  await page.selectOption('#regel-atgard', 'gallras');
  await page.fill('#regel-frist', '30');
  await page.fill('#regel-beslut', 'KF 2025-03-12 § 45');
  await page.click('text=Spara regeln');
  check('a rule edited in the form is listed', (await page.textContent('table')).includes('Ritning'));
  await axe(page, 'archive-plan');

  await page.click('nav >> text=Arkiv');
  await page.click('text=Föreslå gallring');
  check('a proposal leads to its run page', (await page.textContent('h1')).includes('Gallring 1'));
  await axe(page, 'disposal-proposed');
  check('the proposer is not offered approval (four eyes)',
    (await page.locator('button:has-text("Godkänn gallringen")').count()) === 0 &&
    (await page.textContent('main')).includes('En annan arkivarie ska godkänna den'));

  const ctx2 = await browser.newContext({ locale: 'sv-SE' });
  const other = await login(ctx2, 'arkiv2');
  await other.goto(`${base}/arkiv/gallring?id=1`);
  await other.click('text=Godkänn gallringen');
  check('another archivist approves', (await other.textContent('.ok'))?.includes('godkänd'));
  await axe(other, 'disposal-approved');
  await other.selectOption('#verkstall-serie', 'AR');
  await other.click('text=Verkställ gallringen');
  check('the run is executed with a report', /rapport AR \d{4}\/0001-1/.test((await other.textContent('.ok')) || ''));
  await axe(other, 'disposal-executed');
  await other.click('td a[href^="/handling"]');
  check('the disposed record shows its mark', (await other.textContent('main')).includes('Gallrad'));
  await axe(other, 'record-disposed');

  const pub = await browser.newContext({ locale: 'sv-SE' });
  const reg = await pub.newPage();
  await reg.goto(`${base}/offentlig/diarium?org=kommun`);
  check('the public registry shows the mark', (await reg.textContent('table')).includes('Gallrad'));
  await axe(reg, 'public-disposed');
  check('no CSP violations', cspErrors.length === 0, cspErrors.join('; '));
} catch (e) {
  fail('the archive flow ran to the end', e.message.split('\n')[0]);
} finally {
  await browser.close();
}
process.exit(failed() ? 1 : 0);
