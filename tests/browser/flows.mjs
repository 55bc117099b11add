// flows.mjs — the main flows of the staff web application in a real
// browser (Debian's Chromium driven by playwright-core), with axe-core run
// on every page visited: log in, register an incoming letter with a file,
// find it, open the case, close it. Prints PASS/FAIL lines like the rest
// of the suite.
//
// usage: node flows.mjs BASE_URL USER PASSWORD FILE [SCREENSHOT_DIR]
import { suite, axeChecker, launch } from './lib.mjs';

const [base, user, password, file, shots] = process.argv.slice(2);
const { fail, check, failed } = suite('browser');
const axe = axeChecker(check, shots);

const browser = await launch();
try {
  const context = await browser.newContext({ bypassCSP: false, locale: 'sv-SE' });
  const page = await context.newPage();
  const cspErrors = [];
  page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) cspErrors.push(m.text()); });

  await page.goto(`${base}/`);
  check('strangers land on the login page', page.url().endsWith('/login'), page.url());
  await axe(page, 'login');
  await page.fill('#username', user);
  await page.fill('#password', 'wrong password');
  await page.click('button[type=submit]');
  check('wrong password shows a Swedish message', (await page.textContent('.error'))?.includes('Fel användarnamn'));
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  check('login leads to the start page', (await page.textContent('h1')).includes('Välkommen'));
  await axe(page, 'start');

  await page.click('text=Registrera handling');
  await axe(page, 'register');
  await page.selectOption('#ny_serie', 'KS');
  await page.fill('#ny_rubrik', 'Bygglov för förråd, Boken 1:2');
  await page.selectOption('#riktning', 'in');
  await page.fill('#datum', '2026-11-20');
  await page.selectOption('#part_typ', 'person');
  await page.fill('#part_namn', 'Sven Svensson');
  // A wrong check digit, which only the server finds: the form comes back
  // whole (issue 11), the file held, and is then sent again corrected.
  await page.fill('#part_id', '19121212-1213');
  await page.fill('#rubrik', 'Ansökan om bygglov');
  await page.setInputFiles('#fil', file);
  await page.click('form.form button[type=submit]');
  check('a refused registration comes back as its form', (await page.textContent('h1')).includes('Registrera handling'));
  const summary = await page.textContent('.error-summary');
  check('with a Swedish summary that names the field', /nummer har fel form/.test(summary || ''), summary);
  check('which links to the field', (await page.getAttribute('.error-summary a', 'href')) === '#part_id');
  check('the values are kept', (await page.inputValue('#ny_rubrik')) === 'Bygglov för förråd, Boken 1:2' &&
        (await page.inputValue('#ny_serie')) === 'KS' && (await page.inputValue('#part_namn')) === 'Sven Svensson');
  check('the file is held', (await page.textContent('.pending-upload'))?.includes(file.split('/').pop()));
  await axe(page, 'register-refused');
  await page.fill('#part_id', '19121212-1212');
  await page.click('form.form button[type=submit]');
  const flash = await page.textContent('.ok');
  check('the new number is shown at once', /Registrerad som KS \d{4}\/\d{4}-1/.test(flash || ''), flash);
  const number = (flash || '').match(/KS \d{4}\/\d{4}/)?.[0];
  await axe(page, 'case');

  await page.click('nav >> text=Ärenden');
  await page.selectOption('#serie', 'KS');
  await page.click('.filters button[type=submit]');
  await axe(page, 'case-list');
  check('the case is found in the list', (await page.textContent('table')).includes('Bygglov för förråd'));
  await page.click(`text=${number}`);
  check('the case page opens', (await page.textContent('h1')).includes(number));
  const download = page.waitForEvent('download');
  await page.click('td a[href^="/fil"]');
  const dl = await download;
  check('the file downloads with its name', dl.suggestedFilename() === 'ansokan.pdf', dl.suggestedFilename());
  await page.click('td a[href^="/handling"]');
  await axe(page, 'record');
  await page.goBack();
  await page.click('summary:has-text("Status och beslut")');
  await page.click('text=Avsluta >> xpath=ancestor::form//button');
  check('closing asks first', (await page.textContent('h1'))?.includes('Avsluta ärendet?'));
  await axe(page, 'case-confirm');
  await page.click('text=Ja, avsluta ärendet');
  check('the case is closed', (await page.textContent('.ok'))?.includes('avslutat'));
  check('its status shows Avslutat', (await page.textContent('dl.meta')).includes('Avslutat'));

  await page.click('nav >> text=Handlingar');
  await axe(page, 'records');
  check('the record is in the records list', (await page.textContent('table')).includes('Ansökan om bygglov'));
  await page.fill('#sokruta', 'bygglov');
  await page.press('#sokruta', 'Enter');
  await axe(page, 'search');
  check('the search finds the letter', (await page.textContent('main')).includes('Ansökan om bygglov'));
  await page.click('nav >> text=Administration');
  await axe(page, 'admin');
  await page.click('text=Importera diarium från ett annat system');
  await axe(page, 'import');
  await page.click('text=Mina inloggningar');
  await axe(page, 'sessions');
  await page.goto(`${base}/offentlig`);
  await axe(page, 'public-index');
  await page.click('main a[href^="/offentlig/diarium"]');
  await axe(page, 'public-registry');
  check('the public registry lists the letter', (await page.textContent('table')).includes('Ansökan om bygglov'));
  check('the public registry hides the person', !(await page.textContent('table')).includes('19121212'));
  await page.click('td a[href^="/offentlig/begar"]');
  await axe(page, 'public-request');
  await page.fill('#meddelande', 'Jag vill ta del av ansökan.');
  await page.click('form.form button[type=submit]');
  check('the request is received', (await page.textContent('h1')).includes('mottagen'));
  await axe(page, 'public-request-received');
  await page.goto(`${base}/begaran`);
  await axe(page, 'requests');
  check('the registrar sees the request', (await page.textContent('table')).includes('Begäran om allmän handling') ||
    (await page.textContent('table')).includes('Ej beslutad'));
  await page.goto(`${base}/offentlig/logg`);
  await axe(page, 'public-log');
  check('the public log page explains itself', (await page.textContent('h1')).includes('kontrollera'));
  await page.goto(`${base}/finns-inte`);
  await axe(page, 'not-found');
  check('no CSP violations', cspErrors.length === 0, cspErrors.join(' | '));
  await page.goto(`${base}/`);
  await page.click('header >> text=Logga ut');
  check('logout returns to the login page', page.url().endsWith('/login'));
} catch (e) {
  fail('flow', e.message.split('\n').slice(0, 3).join(' '));
} finally {
  await browser.close();
}
process.exit(failed() ? 1 : 0);
