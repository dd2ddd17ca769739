// Delivery (issue 15, item 10): the staff app and the API answered compressed where the client
// asks (brotli, else gzip), content-hashed chunks cached for a year as immutable, every other file
// revalidated by its ETag (304 without a body), a favicon, the service worker at the root under a
// policy that lets it run, API reads with ETags. Through a real listening server and node's http
// client, which shows the bytes as they travel (fetch would decode them).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { testServer, ticketData, type TestServer } from './server-support.ts';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The bytes as they came over the wire. */
  readonly raw: Buffer;
  /** The body decoded by its Content-Encoding. */
  readonly body: string;
}

let uiDir: string;
let s: TestServer;
let server: ServerType;
let port: number;
let token: string;

function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => {
        const raw = Buffer.concat(parts);
        const encoding = res.headers['content-encoding'];
        const decoded = encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, body: decoded.toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  uiDir = mkdtempSync(join(tmpdir(), 'sf-delivery-ui-'));
  execFileSync(process.execPath, ['ui/build.mjs', '--outdir', uiDir], { stdio: 'pipe' });
  s = await testServer();
  const app = createApp(s.services, { uiDir });
  server = await new Promise<ServerType>((resolve) => {
    const listening = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(listening));
  });
  port = (server.address() as AddressInfo).port;
  token = await s.login('b1.staff');
}, 120_000);

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await s?.close();
  if (uiDir) rmSync(uiDir, { recursive: true, force: true });
});

const chunkNames = () => readdirSync(join(uiDir, 'chunks')).filter((f) => f.endsWith('.js'));

