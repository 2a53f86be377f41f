// Browser tests of the back office: Debian chromium driven by
// playwright-core, axe-core on every page. A handler registers a paper
// application and works it from the inbox to the issued answer, a reviewer
// approves the draft in between, the 答复书 is printed; then a supervisor
// publishes the region's annual report. Prints TAP lines (tests/cli/lib.sh
// counts them). Usage: node office.js BASE_URL SHOT_DIR PASSWORD YEAR
'use strict';
const { tap, axeViolations, screenshot, launch } = require('./lib');

const [base, shots, password, year] = process.argv.slice(2);
const t = tap();
const { ok } = t;

async function accessible(page, name) {
  const result = await axeViolations(page);
  ok(result.length === 0, `${name}: axe-core finds no serious or critical violation`, result.join('\n'));
  await screenshot(page, shots, `office-${name}`);
}

// Sign in through the login form, as a person would.
async function signIn(page, user) {
  await page.goto(`${base}/office/inbox`);
  ok(page.url().includes('/office/login'), `${user}: the back office asks to sign in first`, page.url());
  await page.fill('#username', user);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(/\/office\/inbox/), page.click('button[type=submit]')]);
  ok((await page.textContent('h1')).startsWith('待办申请'), `${user}: signed in, the inbox opens`);
}

async function signOut(page) {
  await Promise.all([page.waitForURL(/\/office\/login/), page.click('header button:has-text("退出")')]);
}

// Open the <details> of an action and submit its form.
async function act(page, summary, fill) {
  const box = page.locator('details', { has: page.locator(`summary:has-text("${summary}")`) });
  if ((await box.getAttribute('open')) === null) await box.locator('summary').click();
  if (fill) await fill(box);
  await Promise.all([page.waitForLoadState(), box.locator('button[type=submit]').click()]);
}

