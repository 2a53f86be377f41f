// What the browser tests share: TAP lines (tests/cli/lib.sh counts them),
// axe-core on a page, screenshots, and Debian's chromium launched the same
// way for every test.
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

const axePath = require.resolve('axe-core/axe.min.js');

// A TAP reporter: ok(cond, desc, detail) prints one line; count() and
// failed() for the end of the run.
function tap() {
  let n = 0;
  let failed = 0;
  const ok = (cond, desc, detail) => {
    n += 1;
    if (cond) {
      console.log(`ok ${n} - ${desc}`);
    } else {
      failed += 1;
      console.log(`not ok ${n} - ${desc}`);
      if (detail) console.log(`#   ${String(detail).split('\n').join('\n#   ')}`);
    }
  };
  return { ok, count: () => n, failed: () => failed };
}

// axe-core: no serious or critical violation on the page as it is now.
async function axeViolations(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 2).map((x) => x.target.join(' ')).join(', ')}`);
  });
}

async function screenshot(page, dir, name) {
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

// Debian's chromium, headless; axe is injected as a script, which the
// site's CSP (script-src 'self') rightly forbids, so the test context
// bypasses CSP for axe only. Page script errors are collected in errors.
async function launch() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ bypassCSP: true, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { browser, page, errors };
}

module.exports = { tap, axeViolations, screenshot, launch };
