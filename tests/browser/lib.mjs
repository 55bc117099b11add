// lib.mjs — what every browser test shares: PASS/FAIL lines like the rest
// of the suite, Debian's Chromium launched through playwright-core, and
// axe-core's WCAG 2.1 AA check of a page (with an optional screenshot).
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// suite(LABEL): pass, fail and check print "PASS LABEL: name" or
// "FAIL LABEL: name (why)"; failed() counts the failures, for the exit code.
export function suite(label) {
  let failures = 0;
  const pass = (name) => console.log(`PASS ${label}: ${name}`);
  const fail = (name, why) => { failures++; console.log(`FAIL ${label}: ${name}${why ? ` (${why})` : ''}`); };
  const check = (name, cond, why) => (cond ? pass(name) : fail(name, why));
  return { pass, fail, check, failed: () => failures };
}

// axeChecker(check, SHOTS, PREFIX): an axe(page, name) that checks the page
// against WCAG 2.1 AA, naming each violation and where, and when SHOTS names
// a folder saves a full-page screenshot there as PREFIX + name + '.png'.
export function axeChecker(check, shots, prefix = '') {
  return async function axe(page, name) {
    // axe-core is injected through the DevTools protocol, not as a page
    // script: the CSP (script-src 'self') would rightly refuse it.
    await page.evaluate(axeSource);
    const result = await page.evaluate(() =>
      window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
    const v = result.violations;
    check(`axe WCAG 2.1 AA on ${name}`, v.length === 0,
      v.map((x) => `${x.id}: ${x.nodes.length} × ${x.nodes[0]?.target}`).join('; '));
    if (shots) await page.screenshot({ path: `${shots}/${prefix}${name}.png`, fullPage: true });
  };
}

// launch(EXTRA_ARGS): Debian's Chromium, headless, without the sandbox
// (which needs privileges a test machine may not grant) and without the
// background services that would reach the network on their own.
export function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', ...extraArgs, '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
