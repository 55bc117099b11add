// demo-screenshots.mjs — the README's screenshots of the staff pages, taken
// from a running demo (scripts/demo) by logging in as its users the way the
// browser tests do (the same Chromium, through tests/browser/lib.mjs), and
// of the public notice board with `chromium --headless --screenshot`, as
// anyone sees it without logging in. A page is shot as the 1280×900 window a visitor first sees, scrolled to
// the part named, since some pages (the due list, the minutes) run long.
//
// usage: node scripts/demo-screenshots.mjs BASE_URL OUT_DIR
import { execFileSync } from 'node:child_process';
import { launch } from '../tests/browser/lib.mjs';

const [base, out] = process.argv.slice(2);
if (!base || !out) {
  console.error('usage: node scripts/demo-screenshots.mjs BASE_URL OUT_DIR');
  process.exit(2);
}
const password = 'Demo-lösenord-2026';

// user, path, file name, and optionally the heading to scroll to.
const shots = [
  ['handlaggare', '/', 'demo-start'],
  ['sekreterare', '/sammantrade?id=2', 'demo-notice', 'Kallelse'],
  ['sekreterare', '/sammantrade?id=1', 'demo-minutes', 'Protokoll'],
  ['ordforande', '/sammantrade?id=1', 'demo-adjusted', 'Justering'],
  ['arkivarie', '/arkiv', 'demo-archive'],
  ['arkivarie', '/arkiv/plan', 'demo-plan'],
  ['arkivarie', '/arkiv/leverans', 'demo-delivery', 'Tidigare leveranser'],
  ['chef', '/oversikt', 'demo-overview'],
];

// path and file name of the public pages.
const publicShots = [
  ['/anslagstavla/aktuellt?org=exempelstad', 'demo-noticeboard'],
];

for (const [path, name] of publicShots) {
  execFileSync('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars',
    `--screenshot=${out}/${name}.png`, '--window-size=1280,900', `${base}${path}`], { stdio: 'ignore' });
  console.log(`${out}/${name}.png`);
}

const browser = await launch();
let failed = 0;
try {
  const pages = new Map();
  for (const [user, path, name, heading] of shots) {
    if (!pages.has(user)) {
      const context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${base}/login`);
      await page.fill('#username', user);
      await page.fill('#password', password);
      await page.click('button[type=submit]');
      pages.set(user, page);
    }
    const page = pages.get(user);
    const answer = await page.goto(`${base}${path}`);
    if (!answer || answer.status() !== 200) {
      failed++;
      console.log(`FAIL ${name}: ${path} answered ${answer?.status()}`);
      continue;
    }
    if (heading) {
      const h = page.locator('h2', { hasText: heading }).first();
      if (await h.count()) await h.evaluate((e) => e.scrollIntoView());
      else console.log(`note ${name}: no heading "${heading}" on ${path}`);
    }
    await page.screenshot({ path: `${out}/${name}.png` });
    console.log(`${out}/${name}.png`);
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
