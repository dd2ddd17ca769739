// covers: INFO-5, P-7
// Crash safety (issue 7): the real server as a child process, several concurrent clients, SIGKILL
// at random moments, restart, and after every restart: every acknowledged event is there, every
// case's state is the one its history leads to, the record verifies, and timers and notifications
// fire once. SERVICEFRAME_LONG=1 runs a deeper version (more kills, more clients).
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { auditDatabaseFile, describeAudit } from '../../cli/sqlite-file.ts';
import type { OrganizationSpec } from '../../engine/org/organization.ts';
import { createDirectory } from '../../engine/runtime/actor.ts';
import type { CaseRecord } from '../../engine/runtime/case-record.ts';
import { servingUrl } from '../helpers/serving-url.ts';
import { VirtualClock } from '../../engine/runtime/clock.ts';
import { createEngine } from '../../engine/runtime/engine.ts';
import { counterIds } from '../../engine/runtime/ids.ts';
import { createMemoryStore } from '../../engine/store/index.ts';
import { engineFixtureSet } from '../helpers/engine-fixture.ts';

const LONG = process.env.SERVICEFRAME_LONG === '1';
const KILLS = LONG ? 60 : 12;
const CLIENTS = LONG ? 16 : 6;
const PASSWORD = 'crash-demo-password';
const TIMER_EVENT = 'sf.after:open:0';

