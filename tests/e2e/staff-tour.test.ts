// covers: P-4, PROC-3, NORM-7, FORM-1, FORM-2, FORM-5
// The staff tour end to end: the real server (`node bin/serviceframe.js serve`, what `npm start`
// runs after building the UI) as a child process on a free port of 127.0.0.1 with a fresh DATA_DIR
// and the seed definitions, driven in Debian's Chromium through the built staff app — its content
// security policy included. At the Jinan branch the service staff register a repair through the
// generated start form, the service lead dispatches it, the technician plans the visit, records the
// arrival (ID shown, apology letter, safety signs) and completes the work order — self-paid fees
// totalled as typed, the customer's signature drawn on the canvas with the mouse — and the branch
// manager finds the case's row in the service ledger. The signed work order prints from the case
// history on A4 pages (checked in the PDF). Screenshots of the worklist, the case view, the work order
// form and the signed work order in print media go to test-artifacts/staff-tour.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servingUrl } from '../helpers/serving-url.ts';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts/staff-tour';
const PASSWORD = 'staff-tour-demo-password';

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

function mtimeOf(path: string): number {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
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

describe.skipIf(!existsSync(CHROMIUM))('staff tour: repair from registration to the ledger, in the real app', () => {
  let dataDir: string;
  let server: ChildProcess | undefined;
  let output = '';
  let base: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    // The server serves dist/ui: build it as `npm start` would when it is missing or older than its sources.
    if (!existsSync('dist/ui/index.html') || newestMtime(['ui', 'engine']) > mtimeOf('dist/ui/serviceframe.js')) {
      execFileSync(process.execPath, ['ui/build.mjs'], { stdio: 'pipe' });
    }
    dataDir = mkdtempSync(join(tmpdir(), 'sf-staff-tour-'));
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
        SERVICEFRAME_ADMIN_PASSWORD: 'staff-tour-admin-password',
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
    // Generous: on a loaded 2-core machine the UI build and the server's start share it with other test files.
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

  it('registers, dispatches, completes the signed work order and shows the ledger row', async () => {
    const context = await browser!.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    // Each wait is for something the app shows; under load (other test files running) it may take longer than Playwright's 30 s.
    page.setDefaultTimeout(60_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const app = page.locator('sf-app');
    const caseView = app.locator('sf-case');
    await page.goto(`${base}/`);

    // given the branch's service staff, when they register a repair through the generated start form
    await login(page, 'br1.staff', '戚客服');
    await app.locator('nav a[data-page="new"]').click();
    await app.locator('select[name="workflow"]').selectOption('repair');
    const start = app.locator('sf-form');
    // sent empty, it says at the field, in Chinese, what is missing
    await start.locator('button[part~="submit"]').click();
    const customerName = start.locator('.field[data-pointer="/customerName"]');
    await expectText(customerName.locator('[part~="error"]'), '请填写客户姓名');
    expect(await customerName.locator('input').getAttribute('aria-invalid')).toBe('true');
    await fill(start, '/customerName', '王建国');
    await customerName.locator('[part~="error"]').waitFor({ state: 'hidden' });
    await fill(start, '/address', '济南市历下区经十路 100 号');
    await fill(start, '/phone', '0531-86123456');
    await fill(start, '/productModel', 'ZW32-12');
    await fill(start, '/fault', '断路器跳闸无法合闸');
    await start.locator('button[part~="submit"]').click();
    // then the case exists, waiting for dispatch
    await caseView.locator('header').waitFor();
    await expectText(caseView.locator('[part~="state"]'), '已受理待派工');
    const id = await caseView.getAttribute('case-id');
    expect(id).toBeTruthy();
    await logout(page);

    // when the branch's service lead finds it in the unit's worklist and dispatches it to the technician
    await login(page, 'br1.lead', '姜主管');
    const list = app.locator('sf-case-list');
    await list.locator('button[data-scope="unit"]').click();
    const row = list.locator(`tr[data-id="${id}"]`);
    await expectText(row, '已受理待派工');
    await page.screenshot({ path: `${ARTIFACTS}/worklist.png`, fullPage: true });
    // by its number: the middle of a row may be its phone link, which calls rather than opens
    await row.locator('a').first().click();
    await expectText(caseView.locator('[part~="state"]'), '已受理待派工');
    let form = await openEvent(caseView, 'dispatch');
    // the branch's technicians are offered by name, no one else's
    const technicians = form.locator('.field[data-pointer="/technician"] select');
    await technicians.waitFor();
    expect((await technicians.locator('option:not([value=""])').allTextContents()).sort()).toEqual(
      ['谢师傅', '邹师傅'].sort(),
    );
    await choose(form, '/technician', '谢师傅');
    await choose(form, '/inWarranty', '否');
    // then it waits for the technician's repair plan, assigned to him
    await submitAndExpectState(form, caseView, '制定维修方案');
    // (by name: the case view reads people's names from the directory)
    await expectText(caseView.locator('[part~="facts"]'), '谢师傅');
    await logout(page);

    // when the technician plans the visit and arrives on site
    await login(page, 'br1.tech', '谢师傅');
    await list.locator(`tr[data-id="${id}"] a`).first().click();
    await expectText(caseView.locator('[part~="state"]'), '制定维修方案');
    form = await openEvent(caseView, 'plan');
    await fill(form, '/plan', '更换合闸线圈');
    await submitAndExpectState(form, caseView, '已预约待上门');
    form = await openEvent(caseView, 'arrive');
    await choose(form, '/idShown', '是');
    await choose(form, '/apologyLetter', '是');
    await choose(form, '/safetySigns', '是');
    await submitAndExpectState(form, caseView, '现场维修');

    // and fills the work order: the fees appear only when self-paid, and their total follows as typed
    form = await openEvent(caseView, 'complete');
    await fill(form, '/customerName', '王建国');
    await fill(form, '/address', '济南市历下区经十路 100 号');
    await fill(form, '/phone', '0531-86123456');
    await fill(form, '/equipmentName', '真空断路器');
    await fill(form, '/productModel', 'ZW32-12');
    await fill(form, '/serviceTime', '2026-11-26T10:30');
    await fill(form, '/onSiteDate', '2026-11-26');
    await choose(form, '/serviceForm', '上门服务');
    await fill(form, '/serviceContent', '更换合闸线圈，试合闸正常');
    await fill(form, '/serviceStaff', '谢师傅');
    const visitFee = form.locator('.field[data-pointer="/visitFee"]');
    expect(await visitFee.count()).toBe(0);
    await choose(form, '/paymentMethod', '自费');
    await fill(form, '/visitFee', '50');
    await fill(form, '/transportFee', '20.5');
    await expect.poll(() => form.locator('.field[data-pointer="/total"] input').inputValue()).toMatch(/^70\.50?$/);
    await choose(form, '/onSiteIn24h', '是');
    await choose(form, '/serviceComplete', '是');
    await choose(form, '/feeScheduleShown', '是');
    await choose(form, '/serviceQuality', '满意');
    // the customer signs on the pad with the mouse (pointer events)
    const signature = form.locator('.field[data-pointer="/signature"]');
    await sign(page, signature.locator('canvas'));
    await signature.locator('[part~="signature-signed-at"]').waitFor();
    // the stroke is where the pen went (about 10%–87% across, 20%–80% down), not shifted by a scroll
    const ink = await inkExtent(signature.locator('canvas'));
    expect(ink.width).toBeGreaterThan(0.7);
    expect(ink.height).toBeGreaterThan(0.4);

    // printed, the page is the work order alone: no navigation, no buttons, the signature kept
    await page.emulateMedia({ media: 'print' });
    expect(await app.locator('header.bar').isVisible()).toBe(false);
    expect(await caseView.locator('button[data-event="complete"]').isVisible()).toBe(false);
    expect(await caseView.locator('[part~="history"]').isVisible()).toBe(false);
    expect(await signature.locator('canvas').isVisible()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/work-order-form-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // then the case goes to settlement, the history records the work order
    await submitAndExpectState(form, caseView, '结算');
    await expectText(caseView.locator('[part~="history"]'), '填写客户服务工作单');
    await page.screenshot({ path: `${ARTIFACTS}/case.png`, fullPage: true });

    // and the signed work order prints from the history on A4: the saved data, fees, total and signature
    await caseView.evaluate((el) => void ((el as unknown as { printPage: () => void }).printPage = () => undefined));
    await caseView
      .locator('[part~="history-entry"]', { hasText: '填写客户服务工作单' })
      .locator('[part~="print-entry"]')
      .click();
    const printed = caseView.locator('[part~="print-view"] sf-form');
    await printed.locator('.field').first().waitFor({ state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    await printed.waitFor();
    expect(await caseView.locator('[part~="history"]').isVisible()).toBe(false);
    expect(await printed.locator('.field[data-pointer="/customerName"] input').inputValue()).toBe('王建国');
    expect(await printed.locator('.field[data-pointer="/serviceContent"] textarea').inputValue()).toBe(
      '更换合闸线圈，试合闸正常',
    );
    expect(await printed.locator('.field[data-pointer="/total"] input').inputValue()).toMatch(/^70\.50?$/);
    await expect
      .poll(async () => (await inkExtent(printed.locator('.field[data-pointer="/signature"] canvas'))).width)
      .toBeGreaterThan(0.7);
    await page.screenshot({ path: `${ARTIFACTS}/work-order-print.png`, fullPage: true });
    const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
    const pages = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map(([, w, h]) => [
      Math.round(Number(w)),
      Math.round(Number(h)),
    ]);
    expect(pages.length).toBeGreaterThan(0);
    for (const size of pages) expect(size).toEqual([595, 842]); // A4 portrait in points
    await page.emulateMedia({ media: 'screen' });
    await caseView.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await caseView.locator('[part~="print-view"]').waitFor({ state: 'detached' });
    await logout(page);

    // and the branch manager finds the repair in the service ledger, filled from the case
    await login(page, 'br1.manager', '陶经理');
    await app.locator('nav a[data-page="ledger"]').click();
    const ledgerRow = app.locator(`sf-ledger tr[data-case="${id}"]`);
    await ledgerRow.waitFor();
    const cells = await ledgerRow.locator('td').allTextContents();
    expect(cells).toContain('王建国');
    expect(cells).toContain('ZW32-12');
    expect(cells).toContain('更换合闸线圈，试合闸正常');
    expect(cells).toContain('谢师傅');

    expect(pageErrors).toEqual([]);
    await context.close();
  }, 240_000);
});

async function login(page: Page, username: string, name: string) {
  const form = page.locator('sf-app form[part="login"]');
  await form.locator('input[name="username"]').fill(username);
  await form.locator('input[name="password"]').fill(PASSWORD);
  await form.locator('button[type="submit"]').click();
  await expectText(page.locator('sf-app [part~="user"]'), name);
}

async function logout(page: Page) {
  await page.locator('sf-app [part~="logout"]').click();
  await page.locator('sf-app form[part="login"]').waitFor();
}

/** Waits until the element shows the text (Playwright's own timeout, then the test fails). */
async function expectText(locator: Locator, text: string) {
  await locator.filter({ hasText: text }).first().waitFor();
}

async function openEvent(caseView: Locator, type: string): Promise<Locator> {
  await caseView.locator(`button[data-event="${type}"]`).click();
  const form = caseView.locator(`[part~="event-form"][data-event="${type}"] sf-form`);
  await form.locator('.field').first().waitFor();
  return form;
}

async function submitAndExpectState(form: Locator, caseView: Locator, state: string) {
  await form.locator('button[part~="submit"]').click();
  await expectText(caseView.locator('[part~="state"]'), state);
}

async function fill(form: Locator, pointer: string, value: string) {
  await form.locator(`.field[data-pointer="${pointer}"]`).locator('input, textarea').first().fill(value);
}

async function choose(form: Locator, pointer: string, label: string) {
  const field = form.locator(`.field[data-pointer="${pointer}"]`);
  if ((await field.locator('select').count()) > 0) await field.locator('select').selectOption({ label });
  else await field.getByRole('radio', { name: label, exact: true }).check();
}

async function sign(page: Page, canvas: Locator) {
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the signature pad is not on screen');
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 14; i++) {
    await page.mouse.move(box.x + box.width * (0.1 + i * 0.055), box.y + box.height * (0.5 - Math.sin(i * 0.9) * 0.3), {
      steps: 2,
    });
  }
  await page.mouse.up();
}

/** The part of the canvas, as fractions of its width and height, that carries ink. */
function inkExtent(canvas: Locator): Promise<{ width: number; height: number }> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let [minX, maxX, minY, maxY] = [c.width, -1, c.height, -1];
    for (let i = 3; i < pixels.length; i += 4) {
      if (pixels[i] === 0) continue;
      const x = ((i - 3) / 4) % c.width;
      const y = Math.floor((i - 3) / 4 / c.width);
      [minX, maxX, minY, maxY] = [Math.min(minX, x), Math.max(maxX, x), Math.min(minY, y), Math.max(maxY, y)];
    }
    return maxX < 0 ? { width: 0, height: 0 } : { width: (maxX - minX) / c.width, height: (maxY - minY) / c.height };
  });
}
