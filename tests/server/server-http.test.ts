import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningWriterThreads, terminateWriterThreads } from '../../adapters/sqlite/store/sqlite-writer-thread.ts';
import { silentLogger } from '../../server/log.ts';
import { startServer, type RunningServer, type StartOptions } from '../../server/start.ts';
import { ADMIN_PASSWORD, DEMO_PASSWORD, ticketData } from './server-support.ts';

let dir: string;
let defs: string;
let server: RunningServer | null = null;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sf-http-'));
  defs = join(dir, 'definitions');
  cpSync('tests/fixtures/engine', join(defs, 'engine'), { recursive: true });
  cpSync('tests/fixtures/server', join(defs, 'server'), { recursive: true });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const options = (): StartOptions => ({
  port: 0,
  host: '127.0.0.1',
  dataDir: join(dir, 'data'),
  definitionsDir: defs,
  adminPassword: ADMIN_PASSWORD,
  demoPassword: DEMO_PASSWORD,
  log: silentLogger,
  schedulerIntervalMs: 50,
});

async function api(method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(server!.url + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined,
  };
}
const login = async (username: string, password = DEMO_PASSWORD) =>
  (await api('POST', '/api/auth/login', undefined, { username, password })).body.token as string;

describe('a real server on a free port', () => {
  let caseId: string;
  let staffToken: string;

  it('walks a newcomer through a case: register, dispatch, complete, ledger row and CSV', async () => {
    server = await startServer(options());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await api('GET', '/api/health')).body).toEqual({ status: 'ok' });
    staffToken = await login('b1.staff');
    const created = await api('POST', '/api/cases', staffToken, { workflow: 'ticket', data: ticketData('Chen Jing') });
    expect(created.status).toBe(201);
    caseId = created.body.id;
    const lead = await login('b1.lead');
    const dispatched = await api('POST', `/api/cases/${caseId}/events`, lead, {
      type: 'dispatch',
      data: { technician: 'b1.tech' },
      expectedVersion: 1,
    });
    expect(dispatched.body.assignee).toBe('b1.tech');
    const tech = await login('b1.tech');
    const todo = await api('GET', `/api/cases/${caseId}`, tech);
    expect(todo.body.availableEvents.map((e: { type: string }) => e.type)).toEqual(['arrive']);
    await api('POST', `/api/cases/${caseId}/events`, tech, { type: 'arrive', expectedVersion: 2 });
    const done = await api('POST', `/api/cases/${caseId}/events`, tech, {
      type: 'finish',
      data: { visitFee: 80, partsFee: 20 },
      expectedVersion: 3,
    });
    expect(done.body.done).toBe(true);
    const month = done.body.createdAt.slice(0, 7);
    const ledger = await api('GET', `/api/ledger?unit=b1&from=${month}&to=${month}`, lead);
    expect(
      ledger.body.rows.map((r: { caseId: string; values: { total: number } }) => [r.caseId, r.values.total]),
    ).toEqual([[caseId, 100]]);
    const csv = await fetch(`${server.url}/api/ledger?unit=b1&from=${month}&to=${month}`, {
      headers: { authorization: `Bearer ${lead}`, accept: 'text/csv' },
    });
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('"Chen Jing"');
  });

  it('tells a watching client when a case it can see changes (server-sent events)', async () => {
    const lead = await login('b1.lead');
    const controller = new AbortController();
    const res = await fetch(`${server!.url}/api/stream`, {
      headers: { authorization: `Bearer ${lead}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(seen)) {
        const { value, done } = await reader.read();
        if (done) break;
        seen += decoder.decode(value);
      }
      return seen;
    };
    await until(/event: ready/);
    const other = await api('POST', '/api/cases', staffToken, { workflow: 'ticket', data: ticketData('Streamed') });
    expect(await until(new RegExp(other.body.id))).toContain('event: case');
    // and several changes at once arrive each as its own event
    const more = await Promise.all(
      ['One', 'Two', 'Three'].map((name) =>
        api('POST', '/api/cases', staffToken, { workflow: 'ticket', data: ticketData(name) }),
      ),
    );
    const ids = more.map((c) => c.body.id as string);
    for (const id of ids) await until(new RegExp(`id: ${id}:1\n\n`));
    for (const id of ids) {
      expect(seen).toMatch(
        new RegExp(`event: case\ndata: \\{"id":"${id}","workflow":"ticket","version":1,[^\n]*\\}\nid: ${id}:1\n\n`),
      );
    }
    controller.abort();
  });

  it('keeps cases and logins across a restart, and runs on the published set, not the directory', async () => {
    await server!.close();
    writeFileSync(join(defs, 'engine', 'broken.yaml'), 'kind: [this is not valid');
    server = await startServer(options());
    const me = await api('GET', '/api/me', staffToken);
    expect(me.status).toBe(200);
    const read = await api('GET', `/api/cases/${caseId}`, staffToken);
    expect(read.body).toEqual(expect.objectContaining({ id: caseId, done: true, version: 4 }));
    expect((await api('GET', '/api/definitions/versions', await login('admin', ADMIN_PASSWORD))).body).toHaveLength(1);
    expect((await api('POST', '/api/auth/logout', staffToken)).status).toBe(204);
    expect((await api('GET', '/api/me', staffToken)).status).toBe(401);
  });

  it('refuses to start on invalid definitions, naming each PATH:LINE:COLUMN', async () => {
    await expect(startServer({ ...options(), dataDir: join(dir, 'fresh') })).rejects.toThrow(/broken\.yaml:1:\d+: /);
  });
});

describe('a real server writing its history on a thread of its own (SERVICEFRAME_WRITER=thread)', () => {
  it('takes the setting from the environment', async () => {
    const { optionsFromEnv } = await import('../../server/start.ts');
    expect(optionsFromEnv({ SERVICEFRAME_WRITER: 'thread' }).writer).toBe('thread');
    expect(optionsFromEnv({}).writer).toBeUndefined();
  });

  it('serves, refuses a stale version, and keeps every acknowledged event across a restart', async () => {
    // its own definitions: the tests above left a broken file in theirs
    const definitionsDir = join(dir, 'threaded-definitions');
    cpSync('tests/fixtures/engine', join(definitionsDir, 'engine'), { recursive: true });
    cpSync('tests/fixtures/server', join(definitionsDir, 'server'), { recursive: true });
    const threaded = (): StartOptions => ({
      ...options(),
      dataDir: join(dir, 'threaded'),
      definitionsDir,
      writer: 'thread',
    });
    await server?.close();
    const before = runningWriterThreads();
    server = await startServer(threaded());
    expect(runningWriterThreads()).toBe(before + 1);
    const staff = await login('b1.staff');
    const lead = await login('b1.lead');
    const created = await Promise.all(
      ['Wu', 'Zhao', 'Qian'].map((name) =>
        api('POST', '/api/cases', staff, { workflow: 'ticket', data: ticketData(name) }),
      ),
    );
    expect(created.map((c) => c.status)).toEqual([201, 201, 201]);
    const id = created[0]!.body.id as string;
    const dispatched = await api('POST', `/api/cases/${id}/events`, lead, {
      type: 'dispatch',
      data: { technician: 'b1.tech' },
      expectedVersion: 1,
    });
    expect(dispatched.body).toEqual(expect.objectContaining({ version: 2, assignee: 'b1.tech' }));
    // the writer thread's refusal reaches the client as the inline store's would
    const stale = await api('POST', `/api/cases/${id}/events`, lead, { type: 'note', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    await server.close();
    server = await startServer(threaded());
    const read = await api('GET', `/api/cases/${id}`, await login('b1.lead'));
    expect(read.body).toEqual(expect.objectContaining({ id, version: 2, assignee: 'b1.tech' }));
    expect(read.body.history.map((e: { type: string }) => e.type)).toEqual(['create', 'dispatch']);
    // and if the writer thread dies, a write answers 503 (not a bare 500) while reads go on
    await terminateWriterThreads();
    const refused = await api('POST', `/api/cases/${id}/events`, await login('b1.lead'), {
      type: 'note',
      expectedVersion: 2,
    });
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual(expect.objectContaining({ status: 503, code: 'STORE_WRITER_STOPPED' }));
    expect((await api('GET', `/api/cases/${id}`, await login('b1.lead'))).status).toBe(200);
  });
});
