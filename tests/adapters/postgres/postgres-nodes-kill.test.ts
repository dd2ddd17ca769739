// covers: P-7, INFO-5
// Three `serviceframe serve` processes on one PostgreSQL database (issue 17, "Done when": the
// multi-node test). Three clients, each on its own node (its requests and its /api/stream), create
// jobs and send notes to everyone's jobs (so versions conflict across nodes) while the jobs' timers
// come due 3 s after creation. One node at a time is SIGKILLed under that load and started again,
// round after round. Afterwards: every acknowledged (2xx) event is in the database, each job's
// timer fired exactly once and its SMS reached the gateway, `serviceframe audit verify` passes on
// the database, and each client's stream told it of the other clients' jobs, made on other nodes.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pgDriver from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { servingUrl } from '../../helpers/serving-url.ts';
import { freshPostgresDatabase } from '../../helpers/test-database.ts';

const NODES = 3;
const ROUNDS = 3;
/** Concurrent request loops per client (each client is one login on one node). */
const LOOPS = 1;
const PASSWORD = 'nodes-kill-demo-password';
const TIMER_EVENT = 'sf.after:open:0';

const root = mkdtempSync(join(tmpdir(), 'sf-pg-kill-'));
const definitionsDir = join(root, 'definitions');
cpSync('tests/fixtures/engine', definitionsDir, { recursive: true });
cpSync('tests/fixtures/crash', definitionsDir, { recursive: true });

let db: { url: string; drop(): Promise<void> };
let gateway: { server: Server; url: string; received: Map<string, number> };
beforeAll(async () => {
  db = await freshPostgresDatabase('sf_kill');
  gateway = await startGateway();
});
afterAll(async () => {
  await Promise.all(nodes.map((n) => n?.stop('SIGKILL')));
  gateway?.server.close();
  await db?.drop();
  rmSync(root, { recursive: true, force: true });
});

