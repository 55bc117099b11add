// i18n.mjs — every public page in both languages in a real browser: a
// Swedish browser (locale sv-SE) gets Swedish and an English one (en-US)
// English, by Accept-Language, with <html lang> to match; the visible
// switch leads to the same page in the other language and the links of
// that page keep it; no cookie is ever set; the English pages carry none
// of the Swedish UI's words, still fit a phone (390 px) and pass
// axe-core's WCAG 2.1 AA check there.
//
// usage: node i18n.mjs BASE_URL PATH... (PATHs: the public pages to check)
import { suite, axeChecker, launch } from './lib.mjs';

const [base, ...paths] = process.argv.slice(2);
const { check, failed } = suite('i18n-browser');
const axe = axeChecker(check, process.env.SCREENSHOT_DIR || '', 'i18n-');
// Words only the Swedish UI writes (the data may be Swedish in both).
const swedishUi = ['Hoppa till innehållet', 'Offentligt diarium', 'Kontrollera diariet', 'Begär ut',
  'Avsändare/mottagare', 'Sök i diariet', 'Tillbaka till'];

const browser = await launch();
try {
  for (const [locale, lang, other] of [['sv-SE', 'sv', 'en'], ['en-US', 'en', 'sv']]) {
    const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    for (const path of paths) {
      await page.goto(base + path);
      const got = await page.evaluate(() => document.documentElement.lang);
      check(`${path} in ${locale}: <html lang="${lang}">`, got === lang, `lang="${got}"`);
      if (lang === 'en') {
        const text = await page.evaluate(() => document.body.innerText);
        const left = swedishUi.filter((w) => text.includes(w));
        check(`${path} in English: no Swedish UI text`, left.length === 0, left.join(', '));
        const sw = await page.evaluate(() => document.documentElement.scrollWidth);
        check(`${path} in English fits 390 px`, sw <= 390, `scrollWidth ${sw}`);
        await axe(page, `${path.replace(/[^a-z0-9]+/gi, '-')}-en`);
      }
      // The switch: the same page in the other language, whatever the browser says.
      const link = page.locator('a.lang');
      check(`${path} in ${locale}: one language switch`, (await link.count()) === 1);
      await link.click();
      const after = await page.evaluate(() => [document.documentElement.lang, location.pathname]);
      check(`${path} in ${locale}: the switch shows it in ${other}`, after[0] === other &&
        (base + path).startsWith(new URL(base + path).origin + after[1]), after.join(' '));
      // The choice is kept by the page's links, not by a cookie: the
      // menu's first link still shows the chosen language.
      const menu = page.locator('header nav a').first();
      if (await menu.count()) {
        await menu.click();
        const kept = await page.evaluate(() => document.documentElement.lang);
        check(`${path} in ${locale}: the next page keeps ${other}`, kept === other, `lang="${kept}"`);
      }
    }
    const cookies = await context.cookies();
    check(`no cookies after the public pages in ${locale}`, cookies.length === 0,
      cookies.map((c) => c.name).join(', '));
    await context.close();
  }
} finally {
  await browser.close();
}
process.exit(failed() ? 1 : 0);
