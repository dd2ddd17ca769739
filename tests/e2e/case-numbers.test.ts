// covers: INFO-1, NORM-1, CMP-5
// Human case numbers in the built app on the real server with the seed definitions, in Debian's
// Chromium (issue 15 item 6): the worklist shows each case by its number and its search finds a
// case by it as one types; the case opens at #/cases/<number> (also on a fresh load of that URL)
// with the number in its header; the lead's inbox names it; a linked case is named by its number;
// the customer's portal shows the customer's own request's number; on a 390×844 phone the
// worklist's cards carry it. Screenshots go to test-artifacts/case-numbers.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realServer, type RealServer } from '../helpers/real-server.ts';
import { DEMO_PASSWORD } from '../server/server-support.ts';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts/case-numbers';
const NUMBER = /^BX-\d{4}-\d{5}$/;

describe.skipIf(!existsSync(CHROMIUM))('case numbers in the real app', () => {
  let s: RealServer;
  let uiDir: string;
  let browser: Browser | undefined;
  const tokens = new Map<string, string>();
  const token = async (u: string) => tokens.get(u) ?? (tokens.set(u, await s.login(u)), tokens.get(u)!);
  const repair = async (as: string, customerName: string) => {
    const res = await s.api('POST', '/api/cases', {
      token: await token(as),
      body: {
        workflow: 'repair',
        data: {
          customerName,
          address: '济南市历下区经十路100号',
          phone: '13800138000',
          productModel: 'ZW32-12',
          fault: '无法合闸',
          channel: 'phone',
        },
      },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.number).toMatch(NUMBER);
    return res.body as { id: string; number: string };
  };

  beforeAll(async () => {
    uiDir = mkdtempSync(join(tmpdir(), 'sf-numbers-ui-'));
    execFileSync(process.execPath, ['ui/build.mjs', '--outdir', uiDir], { stdio: 'pipe' });
    s = await realServer({}, { definitionsDir: 'definitions', uiDir });
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

  it('lists, finds and opens cases by number on a desktop and a phone, and names them in the inbox and linked cases', async () => {
    // given two repairs, and a complaint transferred to headquarters (which starts a linked case)
    const first = await repair('br1.staff', '张三');
    const second = await repair('br1.staff', '李四');
    const complaint = await s.api('POST', '/api/cases', {
      token: await token('br1.staff'),
      body: {
        workflow: 'complaint',
        data: {
          customerName: '王五',
          address: '济南市',
          phone: '13800138000',
          productModel: 'ZW32-12',
          purchaseDate: '2024-03-01',
          problem: '要求整批更换',
          channel: 'phone',
          about: 'product',
        },
      },
    });
    expect(complaint.status, complaint.text).toBe(201);
    const moved = await s.api('POST', `/api/cases/${complaint.body.number}/events`, {
      token: await token('br1.cm'),
      body: { type: 'transfer-to-hq', data: { transferReason: '超出分公司权限' } },
    });
    expect(moved.status, moved.text).toBe(200);
    const hqNumber = moved.body.links.find((l: { name: string }) => l.name === 'hq-case').number as string;
    expect(hqNumber).toMatch(/^TS-\d{4}-\d{5}$/);

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
    await page.goto(`${s.server.url}/`);
    await login(page, 'br1.lead');

    // then the worklist shows each repair by its number, not its id
    const list = app.locator('sf-case-list');
    await list.locator(`tr[data-id="${first.id}"] [part~="case-number"]`).filter({ hasText: first.number }).waitFor();
    expect(await list.locator(`tr[data-id="${first.id}"]`).innerText()).not.toContain(first.id);
    await page.screenshot({ path: `${ARTIFACTS}/worklist.png`, fullPage: true });
    // and typing the number in the search leaves that case alone
    await list.locator('input[name="q"]').fill(second.number);
    await expect
      .poll(() => list.locator('tbody tr[data-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id'))))
      .toEqual([second.id]);

    // when the lead opens it, the URL and the header name the number
    await list.locator(`tr[data-id="${second.id}"] a[part~="case-number"]`).click();
    const header = app.locator('sf-case h2[part~="case-number"]');
    await header.filter({ hasText: second.number }).waitFor();
    expect(page.url()).toContain(`#/cases/${second.number}`);
    await page.screenshot({ path: `${ARTIFACTS}/case-page.png`, fullPage: true });
    // and a fresh load of a number's URL opens that case
    await page.goto(`${s.server.url}/#/cases/${first.number}`);
    await app.locator('sf-case h2[part~="case-number"]').filter({ hasText: first.number }).waitFor();
    await app.locator('sf-case sf-case-summary').filter({ hasText: '张三' }).waitFor();

    // the lead's inbox names the number of each new repair it tells of
    await app.locator('sf-inbox button').first().click();
    await app.locator('sf-inbox [part~="case-number"]').filter({ hasText: first.number }).first().waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/inbox.png` });
    await desk.close();

    // the transferred complaint names its headquarters case by number
    const staff = await browser!.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const staffPage = await staff.newPage();
    staffPage.setDefaultTimeout(60_000);
    await staffPage.goto(`${s.server.url}/`);
    await login(staffPage, 'br1.staff');
    await staffPage.goto(`${s.server.url}/#/cases/${complaint.body.number}`);
    await staffPage.locator('sf-app sf-case [part~="links"] a[part~="link"]').filter({ hasText: hqNumber }).waitFor();
    await staffPage.screenshot({ path: `${ARTIFACTS}/linked-case.png`, fullPage: true });
    await staff.close();

    // on a phone, the worklist's cards carry the numbers too
    const phone = await browser!.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const phonePage = await phone.newPage();
    phonePage.setDefaultTimeout(60_000);
    await phonePage.goto(`${s.server.url}/`);
    await login(phonePage, 'br1.lead');
    const card = phonePage.locator(`sf-app sf-case-list tr[data-id="${first.id}"] [part~="case-number"]`);
    await card.filter({ hasText: first.number }).waitFor();
    expect(await card.isVisible()).toBe(true);
    await phonePage.screenshot({ path: `${ARTIFACTS}/worklist-phone.png`, fullPage: true });
    await phone.close();
    expect(errors).toEqual([]);
  }, 240_000);

  it("shows a customer their own request's number in the portal", async () => {
    const own = await repair('cust.zhang', '张先生');
    const context = await browser!.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${s.server.url}/`);
    await login(page, 'cust.zhang');
    await page.locator('sf-app').getByText(own.number).first().waitFor();
    await page.goto(`${s.server.url}/#/cases/${own.number}`);
    await page.locator('sf-app sf-portal-case h2 [part~="case-number"]').filter({ hasText: own.number }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/portal.png`, fullPage: true });
    await context.close();
  }, 120_000);
});

async function login(page: Page, username: string) {
  const form = page.locator('sf-app form[part="login"]');
  await form.locator('input[name="username"]').fill(username);
  await form.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await form.locator('button[type="submit"]').click();
  await page.locator('sf-app [part~="user"]').first().waitFor({ state: 'attached' });
}
