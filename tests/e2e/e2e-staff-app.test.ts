// End-to-end: the staff app built with `npm run build:ui`, in Debian's Chromium (playwright-core),
// against a real HTTP server on the seed definitions. A repair is registered by the hotline, dispatched
// by the market development manager, planned, attended and completed by the technician with the
// customer's signature drawn on the pad; the ledger then shows its row. Screenshots of the worklist,
// the case view, the work order form and the signed work order printed from the history (print
// media), and the A4 ledger are kept under test-artifacts/e2e.
//
// The built files are served from a temporary directory next to the real app, with the real app's
// security headers (its content security policy forbids `new Function`, so the forms run without the
// compiled schema validator and the server's 422 answers fill in; see ui/components/compile-without-eval.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDefinitionFiles } from '../../engine/definitions/index.ts';
import { openSqliteStore } from '../../adapters/sqlite/store/sqlite-store.ts';
import { createApp } from '../../server/app.ts';
import type { AppEnv } from '../../server/context.ts';
import { staticRoutes } from '../../server/routes/static-routes.ts';
import { createServices } from '../../server/services.ts';
import { openServerStorage } from '../../adapters/sqlite/server/open-sqlite-server-storage.ts';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts/e2e';
const PASSWORD = 'demo-password-e2e';

const canRun = existsSync(CHROMIUM);

describe.skipIf(!canRun)('staff app end to end', () => {
  let uiDir: string;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let close: () => Promise<void>;

  beforeAll(async () => {
    uiDir = mkdtempSync(join(tmpdir(), 'sf-e2e-ui-'));
    execFileSync(process.execPath, ['ui/build.mjs', '--outdir', uiDir], { stdio: 'pipe' });
    const store = openSqliteStore(':memory:');
    const storage = openServerStorage(':memory:');
    const services = await createServices({
      store,
      storage,
      initialFiles: () => readDefinitionFiles('definitions'),
      adminPassword: 'admin-password-e2e',
      demoPassword: PASSWORD,
    });
    const api = createApp(services);
    // The same security headers on the built files as the server sends everywhere.
    const headers = (await api.request('/api/health')).headers;
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => {
      await next();
      for (const name of ['content-security-policy', 'x-content-type-options', 'cross-origin-resource-policy']) {
        const value = headers.get(name);
        if (value && !c.res.headers.has(name)) c.res.headers.set(name, value);
      }
    });
    app.route('/', staticRoutes({ dir: uiDir }));
    app.route('/', api);
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    mkdirSync(ARTIFACTS, { recursive: true });
    close = async () => {
      await services.projector.flush();
      await storage.close();
      await store.close();
    };
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await close?.();
    if (uiDir) rmSync(uiDir, { recursive: true, force: true });
  });

  it('registers a repair, dispatches it, completes the work order with a signature, and shows the ledger row', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    let csp = '';
    page.on('response', (r) => {
      if (r.url() === `${base}/`) csp = r.headers()['content-security-policy'] ?? '';
    });

    // the hotline registers the repair
    await login(page, base, 'hq.staff');
    await page.locator('sf-app nav a[data-page="new"]').click();
    await page.locator('sf-app select[name="workflow"]').selectOption('repair');
    const start = page.locator('sf-app sf-form');
    await start.locator('.field').first().waitFor();
    await fillForm(page, start, {
      '/customerName': '王建国',
      '/address': '北京市海淀区中关村大街 1 号',
      '/phone': '010-62345678',
      '/productModel': 'KX-200',
      '/fault': '空调不制冷',
    });
    const caseView = page.locator('sf-app sf-case');
    await caseView.locator('header').waitFor();
    const id = (await caseView.getAttribute('case-id'))!;
    expect(id).toBeTruthy();
    await expect.poll(() => stateOf(page)).toBe('已受理待派工');
    await logout(page);

    // the market development manager dispatches it to the technician
    await login(page, base, 'hq.mdm');
    const list = page.locator('sf-app sf-case-list');
    await list.locator('button[data-scope="unit"]').click();
    await list.locator(`tr[data-id="${id}"]`).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/worklist.png`, fullPage: true });
    await list.locator(`tr[data-id="${id}"] a[href^="#/cases/"]`).click();
    await sendEvent(page, 'dispatch', { '/technician': '吴师傅', '/inWarranty': '否' });
    await expect.poll(() => stateOf(page)).toBe('制定维修方案');
    await logout(page);

    // the technician plans, arrives and completes the work order, signed by the customer
    await login(page, base, 'hq.tech');
    await page.locator(`sf-app sf-case-list tr[data-id="${id}"] a[href^="#/cases/"]`).click();
    await sendEvent(page, 'plan', { '/plan': '更换压缩机启动电容' });
    await expect.poll(() => stateOf(page)).toBe('已预约待上门');
    await sendEvent(page, 'arrive', {});
    await expect.poll(() => stateOf(page)).toBe('现场维修');
    await page.screenshot({ path: `${ARTIFACTS}/case.png`, fullPage: true });
    await sendEvent(
      page,
      'complete',
      {
        '/customerName': '王建国',
        '/address': '北京市海淀区中关村大街 1 号',
        '/phone': '010-62345678',
        '/equipmentName': '分体空调',
        '/productModel': 'KX-200',
        '/serviceForm': '上门服务',
        '/paymentMethod': '保修',
        '/serviceQuality': '满意',
        '/serviceContent': '更换启动电容，试机正常',
        '/serviceStaff': '吴师傅',
      },
      async (form) => {
        await page.emulateMedia({ media: 'print' });
        await form.screenshot({ path: `${ARTIFACTS}/work-order-form.png` });
        await page.emulateMedia({ media: 'screen' });
      },
    );
    await expect.poll(() => stateOf(page)).toBe('结算');
    const history = await caseView.locator('[part="history"]').textContent();
    expect(history).toContain('填写客户服务工作单');
    // the signed work order printed on A4 from the case history
    await caseView.evaluate((el) => ((el as unknown as { printPage: () => void }).printPage = () => undefined));
    await caseView
      .locator('[part="history-entry"]', { hasText: '填写客户服务工作单' })
      .locator('[part="print-entry"]')
      .click();
    await caseView.locator('[part="print-view"] sf-form .field').first().waitFor({ state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${ARTIFACTS}/work-order-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await logout(page);

    // the general manager sees the ledger row of the repair
    await login(page, base, 'hq.gm');
    await page.locator('sf-app nav a[data-page="ledger"]').click();
    const row = page.locator(`sf-app sf-ledger tr[data-case="${id}"]`);
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells).toContain('王建国');
    expect(cells).toContain('更换启动电容，试机正常');
    expect(cells).toContain('吴师傅');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${ARTIFACTS}/ledger-print.png`, fullPage: true });
    expect(problems).toEqual([]);
    expect(csp).toMatch(/script-src 'self'/);
    await context.close();
  }, 120_000);
});