/** An SMS gateway that answers 200 and counts what it received, by notification id. */
function startGateway(): Promise<typeof gateway> {
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

/** One `serviceframe serve` process, started again after each kill. */
class Node {
  url: string | null = null;
  starts = 0;
  private child: ChildProcess | undefined;
  private upWaiters: (() => void)[] = [];

  constructor(readonly name: string) {}

  /** Starts the process and waits for its 'serving' line, then for its readiness (its database reached). */
  async start(): Promise<string> {
    const child = spawn(process.execPath, ['bin/serviceframe.js', 'serve'], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: db.url,
        DEFINITIONS_DIR: definitionsDir,
        SERVICEFRAME_ADMIN_PASSWORD: 'nodes-kill-admin-password',
        SERVICEFRAME_DEMO: '1',
        SERVICEFRAME_DEMO_PASSWORD: PASSWORD,
        SERVICEFRAME_RATE_LIMIT: '0',
        SMS_GATEWAY_URL: gateway.url,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const url = await servingUrl(child, this.name);
    await vi.waitFor(async () => expect((await fetch(`${url}/api/ready`).catch(() => undefined))?.status).toBe(200), {
      timeout: 20_000,
      interval: 100,
    });
    this.starts++;
    this.url = url;
    for (const wake of this.upWaiters.splice(0)) wake();
    return url;
  }

  /** Resolves once the node serves (at once when it does now). */
  whenUp(): Promise<void> {
    if (this.url !== null) return Promise.resolve();
    return new Promise((resolve) => this.upWaiters.push(resolve));
  }

  async stop(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.url = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }
}

const nodes: Node[] = Array.from({ length: NODES }, (_, i) => new Node(`node ${String.fromCharCode(65 + i)}`));

/** Jobs every client may send notes to, with the version each was last seen at. */
const jobs = new Map<string, { version: number; by: number }>();

interface Ack {
  readonly caseId: string;
  readonly seq: number;
  readonly type: string;
}

/** One person on one node: requests there, and an event stream open there while it runs. */
class Client {
  token = '';
  readonly acked: Ack[] = [];
  /** Case ids this client's stream told it of, with the node that told. */
  readonly heard = new Set<string>();
  readonly unexpected: string[] = [];
  requests = 0;
  conflicts = 0;
  cutOff = 0;
  private running = false;
  private stopped: Promise<void> = Promise.resolve();
  private markStopped: () => void = () => {};
  private loops: Promise<void>[] = [];
  private stream: AbortController | undefined;

  constructor(
    readonly n: number,
    readonly node: Node,
  ) {}

  async login(): Promise<void> {
    const res = await fetch(`${this.node.url!}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'b1.staff', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    this.token = ((await res.json()) as { token: string }).token;
  }

  /** Opens /api/stream on its node (again after a restart) and waits for its `ready`. */
  async listen(): Promise<void> {
    this.stream?.abort();
    const controller = new AbortController();
    this.stream = controller;
    const res = await fetch(`${this.node.url!}/api/stream`, {
      headers: { authorization: `Bearer ${this.token}` },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    let ready = false;
    let text = '';
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          text += decoder.decode(value, { stream: true });
          const cut = text.lastIndexOf('\n\n');
          if (cut < 0) continue;
          for (const block of text.slice(0, cut).split('\n\n')) {
            if (block.startsWith('event: ready')) ready = true;
            const data = /^event: case\ndata: (.*)$/m.exec(block);
            if (data) this.heard.add((JSON.parse(data[1]!) as { id: string }).id);
          }
          text = text.slice(cut + 2);
        }
      } catch {
        // the node was killed, or the test closed the stream
      }
    })();
    await vi.waitFor(() => expect(ready).toBe(true), { timeout: 10_000 });
  }

  start(): void {
    this.running = true;
    this.stopped = new Promise((resolve) => (this.markStopped = resolve));
    this.loops = Array.from({ length: LOOPS }, () => this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.markStopped();
    await Promise.all(this.loops);
  }

  close(): void {
    this.stream?.abort();
  }

  /** Creates a job and returns its id, or undefined when the answer was not a 201. */
  async create(): Promise<string | undefined> {
    const res = await this.request('POST', '/api/cases', { workflow: 'job', data: {} }, `create-${randomUUID()}`);
    if (res?.status !== 201) {
      if (res) this.unexpect(res, 'create');
      return undefined;
    }
    const id = res.body.id as string;
    jobs.set(id, { version: res.body.version as number, by: this.n });
    this.acked.push({ caseId: id, seq: 1, type: 'create' });
    return id;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      if (this.node.url === null) {
        // its node is down: wait for it (a proxy would send the client elsewhere; this one waits)
        await Promise.race([this.node.whenUp(), this.stopped]);
        continue;
      }
      if (jobs.size < 3 || Math.random() < 0.2) {
        await this.create();
        continue;
      }
      const ids = [...jobs.keys()];
      // half the time one of the newest jobs, which every client crowds onto: versions conflict
      const id =
        Math.random() < 0.5
          ? ids[ids.length - 1 - Math.floor(Math.random() * 3)]!
          : ids[Math.floor(Math.random() * ids.length)]!;
      const known = jobs.get(id)!;
      const res = await this.request('POST', `/api/cases/${id}/events`, {
        type: 'note',
        data: {},
        expectedVersion: known.version,
      });
      if (res?.status === 200) {
        this.acked.push({ caseId: id, seq: res.body.version as number, type: 'note' });
        known.version = Math.max(known.version, res.body.version as number);
      } else if (res?.status === 409) {
        this.conflicts++;
        const fresh = await this.request('GET', `/api/cases/${id}`);
        if (fresh?.status === 200) known.version = Math.max(known.version, fresh.body.version as number);
      } else if (res) this.unexpect(res, 'note');
    }
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
    key?: string,
  ): Promise<{ status: number; body: any } | null> {
    const url = this.node.url;
    if (url === null) return null;
    this.requests++;
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
      return { status: res.status, body: await res.json().catch(() => null) };
    } catch {
      // the node died with the request in flight: its outcome is unknown, so nothing is acknowledged
      this.cutOff++;
      return null;
    }
  }

  private unexpect(res: { status: number; body: any }, what: string) {
    if (this.unexpected.length < 20)
      this.unexpected.push(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }
}

/** Runs `serviceframe ARGS` as its own process on the test's database, as an operator would. */
function cli(...args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['bin/serviceframe.js', ...args], {
    env: { ...process.env, DATABASE_URL: db.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

async function query<R>(sql: string, values: unknown[] = []): Promise<R[]> {
  const client = new pgDriver.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as R[];
  } finally {
    await client.end();
  }
}

const t0 = Date.now();
/** Where the run is, on stderr with the seconds since it began (a timeout then shows how far it got). */
const phase = (what: string) =>
  process.stderr.write(`[nodes-kill ${((Date.now() - t0) / 1000).toFixed(1)} s] ${what}\n`);

const acknowledged = (clients: Client[]) => clients.reduce((n, c) => n + c.acked.length, 0);

describe('three nodes on one PostgreSQL database, one killed again and again under load', () => {
  it(
    `keeps every acknowledged event, fires every timer once and tells every stream through ${ROUNDS} SIGKILLs`,
    { timeout: 600_000 },
    async () => {
      // the first node migrates and publishes; the others, started together, find both done
      await nodes[0]!.start();
      await Promise.all(nodes.slice(1).map((node) => node.start()));
      phase('every node serving and ready');
      const clients = nodes.map((node, i) => new Client(i, node));
      for (const c of clients) {
        await c.login();
        await c.listen();
      }
      try {
        for (const c of clients) c.start();
        for (let round = 0; round < ROUNDS; round++) {
          // under load, with jobs made on every node since the last restart
          const before = acknowledged(clients);
          const made = jobs.size;
          await vi.waitFor(
            () => {
              expect(acknowledged(clients)).toBeGreaterThan(before + 40);
              expect(jobs.size).toBeGreaterThan(made + NODES);
            },
            { timeout: 30_000, interval: 50 },
          );
          const victim = nodes[round % NODES]!;
          phase(`round ${round + 1}: ${acknowledged(clients)} acknowledged, ${jobs.size} jobs; SIGKILL ${victim.name}`);
          await victim.stop('SIGKILL');
          // started again at once; the others go on meanwhile
          const during = acknowledged(clients);
          await victim.start();
          expect(acknowledged(clients)).toBeGreaterThan(during);
          phase(`round ${round + 1}: ${victim.name} serving and ready again`);
          await clients[round % NODES]!.listen();
          phase(`round ${round + 1}: its client listens again`);
        }
        // every client makes one more job now that all nodes run: each stream must tell of the others'
        await Promise.all(clients.map((c) => c.stop()));
        phase(`load stopped: ${acknowledged(clients)} acknowledged`);
        const last = await Promise.all(clients.map((c) => c.create()));
        expect(last.every((id) => id !== undefined)).toBe(true);
        await vi.waitFor(
          () => {
            for (const c of clients)
              for (const [i, id] of last.entries()) if (i !== c.n) expect(c.heard, `client ${c.n}`).toContain(id);
          },
          { timeout: 15_000 },
        );
        // and over the whole run, each client's stream told it of jobs every other client made
        for (const c of clients)
          for (const other of clients.filter((o) => o !== c)) {
            const theirs = [...jobs].filter(([, j]) => j.by === other.n).map(([id]) => id);
            expect(theirs.filter((id) => c.heard.has(id)).length, `client ${c.n} of client ${other.n}`).toBeGreaterThan(
              ROUNDS,
            );
          }

        phase('every stream heard the others');
        // every job's timer (3 s after its creation) fires, on some node, and its SMS is sent
        await vi.waitFor(
          async () => {
            const [pending] = await query<{ timers: number; outbox: number }>(
              "SELECT (SELECT count(*)::int FROM timers) AS timers, (SELECT count(*)::int FROM outbox WHERE status != 'sent') AS outbox",
            );
            expect(pending).toEqual({ timers: 0, outbox: 0 });
          },
          { timeout: 30_000, interval: 250 },
        );

        phase('every timer fired and every SMS sent');
        // every acknowledged event is stored, as acknowledged
        const stored = new Map(
          (await query<{ case_id: string; seq: number; type: string }>('SELECT case_id, seq, type FROM events')).map(
            (e) => [`${e.case_id}#${e.seq}`, e.type],
          ),
        );
        const acks = clients.flatMap((c) => c.acked);
        expect(acks.filter((a) => stored.get(`${a.caseId}#${a.seq}`) !== a.type)).toEqual([]);
        // each job's timer fired exactly once, and caused one notification, which reached the gateway
        const jobIds = (await query<{ id: string }>("SELECT id FROM cases WHERE workflow = 'job'")).map((r) => r.id);
        const fired = new Map(
          (
            await query<{ case_id: string; n: number }>(
              'SELECT case_id, count(*)::int AS n FROM events WHERE type = $1 GROUP BY case_id',
              [TIMER_EVENT],
            )
          ).map((r) => [r.case_id, r.n]),
        );
        expect(jobIds.filter((id) => fired.get(id) !== 1)).toEqual([]);
        const outbox = (await query<{ id: string }>('SELECT id FROM outbox')).map((r) => r.id);
        expect(outbox).toHaveLength(jobIds.length);
        expect(outbox.filter((id) => !gateway.received.has(id))).toEqual([]);
        expect(clients.flatMap((c) => c.unexpected)).toEqual([]);

        // the whole history verifies: hash chains, day anchors, every case's state against its history
        const audit = await cli('audit', 'verify');
        expect(audit.out).toMatch(/^ok: \d+ events, \d+ cases, \d+ days$/m);
        expect(audit.code).toBe(0);
        console.log(
          `three nodes, ${ROUNDS} SIGKILLs under load: ${clients.reduce((n, c) => n + c.requests, 0)} requests, ${acks.length} acknowledged and all kept, ${clients.reduce((n, c) => n + c.conflicts, 0)} conflicts (409), ${clients.reduce((n, c) => n + c.cutOff, 0)} cut off by a kill; ${jobIds.length} timers fired once each; streams heard ${clients.map((c) => c.heard.size).join('/')} cases; ${audit.out.trim()}`,
        );
      } finally {
        await Promise.all(clients.map((c) => c.stop()));
        for (const c of clients) c.close();
        await Promise.all(nodes.map((n) => n.stop('SIGTERM')));
      }
    },
  );
});
