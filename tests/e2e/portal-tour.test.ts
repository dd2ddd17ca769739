// covers: NORM-5, NORM-8, NORM-6
// The customer's portal and the staff inbox end to end: the real server (`node bin/serviceframe.js
// serve`) on a free port with the seed definitions, driven in Debian's Chromium through the built
// app. A customer files a repair — name and phone taken from their login, no staff-only 来源 — and
// the branch's service lead, whose page is open, sees it arrive in the inbox live (unread count in
// the header) and opens the case from there. Staff then comment (one note internal, one reply
// public), dispatch and plan the visit; the customer's page follows live and shows the progress, the
// technician with a call link, the appointment and the public reply — and nothing of the inside of
// the company — on a desktop and on a 390×844 touch screen without sideways scrolling. When the work
// is done the customer rates it on the case itself. Screenshots go to test-artifacts/portal-tour.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servingUrl } from '../helpers/serving-url.ts';
import { axeViolations } from './axe-check.ts';
import { horizontalOverflow } from './overflow.ts';
import { smallTargets } from './tap-targets.ts';
import { PHONE } from './phone-context.ts';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts/portal-tour';
const PASSWORD = 'portal-tour-demo-password';

/** Never on a customer's page: a staff note, usernames, the staff-only field, scripts, the plan, notification lines. */
const INTERNAL = [
  '内部备注-客户较急',
  'br1.',
  '来源',
  '电话（800服务电话）',
  '您好',
  '更换合闸线圈',
  '已通知',
  'repair-',
  '无人可指派',
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function newestMtime(dirs: readonly string[]): number {
  let newest = 0;
  for (const dir of dirs) {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

describe.skipIf(!existsSync(CHROMIUM))(
  'portal tour: a customer follows and rates a repair; the lead sees it in the inbox',
  () => {
    let dataDir: string;
    let server: ChildProcess | undefined;
    let output = '';
    let base: string;
    let browser: Browser | undefined;
    const tokens = new Map<string, string>();

    /** Staff act through the API (their pages are the staff tour's subject). */
    async function token(as: string): Promise<string> {
      if (!tokens.has(as)) {
        const res = await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: as, password: PASSWORD }),
        });
        tokens.set(as, ((await res.json()) as { token: string }).token);
      }
      return tokens.get(as)!;
    }

    async function act(as: string, path: string, body: unknown) {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await token(as)}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status, `${path} as ${as}: ${await res.clone().text()}`).toBe(200);
      return res.json() as Promise<Record<string, unknown>>;
    }

    beforeAll(async () => {
      if (
        !existsSync('dist/ui/index.html') ||
        newestMtime(['ui', 'engine']) >
          (existsSync('dist/ui/serviceframe.js') ? statSync('dist/ui/serviceframe.js').mtimeMs : 0)
      ) {
        execFileSync(process.execPath, ['ui/build.mjs'], { stdio: 'pipe' });
      }
      dataDir = mkdtempSync(join(tmpdir(), 'sf-portal-tour-'));
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      server = spawn(process.execPath, ['bin/serviceframe.js', 'serve'], {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          DEFINITIONS_DIR: 'definitions',
          SERVICEFRAME_DEMO: '1',
          SERVICEFRAME_DEMO_PASSWORD: PASSWORD,
          SERVICEFRAME_ADMIN_PASSWORD: 'portal-tour-admin-password',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server.stdout!.on('data', (chunk) => (output += chunk));
      server.stderr!.on('data', (chunk) => (output += chunk));
      // ready when it logs that it serves (rejects with its log if it exits first)
      await servingUrl(server, 'the server');
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
      if (server && server.exitCode === null) {
        const exited = new Promise((r) => server!.once('exit', r));
        server.kill('SIGTERM');
        const timer = setTimeout(() => server!.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it(
      'files, follows and rates a repair in the portal, free of internal content on desktop and phone',
      { timeout: 240_000 },
      async () => {
        const desktop = await browser!.newContext({
          viewport: { width: 1280, height: 900 },
          locale: 'zh-CN',
          timezoneId: 'Asia/Shanghai',
        });
        const pageErrors: string[] = [];

        // given the branch's service lead has the app open
        const lead = await desktop.newPage();
        lead.setDefaultTimeout(60_000);
        lead.on('pageerror', (e) => pageErrors.push(e.message));
        await lead.goto(`${base}/`);
        await login(lead, 'br1.lead', '姜主管');
        const bell = lead.locator('sf-app sf-inbox');
        await bell.locator('button.bell').waitFor();
        expect(await bell.locator('[part~="count"]').count()).toBe(0);

        // when a customer (in another window) files a repair: name and phone come from their login, 来源 is not asked
        const customer = await (
          await browser!.newContext({
            viewport: { width: 1280, height: 900 },
            locale: 'zh-CN',
            timezoneId: 'Asia/Shanghai',
          })
        ).newPage();
        customer.setDefaultTimeout(60_000);
        customer.on('pageerror', (e) => pageErrors.push(e.message));
        await customer.goto(`${base}/`);
        await login(customer, 'cust.zhang', '张先生');
        const app = customer.locator('sf-app');
        await app.locator('nav a[data-page="new"]').click();
        await app.locator('select[name="workflow"]').selectOption('repair');
        const start = app.locator('sf-form');
        await expect
          .poll(() => start.locator('.field[data-pointer="/customerName"] input').inputValue())
          .toBe('张先生');
        expect(await start.locator('.field[data-pointer="/phone"] input').inputValue()).toBe('13800138000');
        expect(await start.locator('.field[data-pointer="/channel"]').count()).toBe(0);
        await fill(start, '/address', '济南市历下区经十路100号');
        await fill(start, '/productModel', 'ZW32-12');
        await fill(start, '/fault', '真空断路器无法合闸');
        await start.locator('button[part~="submit"]').click();
        const portal = app.locator('sf-portal-case');
        await expectText(portal.locator('[part~="status"]'), '已受理');
        const id = (await portal.getAttribute('case-id'))!;

        // then the lead's header counts it at once, and the inbox entry opens the case
        await expectText(bell.locator('[part~="count"]'), '1');
        await bell.locator('button.bell').click();
        const entry = bell.locator('[part~="panel"] li.unread').first();
        await expectText(entry, '新报修待派工');
        await expectAccessible(lead, 'the open inbox');
        await lead.screenshot({ path: `${ARTIFACTS}/inbox.png` });
        await entry.locator('a').click();
        // the entry opens the case by its number (#/cases/BX-…), the id's twin in every URL
        const number = (
          await (
            await fetch(`${base}/api/cases/${id}`, { headers: { authorization: `Bearer ${await token('br1.lead')}` } })
          ).json()
        ).number as string;
        expect(number).toMatch(/^BX-\d{4}-\d{5}$/);
        await lead.locator(`sf-app sf-case[case-id="${number}"], sf-app sf-case[case-id="${id}"]`).waitFor();
        await expect.poll(() => bell.locator('[part~="count"]').count()).toBe(0);

        // when staff work the case: an internal note, a public reply, dispatch and the planned visit
        await act('br1.staff', `/api/cases/${id}/events`, {
          type: 'comment',
          data: { text: '内部备注-客户较急', visibility: 'internal' },
        });
        await act('br1.staff', `/api/cases/${id}/events`, {
          type: 'comment',
          data: { text: '已为您安排维修师傅，请保持电话畅通。', visibility: 'public' },
        });
        await act('br1.lead', `/api/cases/${id}/events`, {
          type: 'dispatch',
          data: { technician: 'br1.tech', inWarranty: false },
        });
        await act('br1.tech', `/api/cases/${id}/events`, {
          type: 'plan',
          data: { plan: '更换合闸线圈', appointmentAt: '2026-12-20T15:00:00+08:00' },
        });

        // then the customer's page follows live: the step, the technician with a call link, the appointment, the public reply
        await expectText(portal.locator('[part~="status"]'), '已预约待上门');
        await expectText(portal.locator('[part~="technician"]'), '谢师傅');
        expect(await portal.locator('[part~="technician"] a[href^="tel:"]').count()).toBe(1);
        await expectText(portal.locator('[part~="appointment"]'), '2026');
        await expectText(portal.locator('[part~="reply"]'), '已为您安排维修师傅');
        await expectClean(customer, 'the case page');
        await expectAccessible(customer, 'the case page');
        await customer.screenshot({ path: `${ARTIFACTS}/portal-case.png`, fullPage: true });

        // and on a phone, the same without sideways scrolling
        const phone = await (await browser!.newContext(PHONE)).newPage();
        phone.setDefaultTimeout(60_000);
        phone.on('pageerror', (e) => pageErrors.push(e.message));
        await phone.goto(`${base}/#/cases/${encodeURIComponent(id)}`);
        await login(phone, 'cust.zhang', '张先生', true);
        await expectText(phone.locator('sf-app sf-portal-case [part~="status"]'), '已预约待上门');
        await expectClean(phone, 'the case page on a phone');
        await expectPhoneFit(phone, 'the case page on a phone');
        await phone.screenshot({ path: `${ARTIFACTS}/portal-case-phone.png`, fullPage: true });
        // the bell tells the visit time in local words, each entry read top to bottom
        await phone.locator('sf-app sf-inbox button.bell').tap();
        const visit = phone.locator('sf-app sf-inbox [part~="panel"] li').filter({ hasText: '上门时间已确定' }).first();
        await expectText(visit, '2026/12/20 15:00');
        expect(await visit.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
        await expectPhoneFit(phone, 'the open inbox on a phone');
        await phone.screenshot({ path: `${ARTIFACTS}/portal-inbox-phone.png` });
        await phone.locator('sf-app sf-inbox button.bell').tap();
        // moving the visit asks the new time (opening on the agreed one) and why, not the repair plan
        await phone.locator('sf-app sf-portal-case button[data-event="reschedule"]').tap();
        const move = phone.locator('sf-app sf-portal-case [part~="actions"] sf-form');
        await expect.poll(() => move.locator('.field[data-pointer="/appointmentAt"] input').inputValue()).not.toBe('');
        expect(await move.locator('.field[data-pointer="/plan"]').count()).toBe(0);
        await expectPhoneFit(phone, 'the reschedule form on a phone');
        await phone.screenshot({ path: `${ARTIFACTS}/portal-reschedule-phone.png`, fullPage: true });

        // and a customer who reads English reads the case in English, titles and labels alike
        const english = await (await browser!.newContext(PHONE)).newPage();
        english.setDefaultTimeout(60_000);
        english.on('pageerror', (e) => pageErrors.push(e.message));
        await english.addInitScript(() => localStorage.setItem('serviceframe-locale', 'en'));
        await english.goto(`${base}/#/cases/${encodeURIComponent(id)}`);
        await login(english, 'cust.zhang', 'Mr Zhang', true);
        const inEnglish = english.locator('sf-app sf-portal-case');
        await expectText(inEnglish.locator('[part~="status"]'), 'Appointment made');
        await expectText(inEnglish.locator('[part~="header"] h2'), 'After-sales repair');
        await expectText(inEnglish.locator('[part~="request"]'), 'Product model');
        expect(await inEnglish.locator('ol.progress').textContent()).not.toMatch(/[\u4e00-\u9fff]/);
        await expectClean(english, 'the case page in English');
        await expectPhoneFit(english, 'the case page in English on a phone');
        await english.screenshot({ path: `${ARTIFACTS}/portal-case-phone-en.png`, fullPage: true });
        await english.context().close();

        // when the work is done and settled
        await act('br1.tech', `/api/cases/${id}/events`, {
          type: 'arrive',
          data: { idShown: true, apologyLetter: true, safetySigns: true },
        });
        await act('br1.tech', `/api/cases/${id}/events`, { type: 'complete', data: WORK_ORDER });
        await act('br1.staff', `/api/cases/${id}/events`, {
          type: 'settle',
          data: { amountReceived: 250.5, workOrderReturned: true },
        });

        // then the customer is asked to rate it on the case; a poor rating without a reason is refused at the field, what was chosen stays
        const rating = portal.locator('[part~="rating"]');
        await expectText(rating, '请评价本次服务');
        await expectText(portal.locator('[part~="status"]'), '已办结');
        await rating.locator('button[data-event="rate"]').click();
        const form = rating.locator('sf-form');
        await choose(form, '/rating', '不满意');
        await form.locator('button[part~="submit"]').click();
        await form.locator('.field[data-pointer="/comment"] [part~="error"]').waitFor();
        await choose(form, '/rating', '非常满意');
        await fill(form, '/comment', '师傅很专业，准时上门。');
        await customer.screenshot({ path: `${ARTIFACTS}/portal-rating.png`, fullPage: true });
        await form.locator('button[part~="submit"]').click();
        await expectText(rating, '感谢您的评价');
        await expectText(rating, '非常满意');
        await expectClean(customer, 'the rated case');
        await expectAccessible(customer, 'the rated case');
        await phone.reload();
        await expectText(phone.locator('sf-app sf-portal-case [part~="rating"]'), '感谢您的评价');
        await expectPhoneFit(phone, 'the rated case on a phone');
        await phone.screenshot({ path: `${ARTIFACTS}/portal-rated-phone.png`, fullPage: true });

        // and the customer's filter lists only workflows they may start or have cases in
        await customer.locator('sf-app nav a[data-page="list"]').click();
        const options = await customer.locator('sf-app sf-case-list select[name="workflow"] option').allTextContents();
        expect(options.some((o) => /巡查|服务部门设立|招标/.test(o))).toBe(false);
        expect(options.some((o) => o.includes('售后报修'))).toBe(true);
        expect(pageErrors).toEqual([]);
      },
    );
  },
);

const WORK_ORDER = {
  customerName: '张三',
  address: '济南市历下区经十路100号',
  phone: '13800138000',
  equipmentName: '真空断路器',
  productModel: 'ZW32-12',
  serviceTime: '2026-12-20T15:00:00+08:00',
  onSiteDate: '2026-12-20',
  serviceForm: 'on-site',
  serviceContent: '试合闸正常',
  serviceStaff: '谢师傅',
  paymentMethod: 'self-paid',
  visitFee: 50,
  transportFee: 20.5,
  travelFee: 0,
  customerPaid: 180,
  onSiteIn24h: true,
  serviceComplete: true,
  feeScheduleShown: true,
  serviceQuality: 'satisfied',
  signature: { image: 'data:image/png;base64,iVBORw0KGgo=', signedAt: '2026-12-20T16:30:00+08:00', signer: '张三' },
};

async function login(page: Page, username: string, name: string, phone = false) {
  const form = page.locator('sf-app form[part="login"]');
  await form.locator('input[name="username"]').fill(username);
  await form.locator('input[name="password"]').fill(PASSWORD);
  await form.locator('button[type="submit"]').click();
  // On a phone the user's name is inside the header's menu.
  if (phone) await page.locator('sf-app button.menu-toggle').waitFor();
  else await expectText(page.locator('sf-app [part~="user"]'), name);
}

async function expectText(locator: Locator, text: string) {
  await locator.filter({ hasText: text }).first().waitFor();
}

async function fill(form: Locator, pointer: string, value: string) {
  await form.locator(`.field[data-pointer="${pointer}"]`).locator('input, textarea').first().fill(value);
}

async function choose(form: Locator, pointer: string, label: string) {
  const field = form.locator(`.field[data-pointer="${pointer}"]`);
  if ((await field.locator('select').count()) > 0) await field.locator('select').selectOption({ label });
  else await field.getByRole('radio', { name: label, exact: true }).check();
}

/** Every text and attribute the customer's page shows, shadow roots included, holds nothing internal. */
async function expectClean(page: Page, where: string) {
  const shown = await page.evaluate(() => {
    const parts: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
        for (const a of el.getAttributeNames()) parts.push(el.getAttribute(a) ?? '');
        if (el.children.length === 0) parts.push(el.textContent ?? '');
      }
    };
    walk(document);
    return parts.join('\n');
  });
  for (const needle of INTERNAL) expect(shown.includes(needle), `${where} shows ${needle}`).toBe(false);
}

/** No serious or critical axe-core violation on the page (shadow roots included). */
async function expectAccessible(page: Page, where: string) {
  expect(await axeViolations(page), where).toEqual([]);
}

/**
 * The page as a phone shows it, with every disclosure open: nothing wider than the screen (measured
 * against the viewport the test set, see overflow.ts), every target at least 44 px, axe clean.
 */
async function expectPhoneFit(page: Page, where: string) {
  await page.evaluate(() => {
    const open = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el instanceof HTMLDetailsElement) el.open = true;
        if (el.shadowRoot) open(el.shadowRoot);
      }
    };
    open(document);
  });
  expect(await horizontalOverflow(page), `${where}: wider than the screen`).toBe('');
  expect(await smallTargets(page), `${where}: targets under 44 px`).toBe('');
  await expectAccessible(page, where);
}