(async () => {
  const { browser, page, errors } = await launch();

  // The handler registers a paper application received by post.
  await signIn(page, 'e_handler');
  await accessible(page, 'inbox');
  await page.click('nav >> text=登记申请');
  await accessible(page, 'register');
  await page.selectOption('#channel', 'post');
  await page.fill('#received', '2025-06-16');
  await page.fill('#submitted', '2025-06-12');
  await page.fill('#name', '陈一');
  await page.fill('#id_number', '350102199003071234');
  await page.fill('#phone', '13800138010');
  await page.fill('#address', '福州市鼓楼区某路20号');
  await page.fill('#description', '请公开2024年城区道路维修项目的招标结果');
  await Promise.all([page.waitForURL(/\/office\/cases\/[0-9]+/), page.click('button:has-text("登记")')]);
  const caseUrl = page.url().split('?')[0];
  ok((await page.textContent('[role=status]')).includes('申请已登记'), 'register: the case page says it is registered');
  const trace = await page.textContent('.trace');
  ok(trace.includes('2025-06-16') && trace.includes('第三十一条'), 'case: the trace explains the received date with 第三十一条', trace);
  ok(trace.includes('答复截止日：2025-07-14'), 'case: the due date is 20 working days later (2025-07-14)', trace);
  ok((await page.textContent('main')).includes('陈*'), 'case: the applicant is masked');
  await accessible(page, 'case');

  // The case is in the inbox, sorted by working days left.
  await page.goto(`${base}/office/inbox`);
  ok(await page.$(`a[href="${new URL(caseUrl).pathname}"]`) !== null, 'inbox: lists the new case');
  await page.click(`a[href="${new URL(caseUrl).pathname}"]`);
  await page.waitForLoadState();

  // Draft the answer and send it for review.
  await act(page, '拟写答复并送审', async (box) => {
    await box.locator('select[name=outcome]').selectOption('C1');
    await box.locator('textarea[name=basis]').fill('属于可以公开的政府信息（第三十六条第二项）');
    await box.locator('textarea[name=files]').fill('2024年城区道路维修项目招标结果.pdf');
    await box.locator('input[name=date]').fill('2025-06-20');
  });
  ok((await page.textContent('h1')).includes('待审核'), 'draft: the case waits for review', await page.textContent('h1'));
  ok((await page.textContent('[role=status]')).includes('答复拟稿送审'), 'draft: the step is confirmed');
  ok(await page.$('summary:has-text("审核答复")') === null, 'draft: the handler is not offered the review');
  await signOut(page);

  // The reviewer finds it under 待审核 and approves it.
  await signIn(page, 'e_reviewer');
  await page.selectOption('#f-stage', 'review');
  await Promise.all([page.waitForLoadState(), page.click('button:has-text("筛选")')]);
  await page.click(`a[href="${new URL(caseUrl).pathname}"]`);
  await page.waitForLoadState();
  await act(page, '审核答复', async (box) => { await box.locator('input[name=date]').fill('2025-06-23'); });
  ok((await page.textContent('h1')).includes('待签发'), 'review: approved, the answer waits to be issued');
  await accessible(page, 'review');
  await signOut(page);

  // The handler issues the answer, prints the 答复书, and archives the case.
  await signIn(page, 'e_handler');
  await page.goto(caseUrl);
  await act(page, '签发答复', async (box) => { await box.locator('input[name=date]').fill('2025-06-24'); });
  ok((await page.textContent('h1')).includes('已答复'), 'issue: the case is answered');
  ok((await page.textContent('.case-grid')).includes('C1 予以公开'), 'issue: the outcome is C1 予以公开');
  const letter = page.locator('section[aria-labelledby=letters] li', { hasText: '答复书' });
  const preview = await letter.locator('a:has-text("预览")').getAttribute('href');
  await page.goto(base + preview);
  const text = await page.textContent('body');
  ok(text.includes('政府信息公开申请答复书') && text.includes('陈一'), 'letter: the 答复书 is addressed to the applicant by name', text.slice(0, 300));
  ok(text.includes('行政复议') && text.includes('行政诉讼'), 'letter: it states the remedies');
  await page.goto(caseUrl);
  await Promise.all([page.waitForLoadState(), letter.locator('button:has-text("编号并出具")').click()]);
  ok((await page.textContent('[role=status]')).includes('文书已编号出具'), 'letter: the page confirms the issue');
  ok((await page.textContent('section[aria-labelledby=letters]')).includes('〔2026〕'), 'letter: issued with a document number of the year it is issued', await page.textContent('section[aria-labelledby=letters]'));
  await act(page, '办结归档', async (box) => { await box.locator('input[name=date]').fill('2025-06-25'); });
  ok((await page.textContent('h1')).includes('已办结'), 'archive: the case is closed');
  ok(await page.$('section.actions') === null, 'archive: no action is offered any more');
  const steps = await page.$$eval('ol.events li', (els) => els.map((e) => e.textContent));
  ok(steps.length === 6, 'archive: six dated steps in the history (received, assigned, drafted, approved, answered, closed)', steps.join('\n'));
  await accessible(page, 'closed');
  await signOut(page);

  // The supervisor publishes the region's annual report.
  await signIn(page, 'e_supervisor');
  await page.goto(`${base}/office/reports`);
  await accessible(page, 'reports');
  const res = await page.goto(`${base}/office/reports/qu-zf/${year}?region=1`);
  ok(res.status() === 200, `report: the region's ${year} report compiles`, res.status());
  await accessible(page, 'report');
  // Every finding blocks publication: enter table 二's figures from the
  // other systems, and write section 五.
  const figures = page.locator('form.figure');
  for (let left = await figures.count(); left > 0; left -= 1) {
    const form = page.locator('form.figure').first();
    await form.locator('input[name=value]').fill('12');
    await form.locator('input[name=source]').fill('行政审批局业务系统导出');
    await Promise.all([page.waitForLoadState(), form.locator('button[type=submit]').click()]);
  }
  const five = page.locator('form#text-5');
  await five.locator('textarea').fill('本年度政府信息公开工作存在的主要问题：依申请公开答复文书格式有待统一。改进情况：已制定答复文书模板并组织培训。');
  await Promise.all([page.waitForLoadState(), five.locator('button[type=submit]').click()]);
  const publish = page.locator('button:has-text("发布年度报告")');
  ok(await publish.count() > 0, 'report: a publish button is offered once nothing blocks it', await page.textContent('main'));
  if (await publish.count() > 0) {
    await Promise.all([page.waitForLoadState(), publish.first().click()]);
    ok((await page.textContent('main')).includes('已发布'), 'report: published (frozen)');
    const portal = await page.goto(`${base}/org/qu-zf/reports/${year}`);
    ok(portal.status() === 200, 'report: the portal shows the published report');
    await accessible(page, 'published');
  }

  // The supervisor's other pages, each checked by axe-core.
  for (const [url, name] of [['/office/supervision', 'supervision'],
    ['/office/supervision/quarterly?year=2025&quarter=2', 'quarterly'],
    ['/office/supervision/assessment?year=2025', 'assessment'],
    ['/office/supervision/complaints', 'complaints'],
    ['/office/supervision/appeals', 'appeals'],
    ['/office/dashboard?year=2025', 'dashboard']]) {
    const r = await page.goto(base + url);
    ok(r.status() === 200, `${name}: ${url} answers 200`, r.status());
    await accessible(page, name);
  }
  ok((await page.$$('main svg')).length > 0, 'dashboard: the charts are drawn on the server (SVG)');
  await signOut(page);

  // The handler's documents pages.
  await signIn(page, 'e_handler');
  for (const [url, name] of [['/office/documents', 'documents'], ['/office/documents/new', 'document-new']]) {
    const r = await page.goto(base + url);
    ok(r.status() === 200, `${name}: ${url} answers 200`, r.status());
    await accessible(page, name);
  }

  ok(errors.length === 0, 'no script error on any page', errors.join('\n'));
  await browser.close();
  console.log(`1..${t.count()}`);
  process.exit(t.failed() ? 1 : 0);
})().catch((e) => {
  console.log(`not ok ${t.count() + 1} - the browser session ran to the end`);
  console.log(`#   ${String(e.stack || e).split('\n').join('\n#   ')}`);
  process.exit(1);
});
