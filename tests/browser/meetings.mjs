// meetings.mjs — the committee cycle in a real browser, with axe-core on
// every meeting page: the secretary sets up a board with members linked to
// users, marks a case ready for decision, registers a delegated decision,
// plans a meeting, builds its agenda, sends the notice, records attendance
// with a substitute, appoints an adjuster, draws up the minutes with a
// decision and a reservation; the chair and the adjuster each log in and
// press "Justera"; the minutes are frozen and posted; the secretary
// dispatches the extract. Prints PASS/FAIL lines like the rest of the suite.
//
// usage: node meetings.mjs BASE_URL CASE_NUMBER DATE [SCREENSHOT_DIR]
import { suite, axeChecker, launch } from './lib.mjs';

const [base, caseNumber, date, shots] = process.argv.slice(2);
const { fail, check, failed } = suite('meetings-browser');
const axe = axeChecker(check, shots, 'meeting-');

async function login(browser, user) {
  const context = await browser.newContext({ locale: 'sv-SE' });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('#username', user);
  await page.fill('#password', `Losenord-for-${user}`);
  await page.click('button[type=submit]');
  return page;
}

const flash = async (page) => (await page.textContent('.ok').catch(() => '')) || '';

const browser = await launch(['--disable-dev-shm-usage']);
try {
  const page = await login(browser, 'sara');
  const cspErrors = [];
  page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) cspErrors.push(m.text()); });

  await page.click('nav >> text=Sammanträden');
  check('Sammanträden is in the staff navigation', page.url().includes('/sammantraden'), page.url());
  await axe(page, 'meetings-empty');
  await page.click('main a[href^="/namnder"]');
  await axe(page, 'boards-empty');
  await page.fill('#namnd-kod', 'KS');
  await page.fill('#namnd-namn', 'Kommunstyrelsen');
  await page.selectOption('#namnd-typ', 'styrelse');
  await page.fill('#namnd-serie', 'KS');
  await page.click('form:has(#namnd-kod) button[type=submit]');
  check('the board is added', (await flash(page)).includes('Nämnden är tillagd'), await flash(page));
  const members = [
    ['Anna Andersson', 'ledamot', 'ordforande', 'anna'],
    ['Bengt Berg', 'ledamot', '', 'bengt'],
    ['Cilla Carlsson', 'ledamot', '', ''],
    ['David Dahl', 'ersattare', '', ''],
  ];
  for (const [name, role, position, account] of members) {
    await page.fill('#ny-KS-namn', name);
    await page.selectOption('#ny-KS-roll', role);
    await page.selectOption('#ny-KS-uppdrag', position);
    await page.fill('#ny-KS-fran', '2023-01-01');
    await page.fill('#ny-KS-konto', account);
    await page.click('form:has(#ny-KS-namn) button[type=submit]');
  }
  const boardTable = await page.textContent('table:has(caption:has-text("Ledamöter"))');
  check('the members are listed with role, position and account',
    boardTable.includes('Anna Andersson') && boardTable.includes('Ordförande') && boardTable.includes('Ersättare') &&
    boardTable.includes('bengt'), boardTable);
  await page.click('a:has-text("Ändra"):has-text("Cilla Carlsson")');
  await page.fill('input[id^="andra-"][name="till"]', '2026-12-31');
  await page.click('form:has(input[name="ledamot"]) button:has-text("Spara ändringen")');
  check('a member is edited', (await page.textContent('table:has(caption:has-text("Ledamöter"))')).includes('2023-01-01 – 2026-12-31'));
  await axe(page, 'boards');

  await page.goto(`${base}/arende?nr=${encodeURIComponent(caseNumber)}`);
  await page.click('summary:has-text("Status och beslut")');
  await page.selectOption('#redo-namnd', 'KS');
  await page.click('form:has(#redo-namnd) button[type=submit]');
  check('the case is marked ready for decision', (await flash(page)).includes('klart för beslut'), await flash(page));

  await page.goto(`${base}/delegationsbeslut`);
  await axe(page, 'delegations-empty');
  await page.fill('#d-arende', caseNumber);
  await page.selectOption('#d-namnd', 'KS');
  await page.fill('#d-punkt', '3.2');
  await page.fill('#d-av', 'Eva Ekonomichef');
  await page.fill('#d-beslut', 'Attest av faktura');
  await page.click('form:has(#d-arende) button[type=submit]');
  check('the delegated decision is registered', (await flash(page)).includes(`${caseNumber}-`), await flash(page));
  await axe(page, 'delegations');

  await page.goto(`${base}/sammantraden`);
  await page.selectOption('#ny-namnd', 'KS');
  await page.fill('#ny-datum', date);
  await page.fill('#ny-tid', '13:00');
  await page.fill('#ny-plats', 'Sessionssalen');
  await page.click('form:has(#ny-plats) button[type=submit]');
  check('the meeting is planned', (await flash(page)).includes('planerat'), await flash(page));
  const meetingUrl = page.url().replace(/&klart=.*/, '');
  await axe(page, 'meeting-planned');
  check('the ready case is offered', (await page.textContent('table:has(caption:has-text("kan läggas"))')).includes(caseNumber));
  await page.click('table:has(caption:has-text("kan läggas")) button:has-text("Lägg till")');
  check('the case is on the agenda', (await page.textContent('table:has(caption:has-text("Punkter"))')).includes(caseNumber));
  // an item's changes are folded into its row's "Ändra"
  await page.click('details.row-actions:has(input[id^="bifoga-"]) summary');
  await page.fill('input[id^="bifoga-"]', `${caseNumber}-1`);
  await page.click('form:has(input[id^="bifoga-"]) button[value=bifoga]');
  check('a record goes with the notice', (await page.textContent('.notice-preview')).includes(`${caseNumber}-1`));
  check('the delegated decision is on the agenda to report', (await page.textContent('.notice-preview')).includes('punkt 3.2'));
  await axe(page, 'meeting-agenda');
  const pdf = await page.request.get(`${base}/sammantrade/kallelse.pdf?${meetingUrl.split('?')[1]}`);
  check('the notice PDF downloads', pdf.status() === 200 && (await pdf.body()).subarray(0, 5).toString() === '%PDF-');
  await page.click('button:has-text("Skicka kallelse")');
  check('the notice is sent', (await flash(page)).includes('kallat'), await flash(page));
  await axe(page, 'meeting-called');

  // attendance is one form, saved once
  await page.selectOption('#narvaro-1', 'present');
  await page.selectOption('#narvaro-2', 'present');
  await page.selectOption('#narvaro-3', 'absent');
  await page.selectOption('#narvaro-4', 'present');
  await page.selectOption('#for-4', '3');
  await page.click('button:has-text("Spara närvaro")');
  check('the attendance is saved at once', (await flash(page)).includes('Närvaron'), await flash(page));
  check('the substitute serves for the absent ledamot',
    (await page.textContent('table:has(caption:has-text("Ledamöter och ersättare"))')).includes('Cilla Carlsson'));
  await page.click('button[form="justerare-2"]');
  check('the adjuster is appointed', (await flash(page)).includes('Justerarna'), await flash(page));
  await page.click('button:has-text("Upprätta protokoll")');
  check('the minutes are drawn up with numbered paragraphs', (await page.textContent('main')).includes('§ 3'), await flash(page));
  const para = page.locator(`section.paragraph:has(h3:has-text("${caseNumber}")), section.paragraph:has(h3:has-text("Bygglov"))`).first();
  await para.locator('textarea[form="beslut-alla"]').fill('Bygglov beviljas.');
  await page.locator('button:has-text("Spara alla beslut")').last().click();
  check('the decision is saved', (await flash(page)).includes('Besluten är sparade'), await flash(page));
  const para2 = page.locator('section.paragraph:has(h3:has-text("Bygglov"))').first();
  await para2.locator('summary:has-text("Reservation eller jäv")').click();
  await para2.locator('select[name="ledamot"]').selectOption({ label: 'Bengt Berg' });
  await para2.locator('select[name="slag"]').selectOption('reservation');
  await para2.locator('input[name="text"]').fill('Till förmån för avslag');
  await para2.locator('button:has-text("Anteckna")').click();
  check('the reservation is recorded', (await page.textContent('main')).includes('Reservation: Bengt Berg'));
  await axe(page, 'meeting-minutes');
  check('the secretary has no Justera button', (await page.locator('button:text-is("Justera")').count()) === 0);

  const anna = await login(browser, 'anna');
  await anna.goto(meetingUrl);
  await axe(anna, 'meeting-chair');
  check('the chair reads the minutes but is offered no secretary\'s forms',
    (await anna.locator('textarea').count()) === 0 && (await anna.textContent('main')).includes('Beslut: Bygglov beviljas.'));
  await anna.click('button:text-is("Justera")');
  check('the chair approves', (await flash(anna)).includes('justerat protokollet'), await flash(anna));
  check('the chair approval is shown', (await anna.textContent('table:has(caption:has-text("Ordförande och justerare"))')).includes('Godkänt'));
  const bengt = await login(browser, 'bengt');
  await bengt.goto(meetingUrl);
  await bengt.click('button:text-is("Justera")');
  check('the last approval adjusts the minutes', (await flash(bengt)).includes('anslaget på anslagstavlan'), await flash(bengt));
  await axe(bengt, 'meeting-adjusted-adjuster');

  await page.goto(meetingUrl);
  check('the minutes are frozen: no decision forms', (await page.locator('textarea[form="beslut-alla"]').count()) === 0);
  const minutesLink = page.locator('a:has-text("Protokollet som PDF")');
  check('the minutes PDF is linked', (await minutesLink.count()) === 1);
  const mp = await page.request.get(base + (await minutesLink.getAttribute('href')));
  check('the minutes PDF downloads', mp.status() === 200 && (await mp.body()).subarray(0, 5).toString() === '%PDF-');
  await page.locator('summary:has-text("Expediera protokollsutdrag")').first().click();
  await page.locator('input[name="part"][value="Sven Svensson"]').check();
  await page.locator('textarea[name="mottagare"]').first().fill('Byggnadsnämnden');
  await page.locator('button:has-text("Expediera")').first().click();
  check('the extract is dispatched', (await flash(page)).includes('expedierat'), await flash(page));
  check('the dispatch to a party of the case and another recipient is listed',
    (await page.textContent('main')).includes('Expedierat till Sven Svensson') &&
    (await page.textContent('main')).includes('Expedierat till Byggnadsnämnden'));
  await axe(page, 'meeting-dispatched');
  await page.goto(`${base}/arende?nr=${encodeURIComponent(caseNumber)}`);
  const caseText = await page.textContent('main');
  check('the case is decided, with the decision and the extracts as records',
    caseText.includes('Beslutat') && caseText.includes('Beslut § 3') && caseText.includes('Protokollsutdrag'), caseText.slice(0, 300));
  check('the case page links its meeting and §',
    (await page.locator('dl.meta a[href^="/sammantrade"]').textContent().catch(() => '')).includes('§ 3'));
  await page.goto(`${base}/sammantraden`);
  await axe(page, 'meetings');
  check('the meeting is listed as adjusted', (await page.textContent('table')).includes('Justerat'));
  await page.goto(`${base}/delegationsbeslut`);
  check('the delegated decision is reported', (await page.textContent('table')).includes('Ja, sammanträde'));
  check('no CSP violations', cspErrors.length === 0, cspErrors.join(' | '));
} catch (e) {
  fail('flow', e.message.split('\n').slice(0, 3).join(' '));
} finally {
  await browser.close();
}
process.exit(failed() ? 1 : 0);