async function login(page: Page, base: string, username: string) {
  if (!page.url().startsWith(base)) await page.goto(`${base}/`);
  await page.locator('sf-app form[part="login"] input[name="username"]').fill(username);
  await page.locator('sf-app form[part="login"] input[name="password"]').fill(PASSWORD);
  await page.locator('sf-app form[part="login"] button[type="submit"]').click();
  await page.locator('sf-app nav a').first().waitFor();
}

async function logout(page: Page) {
  await page.locator('sf-app [part="logout"]').click();
  await page.locator('sf-app form[part="login"]').waitFor();
}

async function stateOf(page: Page) {
  return (await page.locator('sf-app sf-case [part~="state"]').textContent())?.trim();
}

/** Opens an event of the case shown, fills its form and sends it; `before` runs on the filled form. */
async function sendEvent(
  page: Page,
  type: string,
  values: Record<string, string>,
  before?: (form: Locator) => Promise<void>,
) {
  const view = page.locator('sf-app sf-case');
  await view.locator(`button[data-event="${type}"]`).click();
  const form = view.locator(`[part="event-form"][data-event="${type}"] sf-form`);
  await form.locator('.field').first().waitFor();
  // the case's version rides on its header (data-version); the page no longer prints it for staff
  const version = Number(await view.locator('header').getAttribute('data-version'));
  expect(version).toBeGreaterThan(0);
  await fillForm(page, form, values, before);
  await expect
    .poll(async () => Number(await view.locator('header').getAttribute('data-version')))
    .toBeGreaterThan(version);
}

