// covers: INFO-2, FORM-2, PROC-3
// The case page in the built staff app on the real server with the seed definitions, in Debian's
// Chromium, on a desktop (1280×900) and on a 390×844 touch phone: registering looks the customer up
// in the archive as the phone is typed and fills the rest; the technician's work order opens filled
// from the registration; the case page shows the case at its top (registration and signed work order,
// formatted, the signature as an image) without expanding anything, and with every history entry
// open is no wider than the phone. Screenshots go to test-artifacts/case-page.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realServer, type RealServer } from '../helpers/real-server.ts';
import { DEMO_PASSWORD } from '../server/server-support.ts';
import { PHONE as PHONE_SCREEN } from './phone-context.ts';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts/case-page';
const MAP = 'https://maps.example/search?q={address}';
const PHONE = '0531-86123456';
const ADDRESS = '济南市历下区经十路 100 号';

describe.skipIf(!existsSync(CHROMIUM))('the case page in the real app, desktop and phone', () => {
  let s: RealServer;
  let uiDir: string;
  let browser: Browser | undefined;
  const tokens = new Map<string, string>();
  const token = async (u: string) => tokens.get(u) ?? (tokens.set(u, await s.login(u)), tokens.get(u)!);
  const send = async (id: string, as: string, type: string, data: unknown) => {
    const res = await s.api('POST', `/api/cases/${id}/events`, { token: await token(as), body: { type, data } });
    expect(res.status, res.text).toBe(200);
  };

  beforeAll(async () => {
    uiDir = mkdtempSync(join(tmpdir(), 'sf-case-page-ui-'));
    execFileSync(process.execPath, ['ui/build.mjs', '--outdir', uiDir], { stdio: 'pipe' });
    s = await realServer({ SERVICEFRAME_MAP_URL: MAP }, { definitionsDir: 'definitions', uiDir });
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

  it('looks the customer up, prefills the work order, and shows the case on a desktop and a phone', async () => {
    // given an earlier repair of the same customer (which put them in the customer archive)
    const earlier = await s.api('POST', '/api/cases', {
      token: await token('br1.staff'),
      body: {
        workflow: 'repair',
        data: {
          customerName: '王建国',
          address: ADDRESS,
          phone: PHONE,
          productModel: 'VS1-12',
          fault: '柜门无法关闭',
          channel: 'phone',
        },
      },
    });
    expect(earlier.status, earlier.text).toBe(201);
    const base = s.server.url;
    const desk = await browser!.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await desk.newPage();
    page.setDefaultTimeout(60_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const app = page.locator('sf-app');
    await page.goto(`${base}/`);
    await login(page, 'br1.staff', '戚客服');

    // when the staff register a new repair and type the caller's phone
    await app.locator('nav a[data-page="new"]').first().click();
    await app.locator('select[name="workflow"]').selectOption('repair');
    const start = app.locator('sf-form');
    await fill(start, '/phone', PHONE);
    // then the archive offers the customer, with the earlier case and its product at hand
    const offer = app.locator('sf-archive-lookup [part~="archive-record"]');
    await offer.filter({ hasText: '王建国' }).waitFor();
    await app.locator('sf-archive-lookup [part~="archive-cases"]').filter({ hasText: 'VS1-12' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/registration-lookup.png`, fullPage: true });
    await offer.locator('[part~="archive-fill"]').click();
    // and filling takes the name and address from the archive
    await expect.poll(() => value(start, '/customerName')).toBe('王建国');
    expect(await value(start, '/address')).toBe(ADDRESS);
    await fill(start, '/productModel', 'ZW32-12');
    await fill(start, '/fault', '断路器跳闸无法合闸');
    await start.locator('button[part~="submit"]').click();
    const caseView = app.locator('sf-case');
    await caseView.locator('header').waitFor();
    const id = (await caseView.getAttribute('case-id'))!;
    expect(id).toBeTruthy();
    await logout(page);

    // (dispatch, plan and arrival as the tour does them, through the API)
    await send(id, 'br1.lead', 'dispatch', { technician: 'br1.tech', inWarranty: false });
    await send(id, 'br1.tech', 'plan', { plan: '更换合闸线圈' });
    await send(id, 'br1.tech', 'arrive', { idShown: true, apologyLetter: true, safetySigns: true });

    // when the technician opens the work order
    await login(page, 'br1.tech', '谢师傅');
    await page.goto(`${base}/#/cases/${encodeURIComponent(id)}`);
    await caseView.locator('button[data-event="complete"]').click();
    const form = caseView.locator('[part~="event-form"][data-event="complete"] sf-form');
    await form.locator('.field').first().waitFor();
    // then what was registered is there to confirm, not to retype
    await expect.poll(() => value(form, '/customerName')).toBe('王建国');
    expect(await value(form, '/address')).toBe(ADDRESS);
    expect(await value(form, '/phone')).toBe(PHONE);
    expect(await value(form, '/productModel')).toBe('ZW32-12');
    expect(await value(form, '/serviceStaff')).toBe('谢师傅');
    await fill(form, '/equipmentName', '真空断路器');
    await fill(form, '/serviceTime', '2026-11-26T10:30');
    await fill(form, '/onSiteDate', '2026-11-26');
    await choose(form, '/serviceForm', '上门服务');
    await fill(form, '/serviceContent', '更换合闸线圈，试合闸正常');
    await choose(form, '/paymentMethod', '自费');
    await fill(form, '/visitFee', '50');
    await fill(form, '/transportFee', '20.5');
    await choose(form, '/onSiteIn24h', '是');
    await choose(form, '/serviceComplete', '是');
    await choose(form, '/feeScheduleShown', '是');
    await choose(form, '/serviceQuality', '满意');
    await sign(page, form.locator('.field[data-pointer="/signature"] canvas'));
    await form.locator('[part~="signature-signed-at"]').waitFor();
    await form.locator('button[part~="submit"]').click();
    await caseView.locator('[part~="state"]').filter({ hasText: '结算' }).waitFor();

    // then the case page shows the case at its top, formatted, without expanding anything
    const summary = caseView.locator('sf-case-summary');
    await checkSummary(page, summary, 900);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${ARTIFACTS}/case-desktop.png`, fullPage: true });
    await logout(page);

    // and settlement opens at the work order's total
    await login(page, 'br1.staff', '戚客服');
    await page.goto(`${base}/#/cases/${encodeURIComponent(id)}`);
    await caseView.locator('button[data-event="settle"]').click();
    const settle = caseView.locator('[part~="event-form"][data-event="settle"] sf-form');
    await expect.poll(() => value(settle, '/amountReceived')).toMatch(/^70\.50?$/);
    expect(errors).toEqual([]);
    await desk.close();

    // on a 390×844 touch phone: the summary is on the first screen, and every history entry open stays within the screen
    const phone = await browser!.newContext(PHONE_SCREEN);
    const mobile = await phone.newPage();
    mobile.setDefaultTimeout(60_000);
    mobile.on('pageerror', (e) => errors.push(e.message));
    await mobile.goto(`${base}/`);
    await login(mobile, 'br1.tech', '谢师傅');
    await mobile.goto(`${base}/#/cases/${encodeURIComponent(id)}`);
    const phoneCase = mobile.locator('sf-app sf-case');
    await checkSummary(mobile, phoneCase.locator('sf-case-summary'), 844);
    await phoneCase.locator('[part~="history-entry"]').first().waitFor();
    await phoneCase.evaluate((el) => el.shadowRoot!.querySelectorAll('details').forEach((d) => (d.open = true)));
    await phoneCase.locator('[part~="history-data"]').filter({ hasText: '上门服务' }).waitFor();
    const width = await mobile.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'the page scrolls sideways').toBeLessThanOrEqual(390);
    const history = await phoneCase.locator('[part~="history"]').innerText();
    expect(history).not.toMatch(/serviceForm|customerName|base64|\{"/);
    await mobile.evaluate(() => window.scrollTo(0, 0));
    await mobile.screenshot({ path: `${ARTIFACTS}/case-phone.png`, fullPage: true });
    expect(errors).toEqual([]);
    await phone.close();
  }, 240_000);
});

/** The summary's registration and work order values, visible on the first screen (the name) and formatted. */
async function checkSummary(page: Page, summary: Locator, screenHeight: number) {
  const name = summary.locator('dd[data-path="customerName"]');
  await name.waitFor();
  expect(await name.isVisible()).toBe(true);
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = (await name.boundingBox())!;
  expect(box.y + box.height, 'the customer is on the first screen').toBeLessThanOrEqual(screenHeight);
  expect((await name.innerText()).trim()).toBe('王建国');
  expect(await summary.locator('dd[data-path="phone"] a').getAttribute('href')).toBe('tel:053186123456');
  expect(await summary.locator('dd[data-path="address"] a[part~="map-link"]').getAttribute('href')).toBe(
    MAP.replace('{address}', encodeURIComponent(ADDRESS)),
  );
  expect((await summary.locator('dd[data-path="workOrder.serviceForm"]').innerText()).trim()).toBe('上门服务');
  expect((await summary.locator('dd[data-path="workOrder.total"]').innerText()).trim()).toBe('¥70.50');
  expect(await summary.locator('dd[data-path="workOrder.signature"] img').isVisible()).toBe(true);
  const text = await summary.innerText();
  expect(text).not.toMatch(/on-site|self-paid|serviceForm|\btrue\b|base64|\{/);
}

async function login(page: Page, username: string, name: string) {
  const form = page.locator('sf-app form[part="login"]');
  await form.locator('input[name="username"]').fill(username);
  await form.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await form.locator('button[type="submit"]').click();
  await page.locator('sf-app [part~="user"]').filter({ hasText: name }).first().waitFor({ state: 'attached' });
}

async function logout(page: Page) {
  // Logging out ends the session on the server; a fresh page load then shows the login form.
  await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST' }).catch(() => undefined));
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.reload();
  await page.locator('sf-app form[part="login"]').waitFor();
}

async function fill(form: Locator, pointer: string, text: string) {
  await form.locator(`.field[data-pointer="${pointer}"]`).locator('input, textarea').first().fill(text);
}

function value(form: Locator, pointer: string): Promise<string> {
  return form.locator(`.field[data-pointer="${pointer}"]`).locator('input, textarea').first().inputValue();
}

async function choose(form: Locator, pointer: string, label: string) {
  const field = form.locator(`.field[data-pointer="${pointer}"]`);
  if ((await field.locator('select').count()) > 0) await field.locator('select').selectOption({ label });
  else await field.getByRole('radio', { name: label, exact: true }).check();
}

async function sign(page: Page, canvas: Locator) {
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 14; i++)
    await page.mouse.move(box.x + box.width * (0.1 + i * 0.055), box.y + box.height * (0.5 - Math.sin(i * 0.9) * 0.3), {
      steps: 2,
    });
  await page.mouse.up();
}
