// pages.mjs — how fast the staff pages are and how tall they get, as a
// user's browser sees them: each page is opened ROUNDS times in Chromium
// at 1280 x 900 and timed by the browser's navigation timing (request
// start to load event end: the server's answer, the transfer, parsing,
// the stylesheet and layout); the page's height is its document's
// scrollHeight. Prints one line per page (median, p95, height) and the
// totals: p95 over every navigation, the tallest page.
//
// usage: node pages.mjs BASE_URL USER PASSWORD ROUNDS NAME=PATH...
import { launch } from '../browser/lib.mjs';

const [base, user, password, roundsArg, ...specs] = process.argv.slice(2);
const rounds = Number(roundsArg) || 5;
const pages = specs.map((s) => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)]);
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

const browser = await launch();
let status = 0;
try {
  const context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  const all = [];
  let tallest = ['', 0];
  console.log('page'.padEnd(14) + 'median ms'.padStart(10) + 'p95 ms'.padStart(9) + 'height px'.padStart(11) + '  path');
  for (const [name, path] of pages) {
    const times = [];
    let height = 0;
    for (let i = 0; i < rounds; i++) {
      const res = await page.goto(`${base}${path}`, { waitUntil: 'load' });
      if (res.status() !== 200) throw new Error(`${name}: ${path} answered ${res.status()}`);
      const t = await page.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0];
        return n.loadEventEnd - n.startTime;
      });
      times.push(t);
      height = await page.evaluate(() => document.documentElement.scrollHeight);
    }
    all.push(...times);
    if (height > tallest[1]) {
      // where the height goes: each h2 section's share, for the tallest page
      const parts = await page.evaluate(() => {
        const hs = [...document.querySelectorAll('main h2')];
        const top = (el) => el.getBoundingClientRect().top + window.scrollY;
        return hs.map((h, i) => `${h.textContent.trim()} ${Math.round((hs[i + 1] ? top(hs[i + 1]) :
          document.documentElement.scrollHeight) - top(h))}`);
      });
      tallest = [name, height, parts];
    }
    console.log(name.padEnd(14) + pct(times, 50).toFixed(1).padStart(10) + pct(times, 95).toFixed(1).padStart(9) +
      String(height).padStart(11) + '  ' + path);
  }
  console.log(`p95 over ${all.length} navigations of ${pages.length} pages: ${pct(all, 95).toFixed(1)} ms ` +
    `(median ${pct(all, 50).toFixed(1)} ms)`);
  console.log(`tallest page: ${tallest[0]}, ${tallest[1]} px` +
    (tallest[2] && tallest[2].length ? ` (by section, px: ${tallest[2].join('; ')})` : ''));
  await context.close();
} catch (e) {
  console.error(`pages.mjs: ${e.message.split('\n')[0]}`);
  status = 1;
} finally {
  await browser.close();
}
process.exit(status);