/**
 * Fills a generated form as a user would: the given values, then every required field still empty
 * with a plausible value of its type (signatures drawn with the mouse), then submits — and fills
 * whatever the error summary still names, until the form is accepted.
 */
async function fillForm(
  page: Page,
  form: Locator,
  values: Record<string, string>,
  before?: (form: Locator) => Promise<void>,
) {
  for (const [pointer, value] of Object.entries(values)) await fillField(page, form, pointer, value);
  const filled = new Set(Object.keys(values));
  for (let round = 0; round < 4; round++) {
    const todo = await form.evaluate(
      (el: Element, done: string[]) => {
        const root = el.shadowRoot!;
        const summary = [...root.querySelectorAll('.summary a[data-field]')].map((a) => a.getAttribute('data-field')!);
        const required = [...root.querySelectorAll('.field')]
          .filter((f) => f.querySelector(':scope > label .required-mark, :scope > legend .required-mark'))
          .map((f) => f.getAttribute('data-pointer')!);
        return [...new Set([...summary, ...required.filter((p) => !done.includes(p))])];
      },
      [...filled],
    );
    for (const pointer of todo) {
      await fillField(page, form, pointer);
      filled.add(pointer);
    }
    if (round === 0 && before) await before(form);
    const summaryBefore = (await form.locator('.summary').count())
      ? await form.locator('.summary').textContent()
      : null;
    await form.locator('button[type="submit"]').click();
    // Wait for the answer to show (the form gone, or an error summary other than before), not for a
    // fixed time; a form the page keeps after accepting it shows neither, and the caller checks the
    // case's version.
    const answered = async () =>
      !(await form.count()) ||
      ((await form.locator('.summary').count()) > 0 &&
        (await form.locator('.summary').textContent()) !== summaryBefore);
    await expect
      .poll(answered, { timeout: 5_000 })
      .toBe(true)
      .catch(() => undefined);
    if (!(await form.count()) || !(await form.locator('.summary').count())) return;
  }
  throw new Error(`the form was not accepted: ${await form.locator('.summary').textContent()}`);
}

async function fillField(page: Page, form: Locator, pointer: string, value?: string) {
  const field = form.locator(`.field[data-pointer="${pointer}"]`).first();
  const type = await field.getAttribute('data-type');
  switch (type) {
    case 'yesno':
    case 'enum': {
      const radios = field.locator('input[type="radio"], input[type="checkbox"]');
      if (await radios.count()) {
        if (value) await field.locator('label.choice', { hasText: value }).first().locator('input').check();
        else await radios.first().check();
      } else {
        const select = field.locator('select');
        if (value) await select.selectOption({ label: value });
        else await select.selectOption({ index: 1 });
      }
      return;
    }
    case 'signature': {
      const canvas = field.locator('canvas');
      await canvas.scrollIntoViewIfNeeded();
      const box = (await canvas.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
      await page.mouse.down();
      for (let i = 1; i <= 12; i++)
        await page.mouse.move(box.x + box.width * (0.1 + i * 0.06), box.y + box.height * (0.6 - Math.sin(i) * 0.25));
      await page.mouse.up();
      return;
    }
    case 'user': {
      // people are offered by name once the directory has arrived
      const select = field.locator('select');
      await select.waitFor();
      if (value) await select.selectOption({ label: value });
      else await select.selectOption({ index: 1 });
      return;
    }
    case 'group':
    case 'rows':
    case 'attachment':
      return;
    default: {
      const samples: Record<string, string> = {
        phone: '010-62345678',
        mobile: '13800138000',
        date: '2026-11-26',
        datetime: '2026-11-26T10:30',
        number: '1',
        money: '100',
        email: 'customer@example.com',
        postcode: '100080',
        uscc: '91350100M000100Y43',
        textarea: 'E2E 测试',
        text: 'E2E 测试',
      };
      const control = field
        .locator('input:not([type="radio"]):not([type="checkbox"]):not([type="file"]), textarea, select')
        .first();
      await control.fill(value ?? samples[type ?? 'text'] ?? 'E2E');
    }
  }
}
