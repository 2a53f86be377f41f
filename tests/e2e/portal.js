// Browser tests of the portal: Debian chromium driven by playwright-core,
// accessibility checked with axe-core on every page. Prints TAP lines
// (tests/cli/lib.sh counts them). Usage: node portal.js BASE_URL SHOT_DIR
'use strict';
const path = require('path');
const { tap, axeViolations, screenshot, launch } = require('./lib');

const base = process.argv[2];
const shots = process.argv[3];
const t = tap();
const { ok } = t;

async function accessible(page, name) {
  const result = await axeViolations(page);
  ok(result.length === 0, `${name}: axe-core finds no serious or critical violation`, result.join('\n'));
}

async function shot(page, name) {
  await screenshot(page, shots, name);
}

async function visit(page, url, name, check) {
  const res = await page.goto(base + url);
  ok(res && res.status() === 200, `${name}: ${url} answers 200`, res && res.status());
  await check();
  await accessible(page, name);
  await shot(page, name);
}

(async () => {
  const { browser, page, errors } = await launch();

  await visit(page, '/', 'home', async () => {
    ok((await page.textContent('h1')).includes('政府信息公开'), 'home: the heading names the column');
    const parts = await page.$$eval('ul.parts strong', (els) => els.map((e) => e.textContent));
    ok(JSON.stringify(parts) === JSON.stringify(['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报']),
      'home: the four fixed parts of 61号, in order', parts.join(','));
    ok(await page.getAttribute('html', 'lang') === 'zh-CN', 'home: lang is zh-CN');
  });

  // Browse: an agency, its catalogue by a category, a document.
  const orgLink = await page.$('main ul:not(.parts) li a');
  ok(orgLink !== null, 'home: lists the agencies under the region');
  await orgLink.click();
  await page.waitForLoadState();
  ok(page.url().includes('/org/'), 'browse: the agency page opens', page.url());
  await page.click('nav.column >> text=法定主动公开内容');
  await page.waitForLoadState();
  await accessible(page, 'catalogue');
  await shot(page, 'catalogue');
  const rows = await page.$$('table.catalogue tbody tr');
  ok(rows.length > 0, 'catalogue: lists documents', rows.length);
  const cells = await page.$$eval('table.catalogue thead th', (els) => els.map((e) => e.textContent));
  ok(cells.join('|') === '索引号|标题|文号|生成日期|公开日期', 'catalogue: shows 索引号, 标题, 文号, 生成日期, 公开日期', cells.join('|'));
  await page.click('table.catalogue tbody tr:first-child a');
  await page.waitForLoadState();
  ok(page.url().includes('/documents/'), 'browse: a document opens', page.url());
  ok(await page.$('meta[name="ArticleTitle"]') !== null, 'document: carries the 47号 meta tags');
  await accessible(page, 'document');
  await shot(page, 'document');

  // Search for a two-character term and see highlighted results.
  await visit(page, '/search?q=' + encodeURIComponent('公开'), 'search', async () => {
    const status = await page.textContent('[role=status]');
    ok(/[0-9]+ 条结果/.test(status), 'search: says how many results', status);
    ok((await page.$$('ol.hits li')).length > 0, 'search: 公开 finds documents');
    ok((await page.$$('ol.hits mark')).length > 0, 'search: matches are highlighted');
  });

  // A published annual report in the official layout, with its downloads.
  const reports = await page.goto(base + '/org/' + (await page.evaluate(() => document.querySelector('nav.column a').getAttribute('href').split('/')[2])) + '/reports');
  ok(reports.status() === 200, 'reports: the 年报 page answers 200');
  const reportLink = await page.$('main ul li a');
  ok(reportLink !== null, 'reports: lists published reports');
  await reportLink.click();
  await page.waitForLoadState();
  ok((await page.$$('main table')).length >= 3, 'report: tables 二, 三, 四 are on the page');
  ok(await page.$('a[href$="format=xlsx"]') !== null, 'report: offers the XLSX download');
  await accessible(page, 'report');
  await shot(page, 'report');

  // 适老化: switch on, the page grows, switch off.
  await page.goto(base + '/');
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  await Promise.all([page.waitForURL(base + '/'), page.click('text=适老化（大字版）')]);
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  ok(after > before, `适老化: larger text (${before}px → ${after}px)`);
  ok(await page.evaluate(() => document.body.classList.contains('care')), '适老化: the mode holds after the redirect');
  await accessible(page, 'care');
  await shot(page, 'care');
  await Promise.all([page.waitForURL(base + '/'), page.click('text=标准版')]);
  ok(!(await page.evaluate(() => document.body.classList.contains('care'))), '适老化: switched off again');

  // Keyboard only: skip link first, then search from the keyboard.
  await page.goto(base + '/');
  await page.keyboard.press('Tab');
  ok(await page.evaluate(() => document.activeElement.textContent) === '跳到正文', 'keyboard: the first Tab reaches the skip link');
  await page.keyboard.press('Enter');
  ok(await page.evaluate(() => location.hash) === '#main', 'keyboard: the skip link jumps to the content');
  await page.focus('#q');
  await page.keyboard.type('预算');
  await Promise.all([page.waitForURL(/\/search\?q=/), page.keyboard.press('Enter')]);
  ok(page.url().includes('/search?q='), 'keyboard: Enter in the search box searches', page.url());

  // A citizen applies online, keeps the receipt, and follows the case.
  await visit(page, '/apply', 'apply', async () => {
    ok((await page.textContent('h1')) === '在线申请政府信息公开', 'apply: the form opens');
  });
  await page.selectOption('#agency', { index: 1 });
  await page.fill('#name', '张三');
  await page.fill('#id_number', '350102199003071234');
  await page.fill('#phone', '13800138000');
  await page.fill('#address', '福建省福州市鼓楼区某某路1号');
  await page.fill('#description', '请公开2024年部门预算及说明');
  await page.check('input[name="declaration"]');
  await Promise.all([page.waitForURL(/\/receipt\//), page.click('form.apply button[type="submit"]')]);
  const code = (await page.textContent('td strong')).trim();
  ok(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/.test(code), `receipt: shows the 查询号 ${code}`);
  const receipt = await page.textContent('main');
  ok(receipt.includes('张*') && !receipt.includes('350102199003071234') && !receipt.includes('13800138000'),
    'receipt: the applicant is masked, no ID number or phone');
  await accessible(page, 'receipt');
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ path: path.join(shots, 'receipt.pdf') });
  ok(pdf.length > 1000, `receipt: prints (${pdf.length} bytes of PDF)`);
  await page.emulateMedia({ media: 'screen' });
  await shot(page, 'receipt');
  await page.goto(base + '/track');
  await page.fill('#code', code.toLowerCase().replace(/-/g, ' '));
  await Promise.all([page.waitForURL(/\/track\?code=/), page.click('main form button')]);
  ok((await page.textContent('main')).includes('办理中'), 'track: the case is found by its 查询号 as typed (lower case, spaces)');
  await accessible(page, 'track');
  await shot(page, 'track');

  // Escaping: what came from the ledger is text, never markup (the runner
  // imported a document titled <script>alert(1)</script>).
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await page.goto(base + '/search?q=alert');
  const titles = await page.$$eval('ol.hits li > a', (els) => els.map((e) => e.textContent));
  ok(titles.includes('<script>alert(1)</script>'), 'escaping: a title made of markup shows as text', titles.join(' | '));
  await page.click('ol.hits li > a');
  await page.waitForLoadState();
  ok((await page.textContent('h1')) === '<script>alert(1)</script>', 'escaping: the document page shows the title as text');
  ok(dialogs.length === 0, 'escaping: no script from the data ran', dialogs.join(', '));
  ok(errors.length === 0, 'no script error on any page', errors.join('\n'));
  await browser.close();
  console.log(`# ${t.count() - t.failed()} of ${t.count()} passed`);
  process.exit(t.failed() ? 1 : 0);
})().catch((e) => {
  console.log(`not ok ${t.count() + 1} - the browser test ran to the end`);
  console.log(`#   ${String(e.stack || e).split('\n').join('\n#   ')}`);
  process.exit(1);
});
