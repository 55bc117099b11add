// noticeboard.mjs — the notice board in a real browser (Debian's Chromium
// driven by playwright-core) with axe-core on every page: the committee
// secretary posts a meeting notice with a file on /anslag and takes one
// down; a citizen, not logged in, reads the board, one notice, the archive,
// and downloads the file. Prints PASS/FAIL lines like the rest of the suite.
//
// usage: node noticeboard.mjs BASE_URL USER PASSWORD FILE [SCREENSHOT_DIR]
import { basename } from 'node:path';
import { suite, axeChecker, launch } from './lib.mjs';

const [base, user, password, file, shots] = process.argv.slice(2);
const { fail, check, failed } = suite('noticeboard-browser');
const axe = axeChecker(check, shots);

const browser = await launch();
try {
  const staff = await browser.newContext({ locale: 'sv-SE' });
  const page = await staff.newPage();
  const cspErrors = [];
  page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) cspErrors.push(m.text()); });
  await page.goto(`${base}/login`);
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.click('nav >> text=Anslag');
  check('the staff notice page opens from the menu', (await page.textContent('h1')).includes('Anslag på anslagstavlan'));
  await axe(page, 'staff-notices');
  await page.selectOption('#typ', 'meeting');
  await page.fill('#organ', 'Kommunfullmäktige');
  await page.fill('#rubrik', 'Sammanträde med kommunfullmäktige');
  await page.fill('#text', 'Plats: Sessionssalen.\n\nÄrenden enligt kallelsen.');
  await page.fill('#sammantrade', '2099-12-14');
  await page.setInputFiles('#fil', file);
  await page.click('form[enctype] button[type=submit]');
  const flash = await page.textContent('.ok');
  check('the notice is posted', /Anslag \d+ är anslaget/.test(flash || ''), flash);
  await axe(page, 'staff-notices-posted');
  check('it is listed as on the board', (await page.textContent('table')).includes('På anslagstavlan'));
  await page.fill('#organ', 'Kommunstyrelsen');
  await page.selectOption('#typ', 'other');
  await page.fill('#rubrik', 'Felaktigt anslag');
  await page.click('form[enctype] button[type=submit]');
  const row = page.locator('tr', { hasText: 'Felaktigt anslag' });
  await row.locator('input[name=skal]').fill('Publicerat av misstag');
  await row.locator('button[type=submit]').click();
  check('the mistaken notice is taken down', (await page.textContent('.ok'))?.includes('nedtaget'));
  await axe(page, 'staff-notices-taken-down');
  check('no CSP violations for staff', cspErrors.length === 0, cspErrors.join(' | '));

  // A citizen: a fresh context, no login.
  const pub = await browser.newContext({ locale: 'sv-SE' });
  const p = await pub.newPage();
  p.on('console', (m) => { if (/Content Security Policy/.test(m.text())) cspErrors.push(m.text()); });
  await p.goto(`${base}/offentlig`);
  await p.click('header >> text=Anslagstavla');
  check('the board is linked from the public pages', p.url().endsWith('/anslagstavla'));
  await axe(p, 'board-index');
  check('the board explains appeal', (await p.textContent('main')).includes('laglighetsprövning'));
  await p.click('main a[href^="/anslagstavla/aktuellt"]');
  await axe(p, 'board-current');
  const main = await p.textContent('main');
  check('the meeting notice is on the board', main.includes('Sammanträde med kommunfullmäktige'));
  check('the taken-down notice is not', !main.includes('Felaktigt anslag'));
  await p.click('text=Sammanträde med kommunfullmäktige');
  await axe(p, 'board-notice');
  check('the notice page shows its text', (await p.textContent('main')).includes('Ärenden enligt kallelsen'));
  const download = p.waitForEvent('download');
  await p.click('dd a[href^="/anslagstavla/fil"]');
  const dl = await download;
  check('the file downloads with its name', dl.suggestedFilename() === basename(file), dl.suggestedFilename());
  await p.click('text=Arkiv över nedtagna anslag');
  await axe(p, 'board-archive');
  check('the archive has the taken-down notice', (await p.textContent('main')).includes('Felaktigt anslag'));
  await p.click('main h2 a');
  await axe(p, 'board-archived-notice');
  check('an archived notice says so', (await p.textContent('main')).includes('har tagits ned'));
  check('the citizen got no cookie', (await pub.cookies()).length === 0, JSON.stringify(await pub.cookies()));
  // The board as a logged-in member of staff sees it too.
  await page.goto(`${base}/anslagstavla/aktuellt?org=kommun`);
  await axe(page, 'board-current-logged-in');
  check('no CSP violations', cspErrors.length === 0, cspErrors.join(' | '));
} catch (e) {
  fail('flow', e.message.split('\n').slice(0, 3).join(' '));
} finally {
  await browser.close();
}
process.exit(failed() ? 1 : 0);
