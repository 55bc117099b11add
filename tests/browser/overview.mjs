// overview.mjs — the managers' overview in a real browser (Debian's Chromium
// driven by playwright-core) with axe-core: a manager opens Översikt from
// the menu, reads this year's tables and charts, switches to last year and
// downloads the figures as CSV. Prints PASS/FAIL lines like the rest of the
// suite.
//
// usage: node overview.mjs BASE_URL USER PASSWORD [SCREENSHOT_DIR]
import { readFileSync } from 'node:fs';
import { suite, axeChecker, launch } from './lib.mjs';

const [base, user, password, shots] = process.argv.slice(2);
const { fail, check, failed } = suite('overview-browser');
const axe = axeChecker(check, shots);

const browser = await launch();
try {
  const ctx = await browser.newContext({ locale: 'sv-SE', acceptDownloads: true });
  const page = await ctx.newPage();
  const cspErrors = [];
  page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) cspErrors.push(m.text()); });
  await page.goto(`${base}/login`);
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.click('nav >> text=Översikt');
  const year = new Date().getFullYear();
  check('the overview opens from the menu', (await page.textContent('h1')).startsWith('Översikt'));
  await axe(page, 'overview');
  const ks = await page.locator('table.figures').first().locator('tr', { hasText: 'KS Kommunstyrelsen' })
    .locator('td').allTextContents();
  check('the KS row shows its figures', ks.slice(0, 3).join(',') === '2,1,0', ks.join(','));
  const bars = await page.locator('svg[role=img]').first().locator('rect.bar-now').count();
  check('a bar per month', bars === 12, `${bars}`);
  const box = await page.locator('svg[role=img]').first().boundingBox();
  check('the chart is drawn', box && box.width > 200 && box.height > 50, JSON.stringify(box));
  const filled = await page.locator('rect.bar-now').first().evaluate((r) => getComputedStyle(r).fill);
  const hollow = await page.locator('rect.bar-prev').first().evaluate((r) => getComputedStyle(r).fill);
  check('this year filled, last year hollow (from the stylesheet)', filled !== hollow, `${filled} / ${hollow}`);
  await page.fill('#ar', String(year - 1));
  await page.click('form.filters button[type=submit]');
  check('last year', (await page.textContent('h1')).includes(String(year - 1)));
  check('a finished year shows the open cases at its end',
    (await page.textContent('table.figures')).includes('Öppna vid årets slut'));
  await axe(page, 'overview-last-year');
  const download = page.waitForEvent('download');
  await page.click('text=Exportera siffrorna som CSV');
  const dl = await download;
  const csv = readFileSync(await dl.path(), 'utf8');
  check('the CSV downloads', csv.includes('"Diarieserie";"KS";"Kommunstyrelsen"'), csv.slice(0, 200));
  check('no CSP violations', cspErrors.length === 0, cspErrors.join(' | '));
} catch (e) {
  fail('flow', e.message.split('\n').slice(0, 3).join(' '));
} finally {
  await browser.close();
}
process.exit(failed() ? 1 : 0);
