// The staff app's first worklist on a phone (issue 15, item 10): `ui.firstWorklist`, the ms from
// navigation to the first worklist row, logging in on the way, in Debian's Chromium with the CPU
// slowed 4× (CDP Emulation.setCPUThrottlingRate, a mid-range phone) and a 390×844 viewport; and
// `ui.bytesToWorklist`, the bytes the server sent until that row showed (compressed, headers
// included, counted by a TCP proxy in front of the server, so what a service worker fetches counts
// too), on a first load (empty cache) and a repeat load (the same browser, session kept).
//
// The floor, measured in the same run against the same warm server and cases: a minimal page that
// logs in, fetches the same list (GET /api/cases as the worklist asks it) and renders it as a plain
// HTML table, served beside the app (its HTML and script files under /ui/, compressed and with
// ETags as the app's). Runs interleave app and floor; medians are reported.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { silentLogger } from '../server/log.ts';
import { startServer } from '../server/start.ts';
import type { BenchResult } from './bench-result.ts';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'bench-ui-worklist-password';
const USER = 'br1.staff';
const CASES = 30;
const RUNS = 5;
const THROTTLE = 4;

const FLOOR_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>floor</title>
<script type="module" src="/ui/floor.js"></script></head><body><table><tbody id="rows"></tbody></table></body></html>`;
const FLOOR_JS = `
const [username, password] = decodeURIComponent(location.hash.slice(1)).split(':');
const login = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) }).then((r) => r.json());
const page = await fetch('/api/cases?limit=50', { headers: { authorization: 'Bearer ' + login.token, accept: 'application/json' } }).then((r) => r.json());
const rows = document.getElementById('rows');
for (const c of page.items) {
  const tr = document.createElement('tr');
  tr.dataset.id = c.id;
  for (const text of [c.id, c.data?.customerName ?? '', c.workflow, String(c.state), c.assignee ?? '']) {
    const td = document.createElement('td');
    td.textContent = text;
    tr.append(td);
  }
  rows.append(tr);
}
`;

/** A TCP proxy that counts the bytes the server sends back: what travels, compressed, headers and all. */
async function countingProxy(
  target: number,
): Promise<{ port: number; bytes: () => number; close: () => Promise<void> }> {
  let bytes = 0;
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    sockets.add(client).add(upstream);
    upstream.on('data', (d: Buffer) => (bytes += d.length));
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    bytes: () => bytes,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * What the page runs to find its first row, the same for app and floor: set up before any of the
 * page's own scripts (an init script, a few lines), it looks once a frame, and once a row is there
 * says when that frame has been laid out and painted (the task after it), in ms since the
 * navigation began, on the console: what either page still does in that frame counts. On
 * the app's first load it also fills the login form and sends it the frame the form shows, as a
 * browser's saved password would, once per tab (a reload with the session kept is not logged in
 * again). Nothing of the test driver is evaluated in the page while the clock runs: Playwright's
 * waitForFunction injects its own script (hundreds of KB) at the first poll, and under 4× throttling
 * evaluating it took about 0.7 s of the main thread, which fell before the app's script ran but after
 * the floor's small one (it already waited on its login), so it was counted against the app alone.
 * Written as source text: code compiled by tsx carries helpers the page lacks.
 */
function watchForFirstRow(app: boolean, login: readonly [string, string] | undefined): string {
  return `(() => {
  const inApp = ${JSON.stringify(app)}, credentials = ${JSON.stringify(login ?? null)};
  const look = () => {
    const root = inApp ? document.querySelector('sf-app')?.shadowRoot : undefined;
    const form = credentials ? root?.querySelector('form[part="login"]') : undefined;
    if (form && !sessionStorage.getItem('sf-bench-login-sent')) {
      sessionStorage.setItem('sf-bench-login-sent', 'yes');
      form.querySelector('input[name="username"]').value = credentials[0];
      form.querySelector('input[name="password"]').value = credentials[1];
      form.requestSubmit();
    }
    const row = inApp
      ? root?.querySelector('sf-case-list')?.shadowRoot?.querySelector('tr[data-id]')
      : document.querySelector('tr[data-id]');
    // in the task after the frame that shows it: laid out and painted, as it is seen
    if (row) setTimeout(() => console.debug('${FIRST_ROW} ' + performance.now()), 0);
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();`;
}

const FIRST_ROW = 'sf-bench-first-row';

/** The next first row the page reports (see watchForFirstRow), in ms since its navigation began. */
function firstRow(page: Page): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      page.off('console', said);
      reject(new Error('ui bench: no worklist row within 60 s'));
    }, 60_000);
    const said = (message: ConsoleMessage) => {
      const text = message.text();
      if (!text.startsWith(`${FIRST_ROW} `)) return;
      clearTimeout(timer);
      page.off('console', said);
      resolve(Number(text.slice(FIRST_ROW.length + 1)));
    };
    page.on('console', said);
  });
}

interface Load {
  readonly ms: number;
  readonly bytes: number;
}

export async function benchUiWorklist(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-bench-worklist-'));
  const uiDir = join(dir, 'ui');
  execFileSync(process.execPath, ['ui/build.mjs', '--outdir', uiDir], { stdio: 'pipe' });
  writeFileSync(join(uiDir, 'floor.html'), FLOOR_HTML);
  writeFileSync(join(uiDir, 'floor.js'), FLOOR_JS);
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir, 'data'),
    definitionsDir: 'definitions',
    demoPassword: PASSWORD,
    adminPassword: `${PASSWORD}-admin`,
    uiDir,
    log: silentLogger,
    schedulerIntervalMs: 600_000,
  });
  const proxy = await countingProxy(server.port);
  const base = `http://127.0.0.1:${proxy.port}`;
  let browser: Browser | undefined;
  try {
    // given a branch's worklist of CASES repairs
    const login = (await (
      await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: USER, password: PASSWORD }),
      })
    ).json()) as { token: string };
    for (let i = 0; i < CASES; i++) {
      const res = await fetch(`${server.url}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
        body: JSON.stringify({
          workflow: 'repair',
          data: {
            customerName: `客户${i}`,
            address: `济南市历下区经十路${i}号`,
            phone: '13800138000',
            productModel: 'ZW32-12',
            fault: '真空断路器无法合闸',
            channel: 'phone',
          },
        }),
      });
      if (!res.ok) throw new Error(`creating case ${i}: ${res.status} ${await res.text()}`);
    }
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

    const run = async (app: boolean): Promise<{ first: Load; repeat: Load }> => {
      const context = await browser!.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      const page = await context.newPage();
      // The app's first load logs in through its form (filled by the watcher); the floor's page logs in by itself.
      await page.addInitScript(watchForFirstRow(app, app ? [USER, PASSWORD] : undefined));
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
      const load = async (repeat: boolean): Promise<Load> => {
        const before = proxy.bytes();
        const url = app ? `${base}/` : `${base}/ui/floor.html#${USER}:${PASSWORD}`;
        const row = firstRow(page);
        if (repeat) await page.reload({ waitUntil: 'commit' });
        else await page.goto(url, { waitUntil: 'commit' });
        const ms = await row;
        return { ms, bytes: proxy.bytes() - before };
      };
      const first = await load(false);
      // the service worker installs after the first load; a repeat load is one after it settled
      if (app)
        await page
          .waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 60_000 })
          .catch(() => undefined);
      await page.waitForLoadState('networkidle').catch(() => undefined);
      const repeat = await load(true);
      await context.close();
      return { first, repeat };
    };

    // a warm server: every file compressed and every statement prepared once, outside the clock
    await run(true);
    await run(false);
    const apps: { first: Load; repeat: Load }[] = [];
    const floors: { first: Load; repeat: Load }[] = [];
    for (let i = 0; i < RUNS; i++) {
      apps.push(await run(true));
      floors.push(await run(false));
    }
    const m = (xs: { first: Load; repeat: Load }[], k: 'first' | 'repeat', f: keyof Load) =>
      median(xs.map((x) => x[k][f]));
    const [appMs, floorMs] = [m(apps, 'first', 'ms'), m(floors, 'first', 'ms')];
    const [appRepeatMs, floorRepeatMs] = [m(apps, 'repeat', 'ms'), m(floors, 'repeat', 'ms')];
    const [appBytes, floorBytes] = [m(apps, 'first', 'bytes'), m(floors, 'first', 'bytes')];
    const [appRepeatBytes, floorRepeatBytes] = [m(apps, 'repeat', 'bytes'), m(floors, 'repeat', 'bytes')];
    const r = (x: number) => Math.round(x * 100) / 100;
    return [
      {
        name: 'ui.firstWorklist',
        value: Math.round(appMs),
        unit: 'ms',
        baseline: `a plain HTML table page that logs in and fetches the same list, same Chromium, ${THROTTLE}× CPU throttling, 390×844, warm server, ${CASES} cases, median of ${RUNS}: ${Math.round(floorMs)} ms (repeat load: app ${Math.round(appRepeatMs)} ms, floor ${Math.round(floorRepeatMs)} ms)`,
        ratio: r(floorMs / appMs),
      },
      {
        name: 'ui.bytesToWorklist',
        value: Math.round(appBytes),
        unit: 'bytes',
        baseline: `the plain HTML table page: ${Math.round(floorBytes)} bytes; on a repeat load app ${Math.round(appRepeatBytes)} bytes, floor ${Math.round(floorRepeatBytes)} bytes (sent by the server, compressed, headers included, until the first row showed; first load from an empty cache, after logging in)`,
        ratio: r(floorBytes / appBytes),
      },
      {
        name: 'ui.bytesToWorklist.repeat',
        value: Math.round(appRepeatBytes),
        unit: 'bytes',
        baseline: `the plain HTML table page reloaded: ${Math.round(floorRepeatBytes)} bytes`,
        ratio: r(floorRepeatBytes / appRepeatBytes),
      },
    ];
  } finally {
    await browser?.close();
    await proxy.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
