// staffpages.mjs — the staff pages fit the screen: every page of a
// registrar's and an archivist's working day is opened at 1280 and at 390
// px wide, and its document must not be wider than the window (no
// sideways scrolling), with axe-core's WCAG 2.1 AA check at both widths.
// The case page's disclosure groups are opened first, so that what they
// hide is measured too. Prints PASS/FAIL lines like the rest of the suite.
//
// usage: node staffpages.mjs BASE_URL CASE_NUMBER MEETING_ID RUN_ID [SCREENSHOT_DIR]
import { suite, axeChecker, launch } from './lib.mjs';

const [base, caseNumber, meetingId, runId, shots] = process.argv.slice(2);
const { fail, check, failed } = suite('browser-staffpages');
const axe = axeChecker(check, shots, 'staff-');

const pages = [
  ['start', '/'],
  ['cases', '/arenden'],
  ['case', `/arende?nr=${encodeURIComponent(caseNumber)}`],
  ['records', '/handlingar'],
  ['register', '/registrera'],
  ['search', '/sok?q=bygglov'],
  ['meetings', '/sammantraden'],
  ['meeting', `/sammantrade?id=${meetingId}`],
  ['requests', '/begaran'],
  ['reminders', '/bevakningar'],
  ['archive', '/arkiv'],
  ['disposal-run', `/arkiv/gallring?id=${runId}`],
];

const browser = await launch();
try {
  for (const width of [1280, 390]) {
    const context = await browser.newContext({ locale: 'sv-SE', viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('#username', 'rita');
    await page.fill('#password', 'Losenord-for-rita');
    await page.click('button[type=submit]');
    for (const [name, path] of pages) {
      const res = await page.goto(`${base}${path}`);
      check(`${name} at ${width} px answers`, res.status() === 200, `${res.status()}`);
      for (const summary of await page.locator('details > summary').all())
        await summary.click();
      const fit = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      check(`${name} fits ${width} px (no sideways scrolling)`, fit[0] <= fit[1], `scrollWidth ${fit[0]} > ${fit[1]}`);
      await axe(page, `${name}-${width}`);
    }
    await context.close();
  }
} catch (e) {
  fail('the staff pages were all opened', e.message.split('\n')[0]);
} finally {
  await browser.close();
}
process.exit(failed() ? 1 : 0);
