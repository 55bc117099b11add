// public.mjs — the public pages on a phone and on a desktop, in a real
// browser (Debian's Chromium driven by playwright-core): at 390 and 1280 px
// no page scrolls sideways (document.documentElement.scrollWidth fits the
// viewport), the registry's and the case page's tables stack into rows on
// the phone, and axe-core finds no WCAG 2.1 AA violation on the phone.
// Prints PASS/FAIL lines like the rest of the suite.
//
// usage: node public.mjs BASE_URL PATH... (PATHs: the public pages to check)
import { suite, axeChecker, launch } from './lib.mjs';

const [base, ...paths] = process.argv.slice(2);
const shots = process.env.SCREENSHOT_DIR || '';
const { check, failed } = suite('public-browser');
const axe = axeChecker(check, shots, 'public-');

const browser = await launch();
try {
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ locale: 'sv-SE', viewport: { width, height: 844 } });
    const page = await context.newPage();
    const cspErrors = [];
    page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) cspErrors.push(m.text()); });
    for (const path of paths) {
      await page.goto(base + path);
      const sw = await page.evaluate(() => document.documentElement.scrollWidth);
      check(`${path} fits ${width} px`, sw <= width, `scrollWidth ${sw}`);
      if (width === 390) await axe(page, `${path.replace(/[^a-z0-9]+/gi, '-')}-390`);
    }
    if (width === 390) {
      // The tables are stacked rows: a row's cells stand one above the other.
      let tables = 0;
      for (const path of paths) {
        await page.goto(base + path);
        const stacked = await page.evaluate(() => {
          const tds = [...document.querySelectorAll('.stack tbody tr:first-child td')];
          if (!tds.length) return null;
          const a = tds[0].getBoundingClientRect(), b = tds[1].getBoundingClientRect();
          return b.top >= a.bottom - 1 && getComputedStyle(tds[0], '::before').content.includes(':');
        });
        if (stacked === null) continue;
        tables++;
        check(`${path}: the table's rows are stacked, each cell labelled`, stacked);
      }
      check('pages with tables were among those checked', tables >= 2, `${tables}`);
    }
    check(`no CSP violations at ${width} px`, cspErrors.length === 0, cspErrors.join(' | '));
    await context.close();
  }
} finally {
  await browser.close();
}
process.exit(failed() ? 1 : 0);
