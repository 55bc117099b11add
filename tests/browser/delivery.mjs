// delivery.mjs — delivery to the e-archive in a real browser (Debian's
// Chromium driven by playwright-core), with axe-core on every page: an
// archivist opens a closed case and downloads its package, then delivers a
// whole series from /arkiv/leverans (confirming that its case goes again)
// and sees it among earlier deliveries.
// Prints PASS/FAIL lines like the rest of the suite.
//
// usage: node delivery.mjs BASE_URL USER PASSWORD CASE_NUMBER SERIES YEAR OUT_DIR
import { suite, axeChecker, launch } from './lib.mjs';

const [base, user, password, number, series, year, out] = process.argv.slice(2);
const { fail, check, failed } = suite('sip-browser');
const axe = axeChecker(check);

const browser = await launch();
try {
  const context = await browser.newContext({ locale: 'sv-SE', acceptDownloads: true });
  const page = await context.newPage();
  const cspErrors = [];
  page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) cspErrors.push(m.text()); });
  await page.goto(`${base}/login`);
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  check('the archivist is logged in', (await page.textContent('h1')).includes('Välkommen'));

  await page.goto(`${base}/arende?nr=${encodeURIComponent(number)}`);
  await axe(page, 'closed case with the package button');
  let download = page.waitForEvent('download');
  await page.click('text=Ladda ned arkivpaket');
  let d = await download;
  check('the case page downloads a zip package', d.suggestedFilename().endsWith('.zip'), d.suggestedFilename());
  await d.saveAs(`${out}/case.zip`);

  await page.click('nav >> text=Arkiv');
  await page.click('main >> text=Leverans till e-arkiv');
  check('the delivery page opens from the archive page', (await page.textContent('h1')).includes('Leverans till e-arkiv'));
  await axe(page, 'delivery page');
  await page.selectOption('#serie', series);
  await page.fill('#ar', year);
  await page.selectOption('#format', 'tar');
  // The series holds the case just delivered: the page asks first.
  await page.click('text=Skapa och ladda ned paketet');
  check('delivering a delivered case again asks first', (await page.textContent('h1')).includes('Leverera igen?'));
  await axe(page, 'confirm a re-delivery');
  download = page.waitForEvent('download');
  await page.click('button:has-text("Leverera igen")');
  d = await download;
  check('the series downloads as a tar package', d.suggestedFilename().endsWith('.tar'), d.suggestedFilename());
  await d.saveAs(`${out}/series.tar`);

  await page.goto(`${base}/arkiv/leverans`);
  const table = (await page.textContent('table')) || '';
  check('both deliveries are listed', table.includes(number) && (table.match(/sip-/g) || []).length >= 2, table.slice(0, 200));
  await axe(page, 'delivery page with earlier deliveries');
  check('no Content-Security-Policy violations', cspErrors.length === 0, cspErrors.join('; '));
} catch (err) {
  fail('archive flow', String(err).split('\n')[0]);
} finally {
  await browser.close();
}
process.exit(failed() ? 1 : 0);