const root = mkdtempSync(join(tmpdir(), 'sf-crash-'));
const dataDir = join(root, 'data');
const definitionsDir = join(root, 'definitions');
const dbFile = join(dataDir, 'serviceframe.sqlite');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An SMS gateway that answers 200 and counts what it received, by notification id. */
function startGateway(): Promise<{ server: Server; url: string; received: Map<string, number> }> {
  const received = new Map<string, number>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const id = (JSON.parse(body) as { id: string }).id;
      received.set(id, (received.get(id) ?? 0) + 1);
      res.writeHead(200).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`, received }),
    ),
  );
}

interface Running {
  readonly child: ChildProcess;
  /** Resolves with the URL once the server listens; rejects if it exits first. */
  readonly ready: Promise<string>;
  readonly exited: Promise<void>;
}

function startServerProcess(gatewayUrl: string, data = dataDir): Running {
  const child = spawn(process.execPath, ['bin/serviceframe.js', 'serve'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: data,
      DEFINITIONS_DIR: definitionsDir,
      SERVICEFRAME_ADMIN_PASSWORD: 'crash-admin-password',
      SERVICEFRAME_DEMO: '1',
      SERVICEFRAME_DEMO_PASSWORD: PASSWORD,
      SMS_GATEWAY_URL: gatewayUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = servingUrl(child);
  ready.catch(() => {});
  return { child, ready, exited };
}

interface Ack {
  readonly caseId: string;
  readonly seq: number;
  readonly type: string;
}

/** Load generators: create cases and send notes with expectedVersion; only 2xx answers count as acknowledged. */
class Load {
  url: string | null = null;
  token = '';
  readonly acked: Ack[] = [];
  readonly cases: string[] = [];
  readonly versions = new Map<string, number>();
  stats = {
    requests: 0,
    acknowledged: 0,
    conflicts: 0,
    lostConnections: 0,
    unexpected: [] as string[],
    retried: { replayed: 0, unknown: 0, fresh: 0 },
  };
  /** Idempotency-Keys of creations whose answer was lost with the server, retried after the restart. */
  private retry: string[] = [];
  private running = false;
  private loops: Promise<void>[] = [];

  start(clients: number) {
    this.running = true;
    this.loops = Array.from({ length: clients }, (_, i) => this.client(i));
  }

  async stop() {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
    key?: string,
  ): Promise<{ status: number; body: any; replayed: boolean } | null> {
    const url = this.url;
    if (!url) return null;
    this.stats.requests++;
    try {
      const res = await fetch(url + path, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          'content-type': 'application/json',
          ...(key ? { 'idempotency-key': key } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return {
        status: res.status,
        body: await res.json().catch(() => null),
        replayed: res.headers.get('idempotent-replayed') === 'true',
      };
    } catch {
      // The server died with the request in flight: the answer is unknown, so nothing is acknowledged.
      this.stats.lostConnections++;
      return null;
    }
  }

  private async client(n: number) {
    while (this.running) {
      if (!this.url) {
        await sleep(20);
        continue;
      }
      const retried = this.retry.shift();
      if (retried !== undefined || this.cases.length < 3 || Math.random() < 0.15) {
        const key = retried ?? `create-${n}-${randomUUID()}`;
        const res = await this.request('POST', '/api/cases', { workflow: 'job', data: {} }, key);
        if (res === null) {
          if (this.url === null) this.retry.push(key);
          continue;
        }
        if (retried !== undefined) {
          // After a crash the key either replays the stored answer or says the outcome is unknown;
          // a fresh 201 means the first request never reached the server. Never "still running".
          if (res.status === 409 && res.body?.code === 'IDEMPOTENCY_OUTCOME_UNKNOWN') {
            this.stats.retried.unknown++;
            continue;
          }
          if (res.status === 201) this.stats.retried[res.replayed ? 'replayed' : 'fresh']++;
        }
        if (res.status === 201) {
          this.cases.push(res.body.id);
          this.versions.set(res.body.id, res.body.version);
          this.acked.push({ caseId: res.body.id, seq: 1, type: 'create' });
          this.stats.acknowledged++;
        } else if (res) this.unexpected(res, 'create');
        continue;
      }
      // Half the clients crowd onto the newest cases, so versions conflict.
      const pool = n % 2 === 0 ? this.cases.slice(-3) : this.cases;
      const id = pool[Math.floor(Math.random() * pool.length)]!;
      const version = this.versions.get(id)!;
      const res = await this.request('POST', `/api/cases/${id}/events`, {
        type: 'note',
        data: {},
        expectedVersion: version,
      });
      if (res?.status === 200) {
        this.acked.push({ caseId: id, seq: res.body.version, type: 'note' });
        this.versions.set(id, Math.max(this.versions.get(id)!, res.body.version));
        this.stats.acknowledged++;
      } else if (res?.status === 409) {
        this.stats.conflicts++;
        const fresh = await this.request('GET', `/api/cases/${id}`);
        if (fresh?.status === 200) this.versions.set(id, fresh.body.version);
      } else if (res) this.unexpected(res, 'note');
    }
  }

  private unexpected(res: { status: number; body: any }, what: string) {
    if (this.stats.unexpected.length < 20)
      this.stats.unexpected.push(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `serviceframe ARGS` as its own process, as an operator would. */
function cli(...args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['bin/serviceframe.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

/** Everything checked after a restart; returns the problems found (none expected). */
async function checkDatabase(load: Load): Promise<string[]> {
  const problems: string[] = [];
  const report = await auditDatabaseFile(dbFile);
  const described = describeAudit(report);
  if (!described.ok) problems.push(...described.lines);
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const event = db.prepare('SELECT type FROM events WHERE case_id = ? AND seq = ?').pluck();
    for (const ack of load.acked) {
      const type = event.get(ack.caseId, ack.seq);
      if (type !== ack.type)
        problems.push(
          `acknowledged ${ack.type} of case ${ack.caseId} at seq ${ack.seq} is ${type === undefined ? 'missing' : `a ${String(type)}`}`,
        );
    }
    const repeated = db
      .prepare(`SELECT case_id, count(*) AS n FROM events WHERE type = ? GROUP BY case_id HAVING n > 1`)
      .all(TIMER_EVENT) as { case_id: string; n: number }[];
    for (const r of repeated) problems.push(`case ${r.case_id}: the timer fired ${r.n} times`);
  } finally {
    db.close();
  }
  return problems;
}

/**
 * Replays every case's stored history through a fresh engine on a memory store (the same
 * definitions, each event at its recorded time, timers fired when the history says they fired)
 * and compares the result with the stored current state. Returns the cases that differ.
 */
const backwards: string[] = [];
async function replayDiffers(): Promise<string[]> {
  const set = engineFixtureSet(definitionsDir);
  const org = set.docs.find((d) => d.kind === 'Organization')!.spec as OrganizationSpec;
  const directory = createDirectory(org.users!.map((u) => ({ username: u.username, unit: u.unit, roles: u.roles })));
  const db = new Database(dbFile, { readonly: true });
  const stored = db.prepare('SELECT id, record FROM cases').all() as { id: string; record: string }[];
  const historyOf = db.prepare('SELECT type, actor, at, data FROM events WHERE case_id = ? ORDER BY seq');
  const differs: string[] = [];
  try {
    for (const row of stored) {
      const record = JSON.parse(row.record) as CaseRecord;
      const events = historyOf.all(row.id) as { type: string; actor: string; at: number; data: string }[];
      const clock = new VirtualClock(events[0]!.at);
      const engine = createEngine({
        store: createMemoryStore(),
        clock,
        ids: counterIds('replay'),
        directory: () => directory,
        current: () => set,
        version: () => set,
      });
      const actorOf = (name: string) => {
        const u = directory.user(name)!;
        return { username: u.username, unit: u.unit, roles: u.roles };
      };
      let replayed = await engine.createCase(actorOf(events[0]!.actor), record.workflow, JSON.parse(events[0]!.data));
      for (const [i, e] of events.slice(1).entries()) {
        if (e.at < clock.now())
          backwards.push(`${row.id} seq ${i + 2} (${e.type}) at ${e.at} after ${events[i]!.type} at ${events[i]!.at}`);
        clock.set(Math.max(clock.now(), e.at));
        if (e.type.startsWith('sf.')) await engine.fireDueTimers(e.at);
        else await engine.sendEvent(replayed.id, { type: e.type, data: JSON.parse(e.data), actor: actorOf(e.actor) });
        replayed = (await engine.store.getCase(replayed.id))!;
      }
      const same = (r: CaseRecord) =>
        JSON.stringify({
          state: r.state,
          activeStates: r.activeStates,
          data: r.data,
          version: r.version,
          done: r.done,
          assignee: r.assignee,
        });
      if (same(replayed) !== same(record))
        differs.push(`${row.id}: stored ${same(record)}, replayed ${same(replayed)}`);
    }
  } finally {
    db.close();
  }
  return differs;
}

describe('crash safety of the real server', () => {
  it(
    `keeps every acknowledged event through ${KILLS} SIGKILLs under ${CLIENTS} concurrent clients`,
    { timeout: LONG ? 1_800_000 : 150_000 },
    async () => {
      mkdirSync(definitionsDir, { recursive: true });
      for (const dir of ['tests/fixtures/engine', 'tests/fixtures/crash']) {
        for (const f of readdirSync(dir)) copyFileSync(join(dir, f), join(definitionsDir, f));
      }
      const gateway = await startGateway();
      const load = new Load();
      let kills = 0;
      let killedDuringStart = 0;
      let firstLogin = true;
      try {
        load.start(CLIENTS);
        while (kills < KILLS) {
          const running = startServerProcess(gateway.url);
          // Now and then the kill comes while the server is still starting (migrating, seeding, catching up).
          if (!firstLogin && Math.random() < 0.2) {
            await Promise.race([sleep(Math.random() * 400), running.exited]);
            running.child.kill('SIGKILL');
            await running.exited;
            kills++;
            killedDuringStart++;
            continue;
          }
          const url = await running.ready;
          const problems = await checkDatabase(load);
          expect(problems, `after ${kills} kills`).toEqual([]);
          if (firstLogin) {
            const res = await fetch(`${url}/api/auth/login`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ username: 'b1.staff', password: PASSWORD }),
            });
            expect(res.status).toBe(200);
            // One login for the whole run: tokens stay valid across restarts (CONTRACT).
            load.token = ((await res.json()) as { token: string }).token;
            firstLogin = false;
          }
          load.url = url;
          await sleep(300 + Math.random() * 1200);
          running.child.kill('SIGKILL');
          load.url = null;
          await running.exited;
          kills++;
        }
        await load.stop();

        // A last start: everything acknowledged is there, and every timer fires (once) and sends its SMS.
        const last = startServerProcess(gateway.url);
        const url = await last.ready;
        expect(await checkDatabase(load)).toEqual([]);
        // An online backup taken by `serviceframe backup` while the clients keep writing.
        const backupFile = join(root, 'backup.sqlite');
        load.url = url;
        const before = load.stats.acknowledged;
        load.start(CLIENTS);
        await vi.waitFor(() => expect(load.stats.acknowledged).toBeGreaterThan(before + CLIENTS), { timeout: 30_000 });
        const backup = await cli('backup', backupFile, '--data', dataDir);
        const during = load.stats.acknowledged;
        // the clients keep writing after the backup too
        await vi.waitFor(() => expect(load.stats.acknowledged).toBeGreaterThan(during), { timeout: 30_000 });
        await load.stop();
        expect(backup.out).toMatch(/^ok: \d+ events, \d+ cases, \d+ days$/m);
        expect(backup.code).toBe(0);
        expect(await checkDatabase(load)).toEqual([]);
        // every job's one timer is due 3 s after its creation; all of them must fire and be sent
        const pending = () => {
          const db = new Database(dbFile, { readonly: true });
          try {
            return {
              timers: db.prepare('SELECT count(*) FROM timers').pluck().get() as number,
              outbox: db.prepare("SELECT count(*) FROM outbox WHERE status != 'sent'").pluck().get() as number,
            };
          } finally {
            db.close();
          }
        };
        await vi.waitFor(() => expect(pending()).toEqual({ timers: 0, outbox: 0 }), { timeout: 20_000, interval: 250 });
        const db = new Database(dbFile, { readonly: true });
        const cases = db.prepare("SELECT id FROM cases WHERE workflow = 'job'").pluck().all() as string[];
        const fired = new Map(
          (
            db
              .prepare('SELECT case_id, count(*) AS n FROM events WHERE type = ? GROUP BY case_id')
              .all(TIMER_EVENT) as { case_id: string; n: number }[]
          ).map((r) => [r.case_id, r.n]),
        );
        const outbox = db.prepare('SELECT id FROM outbox').pluck().all() as string[];
        db.close();
        // each case's timer fired exactly once, and caused exactly one notification
        expect(cases.filter((id) => fired.get(id) !== 1)).toEqual([]);
        expect(outbox).toHaveLength(cases.length);
        // every notification reached the gateway; a repeat is possible only for a kill between the
        // gateway's answer and the outbox update, and carries the same Idempotency-Key
        expect(outbox.filter((id) => !gateway.received.has(id))).toEqual([]);
        expect([...gateway.received.keys()].filter((id) => !outbox.includes(id))).toEqual([]);
        const repeats = [...gateway.received.values()].reduce((n, count) => n + count - 1, 0);
        expect(repeats).toBeLessThanOrEqual(kills);
        expect(load.stats.unexpected).toEqual([]);
        // every case's stored state is the one its history leads to, replayed through the engine
        // (A timer event carries its due time, so it can be stamped before the event recorded just
        // ahead of it, when that came between the due time and the scheduler's tick; counted below.)
        expect(await replayDiffers()).toEqual([]);
        expect(load.stats.acknowledged).toBeGreaterThan(KILLS * 5);

        const me = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${load.token}` } });
        expect(me.status).toBe(200);
        last.child.kill('SIGTERM');
        await last.exited;

        // The backup restores into a new data directory and the server serves the same cases from it.
        const restoredDir = join(root, 'restored');
        const restore = await cli('restore', backupFile, '--data', restoredDir);
        expect(restore.out).toMatch(/restored .* ok: \d+ events/);
        expect(restore.code).toBe(0);
        const verified = await cli('audit', 'verify', '--data', restoredDir);
        expect(verified.out).toMatch(/^ok: \d+ events, \d+ cases, \d+ days$/m);
        expect(verified.code).toBe(0);
        const copy = new Database(backupFile, { readonly: true });
        const backedUp = copy.prepare('SELECT id, version FROM cases').all() as { id: string; version: number }[];
        copy.close();
        const restored = startServerProcess(gateway.url, restoredDir);
        const restoredUrl = await restored.ready;
        try {
          for (const c of backedUp) {
            // the login made before the first kill still holds: sessions are in the backup too
            const res = await fetch(`${restoredUrl}/api/cases/${c.id}`, {
              headers: { authorization: `Bearer ${load.token}` },
            });
            expect(res.status).toBe(200);
            const body = (await res.json()) as { version: number; history: unknown[] };
            // a timer that came due since the backup may have fired on the restored server
            expect(body.version).toBeGreaterThanOrEqual(c.version);
            expect(body.history.length).toBe(body.version);
          }
        } finally {
          restored.child.kill('SIGTERM');
          await restored.exited;
        }
        console.log(
          `crash test: ${kills} SIGKILLs (${killedDuringStart} during start-up), ${CLIENTS} clients, ${load.stats.requests} requests, ${load.stats.acknowledged} acknowledged and all kept, ${load.stats.conflicts} conflicts (409), ${load.stats.lostConnections} requests cut off, ${cases.length} timers fired once each, ${outbox.length} SMS delivered (${repeats} repeated); creations retried with their Idempotency-Key after a kill: ${JSON.stringify(load.stats.retried)}; online backup under load restored and served ${backedUp.length} cases; every case replayed through the engine to its stored state (${backwards.length} timer events stamped with a due time before the event ahead of them)`,
        );
      } finally {
        await load.stop();
        gateway.server.close();
      }
    },
  );
});