describe('static delivery', () => {
  it('sends the app page and its entry with brotli when asked, gzip when only that is accepted, as they are otherwise', async () => {
    for (const path of ['/', '/ui/app.js']) {
      const file = readFileSync(join(uiDir, path === '/' ? 'index.html' : 'app.js'));
      const br = await get(path, { 'accept-encoding': 'gzip, deflate, br' });
      const gz = await get(path, { 'accept-encoding': 'gzip' });
      const plain = await get(path);
      if (file.byteLength >= 1024) {
        expect(br.headers['content-encoding'], path).toBe('br');
        expect(gz.headers['content-encoding'], path).toBe('gzip');
        expect(br.raw.byteLength).toBeLessThan(file.byteLength);
      }
      expect(plain.headers['content-encoding']).toBeUndefined();
      for (const a of [br, gz, plain]) {
        expect(a.status).toBe(200);
        expect(a.body).toBe(file.toString('utf8'));
        expect(a.headers['vary']).toMatch(/accept-encoding/i);
        expect(a.headers['cache-control']).toBe('no-cache');
      }
    }
    // the largest chunk is well above the threshold: brotli takes it to a third or less
    const largest = chunkNames()
      .map((f) => ({ f, size: readFileSync(join(uiDir, 'chunks', f)).byteLength }))
      .sort((a, b) => b.size - a.size)[0]!;
    const big = await get(`/ui/chunks/${largest.f}`, { 'accept-encoding': 'br' });
    expect(big.headers['content-encoding']).toBe('br');
    expect(big.raw.byteLength).toBeLessThan(largest.size / 3);
  });

  it('answers an unchanged file with 304 and no body, by its ETag, whatever the encoding', async () => {
    for (const path of ['/', '/ui/app.js', '/ui/serviceframe.js', '/sw.js']) {
      const first = await get(path, { 'accept-encoding': 'br' });
      const etag = first.headers['etag'] as string;
      expect(etag, path).toMatch(/^(W\/)?"[^"]+"$/);
      const again = await get(path, { 'accept-encoding': 'gzip', 'if-none-match': etag });
      expect(again.status, path).toBe(304);
      expect(again.raw.byteLength).toBe(0);
      expect(again.headers['etag']).toBe(etag);
      const other = await get(path, { 'if-none-match': '"something-else"' });
      expect(other.status).toBe(200);
    }
  });

  it('caches content-hashed chunks for a year as immutable', async () => {
    const names = chunkNames();
    expect(names.length).toBeGreaterThan(2);
    for (const name of names.slice(0, 5)) {
      const a = await get(`/ui/chunks/${name}`, { 'accept-encoding': 'br' });
      expect(a.status).toBe(200);
      expect(a.headers['cache-control']).toMatch(/max-age=31536000/);
      expect(a.headers['cache-control']).toMatch(/\bimmutable\b/);
      expect(a.headers['content-type']).toMatch(/^text\/javascript/);
    }
    // the files whose names do not change with their content are never immutable
    for (const path of ['/', '/ui/app.js', '/ui/serviceframe.js', '/sw.js', '/ui/favicon.svg']) {
      expect((await get(path)).headers['cache-control'], path).not.toMatch(/immutable/);
    }
  });

  it('serves a favicon, linked from the page and at /favicon.ico', async () => {
    const page = await get('/');
    expect(page.body).toMatch(/<link rel="icon" href="\/ui\/favicon.svg"/);
    for (const path of ['/ui/favicon.svg', '/favicon.ico']) {
      const icon = await get(path);
      expect(icon.status, path).toBe(200);
      expect(icon.headers['content-type']).toBe('image/svg+xml');
      expect(icon.body).toMatch(/^<svg/);
    }
  });

  it('serves the service worker from the root under a policy that lets the page register it', async () => {
    const sw = await get('/sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers['content-type']).toMatch(/^text\/javascript/);
    // the shell it keeps: the page, the entry and the entry's chunks, not the editor
    expect(sw.body).toContain('"/ui/app.js"');
    expect(sw.body).not.toMatch(/sf-definition-editor/);
    const csp = new Map(
      String((await get('/')).headers['content-security-policy'])
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k!, v]),
    );
    // worker-src falls back to script-src, then default-src (CSP 3)
    const workers = csp.get('worker-src') ?? csp.get('script-src') ?? csp.get('default-src');
    expect(workers).toContain("'self'");
  });

  it('starts the app with one script that imports nothing else before the first screen, none of the editor', async () => {
    const page = (await get('/')).body;
    const scripts = [...page.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toEqual(['/ui/app.js']);
    const app = readFileSync(join(uiDir, 'app.js'), 'utf8');
    // no static import of a chunk (a request and a round trip before the login form); pages are import()ed
    expect(app).not.toMatch(/\bimport\s*[{*\w][^;]*?from\s*["']\.\/chunks\//);
    expect(app).not.toMatch(/\bimport\s*["']\.\/chunks\//);
    expect(app).toMatch(/import\(["']\.\/chunks\/sf-case-[A-Z0-9]+\.js["']\)/);
    expect(app).not.toContain('cm-lintRange');
    expect(page).not.toMatch(/modulepreload/);
    // a page's chunk takes the app's modules from app.js (one Lit, one drafts store on the page)
    const caseChunk = chunkNames().find((f) => app.includes(`./chunks/${f}`) && f.startsWith('sf-case-'))!;
    expect(readFileSync(join(uiDir, 'chunks', caseChunk), 'utf8')).toMatch(/from\s*["']\.\.\/app\.js["']/);
  });
});

describe('API delivery', () => {
  const auth = () => ({ authorization: `Bearer ${token}` });

  it('compresses JSON answers when asked, and leaves small ones and event streams as they are', async () => {
    for (let i = 0; i < 12; i++)
      expect(
        (
          await s.call('POST', '/api/cases', {
            token,
            body: { workflow: 'ticket', data: ticketData(`Customer ${i} with a longer name`) },
          })
        ).status,
      ).toBe(201);
    const list = await get('/api/cases', { ...auth(), 'accept-encoding': 'gzip, br' });
    expect(list.status).toBe(200);
    expect(list.headers['content-encoding']).toBe('br');
    const plain = await get('/api/cases', auth());
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(list.body)).toEqual(JSON.parse(plain.body));
    expect(list.raw.byteLength).toBeLessThan(plain.raw.byteLength / 2);
    // problem documents too, under the same rules
    const health = await get('/api/health', { 'accept-encoding': 'br' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
    // the event stream flows uncompressed
    const stream = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/api/stream', headers: { ...auth(), 'accept-encoding': 'br' } },
        (res) => {
          resolve(res.headers);
          req.destroy();
        },
      );
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
      req.end();
    });
    expect(stream['content-type']).toMatch(/^text\/event-stream/);
    expect(stream['content-encoding']).toBeUndefined();
  });

  it('answers an unchanged definition or worklist with 304 by its ETag', async () => {
    for (const path of ['/api/definitions', '/api/definitions/Workflow/ticket', '/api/cases', '/api/me']) {
      const first = await get(path, { ...auth(), 'accept-encoding': 'br' });
      expect(first.status, path).toBe(200);
      expect(first.headers['cache-control']).toBe('private, no-cache');
      const etag = first.headers['etag'] as string;
      expect(etag, path).toBeTruthy();
      const again = await get(path, { ...auth(), 'accept-encoding': 'br', 'if-none-match': etag });
      expect(again.status, path).toBe(304);
      expect(again.raw.byteLength).toBe(0);
    }
    // a change to the list gives a new tag and the whole list
    const before = (await get('/api/cases', auth())).headers['etag'] as string;
    await s.call('POST', '/api/cases', { token, body: { workflow: 'ticket', data: ticketData('One more') } });
    const after = await get('/api/cases', { ...auth(), 'if-none-match': before });
    expect(after.status).toBe(200);
  });
});
