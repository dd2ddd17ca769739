// covers: P-1, P-2, P-3, P-6, NORM-4
// The administrator's definitions editor and versions page in the built staff app on the real
// server with the seed definitions, in Debian's Chromium under the server's content security policy
// (no compiling in the page: the checks as one types are the server's, POST /api/definitions/validate),
// on a desktop (1280×900) and a 390×844 touch phone. The seed's ~170 files are grouped by kind with
// their titles and searched; 24h → 12hours in the on-site policy is an error at its line before 发布
// is pressed; a "{" left open is one error at the bracket; the 影响 tab replays today's repairs under
// 12h; publishing 24h → 12h, which three seed scenarios contradict, asks first and publishes nothing
// when told not to, then publishes when told to; the versions page shows who published what and the
// open repairs left on version 1, which follow the new deadline after a dry run. axe-core finds no
// serious or critical violation on either page. Screenshots go to test-artifacts/editor.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDefinitionFiles } from '../../engine/definitions/index.ts';
import { realServer, type RealServer } from '../helpers/real-server.ts';
import { PHONE } from './phone-context.ts';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts/editor';
const ADMIN_PASSWORD = 'editor-tour-admin-password';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe.skipIf(!existsSync(CHROMIUM))('the definitions editor and the versions page in the real app', () => {
  let s: RealServer;
  let uiDir: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    uiDir = mkdtempSync(join(tmpdir(), 'sf-editor-ui-'));
    execFileSync(process.execPath, ['ui/build.mjs', '--outdir', uiDir], { stdio: 'pipe' });
    s = await realServer({}, { definitionsDir: 'definitions', uiDir, adminPassword: ADMIN_PASSWORD });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await s?.close();
    if (uiDir) rmSync(uiDir, { recursive: true, force: true });
  });

  it('groups and searches the files, checks as one types, reports an open "{" once, shows the impact, and asks before publishing what the scenarios contradict', async () => {
    // two repairs registered at the Jinan branch today, for the impact replay
    const staff = await s.login('br1.staff');
    for (const customerName of ['王建国', '李秀英']) {
      const res = await s.api('POST', '/api/cases', {
        token: staff,
        body: {
          workflow: 'repair',
          data: {
            customerName,
            address: '济南市历下区经十路 100 号',
            phone: '0531-86123456',
            productModel: 'VS1-12',
            fault: '断路器跳闸',
            channel: 'phone',
          },
        },
      });
      expect(res.status, res.text).toBe(201);
    }
    const desk = await browser!.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await open(desk, s.server.url);
    const editor = page.locator('sf-app sf-definition-editor');
    await page.goto(`${s.server.url}/#/admin`);
    await editor.locator('.cm-editor').waitFor();
    await status(editor, /定义全部有效/);

    // the files by kind, each group counted, the files by their titles; every seed file in one group
    const files = editor.locator('sf-definition-files');
    const summaries = await files.locator('details > summary').allInnerTexts();
    expect(summaries.map((x) => x.replace(/\s+\d+ 个.*$/s, ''))).toEqual([
      '流程',
      '表单',
      '服务时限',
      '考核计分',
      '组织机构',
      '工作日历',
      '服务条线',
      '通知模板',
      '服务话术',
      '档案',
      '台账',
      '月度报告',
      '定时任务',
      '场景测试',
    ]);
    const counted = summaries.map((x) => Number(/(\d+) 个/.exec(x)![1]));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(readDefinitionFiles('definitions').length);
    expect(await files.locator('button[data-path="definitions/workflows/repair.yaml"] .title').textContent()).toBe(
      '售后报修',
    );
    await page.screenshot({ path: `${ARTIFACTS}/editor-desktop.png`, fullPage: true });

    // searching finds the on-site policy by its title
    await files.locator('input[type="search"]').fill('24小时上门');
    await expect.poll(() => files.locator('details').count()).toBe(1);
    await files.locator('button[data-path="definitions/sla/repair-on-site.yaml"]').click();
    const target = editor.locator('.cm-line').filter({ hasText: 'target: { duration: 24h' });
    await target.waitFor();

    // 24h → 12hours: an error at its line while typing, before anything is published
    await selectWord(page, target, '24h');
    await page.keyboard.type('12hours', { delay: 30 });
    const issues = editor.locator('[part="issues"] li.error'); // (the seed calendar's warning about next year's holidays stays listed)
    await expect
      .poll(() => issues.allInnerTexts(), { timeout: 30_000 })
      .toEqual([
        // the administrator reads zh-CN: the validator speaks the catalogue's Chinese
        expect.stringMatching(/^definitions\/sla\/repair-on-site\.yaml:15:\d+: .*duration.*格式不对/),
      ]);
    await status(editor, /1 处错误/);
    await editor.locator('.cm-lint-marker-error').first().waitFor();
    expect(await editor.locator('[part="publish"]').isDisabled()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/editor-live-check.png`, fullPage: true });

    // 12h: valid again
    await selectWord(page, editor.locator('.cm-line').filter({ hasText: 'duration: 12hours' }), '12hours');
    await page.keyboard.type('12h', { delay: 30 });
    await status(editor, /定义全部有效/);

    // a "{" left open: one error, at the bracket (line 15, column 11), not one per reference
    const line = editor.locator('.cm-line').filter({ hasText: 'target: { duration: 12h' });
    await line.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await expect
      .poll(() => issues.allInnerTexts(), { timeout: 30_000 })
      .toEqual([expect.stringMatching(/^definitions\/sla\/repair-on-site\.yaml:15:11: 这个「\{」没有闭合/)]);
    await status(editor, /1 处错误/);
    expect(await editor.locator('.cm-lint-marker-error').count()).toBe(1);
    // and the file keeps its title in the list while it does not parse (the search by title still finds it)
    expect(await files.locator('button[data-path="definitions/sla/repair-on-site.yaml"] .title').textContent()).toBe(
      '24小时上门服务',
    );
    await page.screenshot({ path: `${ARTIFACTS}/editor-unclosed-bracket.png`, fullPage: true });
    await page.keyboard.type('}');
    await status(editor, /定义全部有效/);

    // 24h → 12h contradicts three seed scenarios: publishing runs them, asks, and publishes nothing when told not to
    const before = await versionsCount();
    await editor.locator('[part="publish"]').click();
    const dialog = editor.locator('dialog[open]');
    await dialog.waitFor({ timeout: 120_000 });
    // the scenarios by their titles, and why in the administrator's words and time zone
    expect(await dialog.innerText()).toMatch(/3 个场景测试失败：报修24小时内上门、按预约时间上门、节假日前报修/);
    expect(await editor.locator('[data-scenario="repair-24-hours"]').innerText()).toMatch(
      /^未通过 报修24小时内上门：.*截止时间是 2026\/09\/15 05:00，应为 2026\/09\/15 17:00/,
    );
    await page.screenshot({ path: `${ARTIFACTS}/editor-confirm.png` });
    await expectAccessible(page, 'the question before publishing');
    await dialog.locator('[part="confirm-cancel"]').click();
    await editor.locator('dialog').waitFor({ state: 'detached' });
    expect(await versionsCount()).toBe(before);
    await expectAccessible(page, 'the editor');

    // the 影响 tab: last month's… here today's recorded repairs replayed under 12h, each deadline 12 hours earlier
    await editor.locator('[role="tab"][data-tab="impact"]').click();
    const impact = editor.locator('sf-definition-impact');
    const today = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(Date.now());
    await impact.locator('input[name="from"]').fill(today);
    await impact.locator('input[name="to"]').fill(today);
    await impact.locator('[part="impact-run"]').click();
    const report = impact.locator('[part="impact-report"]');
    await report.waitFor({ timeout: 120_000 });
    const row = report.locator('tr[data-unit="br1"][data-workflow="repair"]');
    expect((await row.locator('th, td').allInnerTexts()).slice(0, 4)).toEqual(['济南分公司 · 售后报修', '2', '2', '0']);
    expect(await report.innerText()).not.toMatch(/repair-on-site|\bbr1\b/);
    await page.screenshot({ path: `${ARTIFACTS}/editor-impact.png`, fullPage: true });
    await expectAccessible(page, 'the impact tab');

    // publishing anyway: asked again, and this time version 2 is published
    await editor.locator('[part="publish"]').click();
    await dialog.waitFor({ timeout: 120_000 });
    await dialog.locator('[part="confirm-publish"]').click();
    await editor.locator('[part="message"]').filter({ hasText: '已发布版本' }).waitFor({ timeout: 60_000 });
    expect(await versionsCount()).toBe(before + 1);

    // the versions page: who published each version, when, and the open cases still on each
    await page.locator('sf-app [role="tab"][data-tab="versions"]').click();
    const versions = page.locator('sf-app sf-definition-versions');
    await versions.locator('tr[data-seq="2"]').waitFor();
    expect(await versions.locator('tr[data-seq="2"] th').innerText()).toMatch(/版本 2\s*当前版本/);
    expect((await versions.locator('tr[data-seq="2"] td').allInnerTexts()).slice(0, 2)).toEqual([
      '系统管理员',
      expect.stringMatching(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/),
    ]);
    expect(await versions.locator('tr[data-seq="1"] [part="open-cases"]').innerText()).toBe('2');
    await page.screenshot({ path: `${ARTIFACTS}/versions-desktop.png`, fullPage: true });
    await expectAccessible(page, 'the versions page');

    // the two repairs follow the new deadline: recompute the clocks only, the dry run first
    await versions.locator('tr[data-seq="1"] [part="migrate"][data-workflow="repair"]').click();
    const migration = versions.locator('sf-case-migration');
    expect(await migration.locator('[part="migration-apply"]').isDisabled()).toBe(true);
    await migration.locator('input[name="clocksOnly"]').check();
    await migration.locator('textarea[name="reason"]').fill('总部要求12小时内上门，未结报修按新时限');
    await migration.locator('[part="migration-dry-run"]').click();
    const plan = migration.locator('[part="migration-plan"]');
    await plan.waitFor({ timeout: 60_000 });
    expect(await plan.locator('[part="migration-counts"]').innerText()).toMatch(/选中 2 个案件：将迁移 2 个/);
    const planned = plan.locator('tbody tr');
    expect(await planned.count()).toBe(2);
    for (const text of await planned.allInnerTexts())
      expect(text).toMatch(/济南分公司\s+将迁移[\s\S]*24小时上门服务: \S+ \S+ → \S+ \S+/);
    expect(await versionsCount()).toBe(before + 1);
    await page.screenshot({ path: `${ARTIFACTS}/migration-dry-run.png`, fullPage: true });
    await expectAccessible(page, 'the migration dry run');
    await migration.locator('[part="migration-apply"]').click();
    await migration.locator('[part="migration-result"]').waitFor({ timeout: 60_000 });
    expect(await migration.locator('[part="migration-result"] [part="migration-counts"]').innerText()).toMatch(
      /迁移完成：已迁移 2 个/,
    );
    // and the counts are read again: none left on version 1
    await expect.poll(() => versions.locator('tr[data-seq="1"] [part="open-cases"]').innerText()).toBe('0');
    expect(await versions.locator('tr[data-seq="2"] [part="open-cases"]').innerText()).toBe('2');
    expect(pageErrors.get(page)).toEqual([]);
    await desk.close();

    // on a 390×844 phone: the list above the editor, nothing wider than the screen, both pages accessible
    const phone = await browser!.newContext(PHONE);
    const mobile = await open(phone, s.server.url);
    await mobile.goto(`${s.server.url}/#/admin`);
    const phoneEditor = mobile.locator('sf-app sf-definition-editor');
    await phoneEditor.locator('.cm-editor').waitFor();
    await status(phoneEditor, /定义全部有效/);
    expect(
      await mobile.evaluate(() => document.documentElement.scrollWidth),
      'the page scrolls sideways',
    ).toBeLessThanOrEqual(390);
    await mobile.screenshot({ path: `${ARTIFACTS}/editor-phone.png`, fullPage: true });
    await expectAccessible(mobile, 'the editor on a phone');
    await mobile.goto(`${s.server.url}/#/admin/versions`);
    await mobile.locator('sf-app sf-definition-versions tr[data-seq="2"]').waitFor();
    expect(
      await mobile.evaluate(() => document.documentElement.scrollWidth),
      'the versions page scrolls sideways',
    ).toBeLessThanOrEqual(390);
    await mobile.screenshot({ path: `${ARTIFACTS}/versions-phone.png`, fullPage: true });
    await expectAccessible(mobile, 'the versions page on a phone');
    expect(pageErrors.get(mobile)).toEqual([]);
    await phone.close();
  }, 400_000);

  async function versionsCount(): Promise<number> {
    const res = await s.api('GET', '/api/definitions/versions', { token: await s.login('admin', ADMIN_PASSWORD) });
    return (res.body as unknown[]).length;
  }
});

