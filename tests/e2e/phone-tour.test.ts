// covers: PROC-3
// The technician's phone (issue 15, items 3 and 10), in Debian's Chromium emulating a 390×844
// touch screen, against a real server (startServer on a free port, the seed definitions, the UI
// built into a folder of its own): the worklist as cards under a 筛选 button that folds the filters
// (the first case whole on the first screen), the header behind a menu, no horizontal
// overflow, every touch target at least 44 px (measured), the case's actions fixed within reach
// while the history scrolls, a tel: link and a map link on the card; the editor's code never requested by a
// technician but by the administrator; then the server stopped: a reload shows the app from the
// service worker's shell, the case as last read, the draft typed before and, once sent, the event
// queued in the outbox; the work order with every target 44 px, the signature pad across the screen
// and 拍照 taking the camera. Screenshots go to test-artifacts/phone.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../server/log.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { horizontalOverflow } from './overflow.ts';
import { smallTargets } from './tap-targets.ts';
import { PHONE } from './phone-context.ts';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts/phone';
const PASSWORD = 'phone-tour-demo-password';

describe.skipIf(!existsSync(CHROMIUM))("the technician's phone", () => {
  let uiDir: string;
  let dataDir: string;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let caseId: string;

  const api = async (method: string, path: string, token: string | undefined, body?: unknown) => {
    const res = await fetch(server!.url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const tokenOf = async (username: string) =>
    (await api('POST', '/api/auth/login', undefined, { username, password: PASSWORD }))['token'] as string;

  beforeAll(async () => {
    uiDir = mkdtempSync(join(tmpdir(), 'sf-phone-ui-'));
    execFileSync(process.execPath, ['ui/build.mjs', '--outdir', uiDir], { stdio: 'pipe' });
    dataDir = mkdtempSync(join(tmpdir(), 'sf-phone-data-'));
    // an installation with a map service: addresses link to it
    process.env['SERVICEFRAME_MAP_URL'] = 'https://map.example.com/search?q={address}';
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      definitionsDir: 'definitions',
      demoPassword: PASSWORD,
      adminPassword: 'phone-tour-admin-password',
      uiDir,
      log: silentLogger,
      schedulerIntervalMs: 60_000,
    }).finally(() => delete process.env['SERVICEFRAME_MAP_URL']);
    // given a repair registered at the branch and dispatched to its technician
    const staff = await tokenOf('br1.staff');
    const lead = await tokenOf('br1.lead');
    const data = {
      customerName: '张三',
      address: '济南市历下区经十路100号',
      phone: '13800138000',
      productModel: 'ZW32-12',
      fault: '真空断路器无法合闸',
      channel: 'phone',
    };
    const created = await api('POST', '/api/cases', staff, { workflow: 'repair', data });
    caseId = created['id'] as string;
    await api('POST', `/api/cases/${encodeURIComponent(caseId)}/events`, lead, {
      type: 'dispatch',
      data: { technician: 'br1.tech', inWarranty: false },
      expectedVersion: created['version'],
    });
    for (const name of ['李四', '王五'])
      await api('POST', '/api/cases', staff, { workflow: 'repair', data: { ...data, customerName: name } });
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
    await server?.close();
    for (const dir of [uiDir, dataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function login(page: Page, username: string, password = PASSWORD) {
    await page.goto(`${server!.url}/`);
    const form = page.locator('sf-app form[part="login"]');
    await form.locator('input[name="username"]').fill(username);
    await form.locator('input[name="password"]').fill(password);
    await form.locator('button[type="submit"]').click();
    await page.locator('sf-app [part~="logout"]').waitFor({ state: 'attached' });
  }

  it('shows the worklist as cards under a menu, the case with its actions in reach, every target 44 px, nothing wider than the screen', async () => {
    const context = await browser!.newContext(PHONE);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await login(page, 'br1.tech');
    const list = page.locator('sf-app sf-case-list');
    const card = list.locator(`tr[data-id="${caseId}"]`);
    await card.waitFor();
    await list.locator('a[href^="tel:"]').first().waitFor();

    // the header: title, a menu button; the navigation behind it
    const nav = page.locator('sf-app nav');
    expect(await nav.isVisible()).toBe(false);
    const header = await page.locator('sf-app header.bar').boundingBox();
    expect(header!.height).toBeLessThan(80);
    // the worklist as cards: rows laid out as blocks, no table header to be seen
    expect(await card.evaluate((tr) => getComputedStyle(tr).display)).toBe('block');
    // the column heads as a row of sort chips
    expect(await list.locator('thead tr').evaluate((tr) => getComputedStyle(tr).display)).toBe('flex');
    // running past the screen's edge, where they fade: there are more to swipe to
    await list.locator('thead tr[data-more-end]').waitFor({ state: 'attached' });
    expect(await list.locator('thead tr').evaluate((tr) => getComputedStyle(tr).maskImage)).toContain('gradient');
    // tap to call, and the address on the installation's map
    expect(await list.locator(`tr[data-id="${caseId}"] a[href="tel:13800138000"]`).count()).toBe(1);
    expect(await list.locator(`tr[data-id="${caseId}"] a[part~="map-link"]`).getAttribute('href')).toBe(
      `https://map.example.com/search?q=${encodeURIComponent('济南市历下区经十路100号')}`,
    );
    expect(await horizontalOverflow(page)).toBe('');
    expect(await smallTargets(page)).toBe('');
    // the filters fold behind 筛选, so the first case is whole on the first screen
    const first = (await list.locator('tr[data-id]').first().boundingBox())!;
    expect(first.y + first.height).toBeLessThanOrEqual(844);
    expect(await list.locator('select[name="workflow"]').isVisible()).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/worklist.png` });
    const filters = list.locator('button[part~="filters-toggle"]');
    await filters.tap();
    await list.locator('select[name="workflow"]').waitFor();
    expect(await filters.getAttribute('aria-expanded')).toBe('true');
    expect(await smallTargets(page)).toBe('');
    await page.screenshot({ path: `${ARTIFACTS}/worklist-filters.png` });
    await filters.tap();

    await page.locator('sf-app button[part~="menu-toggle"]').tap();
    await nav.waitFor();
    expect(await page.locator('sf-app button[part~="menu-toggle"]').getAttribute('aria-expanded')).toBe('true');
    expect(await smallTargets(page)).toBe('');
    await page.screenshot({ path: `${ARTIFACTS}/menu.png` });
    await page.locator('sf-app nav a[data-page="list"]').tap();
    expect(await nav.isVisible()).toBe(false);

    // the case: a tap on the card opens it; its actions stay at the bottom of the screen
    await card.locator('td').nth(3).tap();
    const caseView = page.locator('sf-app sf-case');
    const actions = caseView.locator('.actions[part~="actions"]');
    await actions.locator('button[data-event="plan"]').waitFor();
    for (const details of await caseView.locator('details').all())
      await details.evaluate((d) => ((d as HTMLDetailsElement).open = true));
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 0 || document.documentElement.scrollHeight <= window.innerHeight);
    const bar = await actions.boundingBox();
    expect(bar!.y + bar!.height).toBeGreaterThan(844 - 2);
    expect(bar!.y + bar!.height).toBeLessThanOrEqual(844 + 1);
    expect(await horizontalOverflow(page)).toBe('');
    expect(await smallTargets(page)).toBe('');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${ARTIFACTS}/case.png` });

    // a technician never downloads the definitions editor
    expect(requested.filter((u) => /sf-definition-editor/.test(u))).toEqual([]);
    await context.close();
  }, 180_000);

  it('opens the work order on the phone: every target 44 px, the signature pad across the screen, 拍照 with the camera', async () => {
    // given a repair the technician has arrived at
    const staff = await tokenOf('br1.staff');
    const lead = await tokenOf('br1.lead');
    const tech = await tokenOf('br1.tech');
    const created = await api('POST', '/api/cases', staff, {
      workflow: 'repair',
      data: {
        customerName: '赵六',
        address: '济南市历下区经十路200号',
        phone: '13800138009',
        productModel: 'VS1-12',
        fault: '柜门无法关闭',
        channel: 'phone',
      },
    });
    const id = created['id'] as string;
    const send = (token: string, type: string, data: unknown) =>
      api('POST', `/api/cases/${encodeURIComponent(id)}/events`, token, { type, data });
    await send(lead, 'dispatch', { technician: 'br1.tech', inWarranty: false });
    await send(tech, 'plan', { plan: '更换门锁' });
    await send(tech, 'arrive', { idShown: true, apologyLetter: true, safetySigns: true });
    const context = await browser!.newContext(PHONE);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await login(page, 'br1.tech');
    await page.goto(`${server!.url}/#/cases/${encodeURIComponent(id)}`);
    const caseView = page.locator('sf-app sf-case');
    // when he opens the work order
    await caseView.locator('button[data-event="complete"]').tap();
    const form = caseView.locator('[part~="event-form"][data-event="complete"] sf-form');
    const canvas = form.locator('.field[data-pointer="/signature"] canvas');
    await canvas.waitFor();
    // then the customer signs across the screen (its width less the page's margins)
    const pad = (await canvas.boundingBox())!;
    expect(pad.width, 'the signature pad is as wide as the screen allows').toBeGreaterThanOrEqual(390 - 48);
    // the attachments offer the camera beside choosing a file
    const camera = form.locator('.field[data-pointer="/unitSeal"] label[part~="camera"]');
    expect((await camera.innerText()).trim()).toBe('拍照');
    expect(await camera.locator('input[type="file"]').getAttribute('capture')).toBe('environment');
    // every field, radio, summary and button of the page is a 44 px target, and nothing is wider than the screen
    for (const details of await caseView.locator('details').all())
      await details.evaluate((d) => ((d as HTMLDetailsElement).open = true));
    expect(await smallTargets(page)).toBe('');
    expect(await horizontalOverflow(page)).toBe('');
    await canvas.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/work-order.png` });
    await context.close();
  }, 180_000);

  it("loads the editor's chunk for an administrator only when the editor opens", async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await login(page, 'admin', 'phone-tour-admin-password');
    await page.locator('sf-app sf-case-list').waitFor();
    expect(requested.filter((u) => /sf-definition-editor/.test(u))).toEqual([]);
    // nor every workflow's definition at login: those of the listed cases at most
    expect(requested.filter((u) => /\/api\/definitions\/Workflow\//.test(u)).length).toBeLessThanOrEqual(2);
    await page.locator('sf-app nav a[data-page="admin"]').click();
    await page.locator('sf-app sf-definition-editor').locator('.cm-editor').first().waitFor();
    expect(requested.filter((u) => /sf-definition-editor/.test(u)).length).toBeGreaterThan(0);
    await context.close();
  }, 180_000);

  it('reloads without the server: the app, the case as last read, the draft, and the event queued', async () => {
    const context: BrowserContext = await browser!.newContext(PHONE);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await login(page, 'br1.tech');
    await page.locator(`sf-app sf-case-list tr[data-id="${caseId}"]`).waitFor();
    // the worker installs after the first load and takes the page over
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // read once through the worker: the worklist and the case are what it keeps
    await page.reload();
    await page.locator(`sf-app sf-case-list tr[data-id="${caseId}"]`).waitFor();
    await page.locator(`sf-app sf-case-list tr[data-id="${caseId}"] td`).nth(3).tap();
    const caseView = page.locator('sf-app sf-case');
    await caseView.locator('button[data-event="plan"]').tap();
    const plan = caseView.locator('sf-form textarea').first();
    await plan.fill('更换合闸线圈，携带备件');
    // the draft is kept as typed (idb), before the network goes
    await page.waitForFunction(async () => {
      const dbs = await indexedDB.databases();
      return dbs.length > 0;
    });

    // when the server is gone
    await server!.close();
    server = undefined;
    await page.reload();
    // then the app is there, the case as last read, the form with what was typed
    await page.locator('sf-app [part~="logout"]').waitFor({ state: 'attached' });
    await caseView.locator('button[data-event="plan"]').tap();
    await expect
      .poll(() => caseView.locator('sf-form textarea').first().inputValue(), { timeout: 30_000 })
      .toBe('更换合闸线圈，携带备件');
    // sending it queues it in the outbox, shown in the header
    await caseView.locator('sf-form button[part~="submit"]').tap();
    const pending = page.locator('sf-app sf-outbox-status [part="pending"]');
    await pending.waitFor();
    expect(await pending.textContent()).toMatch(/1/);
    // and a reload still without the server shows it waiting
    await page.reload();
    await page.locator('sf-app sf-outbox-status [part="pending"]').waitFor();
    expect(await horizontalOverflow(page)).toBe('');
    await page.screenshot({ path: `${ARTIFACTS}/offline.png` });
    await context.close();
  }, 180_000);
});
