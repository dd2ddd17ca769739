import { readDefinitionFiles, type SourceFile } from '../engine/definitions/index.ts';
import { openSqliteStore } from '../engine/store/index.ts';
import { createApp } from '../server/app.ts';
import { createServices, type ServiceOptions, type Services } from '../server/services.ts';
import { openServerStorage } from '../server/storage/open-server-storage.ts';

export const DEMO_PASSWORD = 'demo-password-1';
export const ADMIN_PASSWORD = 'admin-password-1';

/** The engine fixture set plus the server fixtures (ledger, report, record type, sealed bids). */
export function fixtureFiles(): SourceFile[] {
  return [...readDefinitionFiles('tests/fixtures/engine'), ...readDefinitionFiles('tests/fixtures/server')];
}

/** A clock tests move by hand. Starts on a Monday morning in Shanghai. */
export class TestClock {
  constructor(public time = Date.parse('2026-03-02T01:00:00Z')) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export interface TestServer {
  readonly services: Services;
  readonly app: ReturnType<typeof createApp>;
  readonly clock: TestClock;
  call(method: string, path: string, options?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** Services on in-memory databases with the fixture definitions and demo users; driven through app.request. */
export async function testServer(options: Partial<ServiceOptions> = {}): Promise<TestServer> {
  const clock = new TestClock();
  const store = openSqliteStore(':memory:');
  const storage = openServerStorage(':memory:');
  const services = await createServices({ store, storage, clock, initialFiles: fixtureFiles, adminPassword: ADMIN_PASSWORD, demoPassword: DEMO_PASSWORD, ...options });
  const app = createApp(services);
  const call: TestServer['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined = o.raw;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  };
  return {
    services,
    app,
    clock,
    call,
    async login(username, password = username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD) {
      const res = await call('POST', '/api/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
      return res.body.token as string;
    },
    async close() {
      await services.projector.flush();
      await storage.close();
      await store.close();
    },
  };
}

export const ticketData = (name = 'Zhang', extra: Record<string, unknown> = {}) => ({ customerName: name, phone: '13800000009', ...extra });