const pageErrors = new WeakMap<Page, string[]>();

/** A page of the context, logged in as the administrator. */
async function open(context: BrowserContext, base: string): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (e) => errors.push(e.message));
  await login(page, base);
  return page;
}

async function login(page: Page, base: string) {
  await page.goto(`${base}/`);
  const form = page.locator('sf-app form[part="login"]');
  await form.locator('input[name="username"]').fill('admin');
  await form.locator('input[name="password"]').fill(ADMIN_PASSWORD);
  await form.locator('button[type="submit"]').click();
  await page.locator('sf-app [part~="user"]').first().waitFor({ state: 'attached' });
}

async function status(editor: Locator, text: RegExp) {
  await expect.poll(() => editor.locator('[part="status"]').innerText(), { timeout: 60_000 }).toMatch(text);
}

/** Double-clicks `word` in a line of the editor: CodeMirror selects it, and typing replaces it. */
async function selectWord(page: Page, line: Locator, word: string) {
  await line.scrollIntoViewIfNeeded();
  const box = await line.evaluate((el, w) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(w);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + w.length);
      const r = range.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }
    return null;
  }, word);
  expect(box, `"${word}" in the line`).not.toBeNull();
  await page.mouse.dblclick(box!.x, box!.y);
}

/** No serious or critical axe-core violation on the page (shadow roots included). */
async function expectAccessible(page: Page, where: string) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: {
          run: (
            c: Document,
            o: unknown,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
  expect(violations, where).toEqual([]);
}
