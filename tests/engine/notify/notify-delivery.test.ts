import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels, deliverOutbox, inappChannel, retryDelay } from '../../../engine/notify/index.ts';
import { emailChannel } from '../../../adapters/channels/email-channel.ts';
import { smsChannel } from '../../../adapters/channels/sms-channel.ts';
import { createMemoryStore, type OutboxRecord, type Store } from '../../../engine/store/index.ts';
import { caseRecord, step } from '../../fixtures/store/builders.ts';

interface Received {
  readonly to: string[];
  readonly raw: string;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** A real SMTP server on 127.0.0.1 that keeps what it receives. */
async function startSmtp(port = 0): Promise<{ port: number; received: Received[]; stop: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  closers.push(stop);
  return { port: (server.server.address() as AddressInfo).port, received, stop };
}

/** A port on 127.0.0.1 nobody listens on (taken, then released). */
async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** A real HTTP SMS gateway on 127.0.0.1; `status` decides its answer. */
async function startGateway(
  status: () => number,
): Promise<{ url: string; requests: { headers: Record<string, unknown>; body: Record<string, unknown> }[] }> {
  const requests: { headers: Record<string, unknown>; body: Record<string, unknown> }[] = [];
  const server: HttpServer = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: JSON.parse(body) as Record<string, unknown> });
      const code = status();
      res
        .writeHead(code, { 'content-type': 'application/json' })
        .end(code < 300 ? '{"ok":true}' : '{"error":"gateway busy"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`, requests };
}

function entry(id: string, channel: string, recipient: string, notBefore = 0): OutboxRecord {
  return {
    id,
    caseId: 'C000001',
    channel,
    recipient,
    template: 'feedback',
    subject: `Case C000001 (${id})`,
    body: 'Your complaint was received; feedback within 1 hour.',
    urgent: false,
    createdAt: 0,
    notBefore,
    status: 'queued',
    attempts: 0,
    lastError: null,
    sentAt: null,
  };
}

async function storeWith(...entries: OutboxRecord[]): Promise<Store> {
  const store = createMemoryStore();
  await store.commit(step(0, caseRecord('C000001'), { outbox: entries }));
  closers.push(() => store.close());
  return store;
}

const T0 = Date.parse('2026-09-14T02:00:00Z');

describe('delivering the outbox', () => {
  it('sends e-mail to a real SMTP server and marks it sent, once', async () => {
    // given a local SMTP server and one queued e-mail
    const smtp = await startSmtp();
    const store = await storeWith(entry('N1', 'email', 'lead1@example.com'));
    const email = emailChannel({
      host: '127.0.0.1',
      port: smtp.port,
      from: 'service@example.com',
      ignoreTLS: true,
      timeoutMs: 5000,
    });
    closers.push(async () => email.close?.());
    const channels = createChannels([email]);
    // when the outbox is delivered twice
    const first = await deliverOutbox(store, channels, T0);
    const second = await deliverOutbox(store, channels, T0 + 60_000);
    // then the server received it once, and the case shows it sent
    expect(first.sent).toEqual(['N1']);
    expect(second.sent).toEqual([]);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['lead1@example.com']);
    expect(smtp.received[0]!.raw).toContain('Subject: Case C000001 (N1)');
    expect(smtp.received[0]!.raw).toContain('X-Serviceframe-Notification: N1');
    const [stored] = await store.outboxOf('C000001');
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, lastError: null, sentAt: T0 });
  });

  it('keeps an e-mail queued with its error while SMTP is unreachable, and delivers it when the server is up', async () => {
    const port = await freePort();
    const store = await storeWith(entry('N2', 'email', 'mgr@example.com'));
    const email = emailChannel({
      host: '127.0.0.1',
      port,
      from: 'service@example.com',
      ignoreTLS: true,
      timeoutMs: 2000,
    });
    closers.push(async () => email.close?.());
    const channels = createChannels([email]);

    // first attempt: connection refused
    const r1 = await deliverOutbox(store, channels, T0, { retryBaseMs: 30_000 });
    expect(r1.sent).toEqual([]);
    let [stored] = await store.outboxOf('C000001');
    expect(stored).toMatchObject({ status: 'failed', attempts: 1, notBefore: T0 + 30_000 });
    expect(stored!.lastError).toMatch(/ECONNREFUSED|connect/i);
    // not retried before its back-off is over
    expect((await deliverOutbox(store, channels, T0 + 10_000)).sent).toEqual([]);
    expect((await store.outboxOf('C000001'))[0]!.attempts).toBe(1);
    // second attempt fails again: the delay doubles
    await deliverOutbox(store, channels, T0 + 30_000, { retryBaseMs: 30_000 });
    [stored] = await store.outboxOf('C000001');
    expect(stored).toMatchObject({ status: 'failed', attempts: 2, notBefore: T0 + 30_000 + 60_000 });

    // the server comes up on that port; the next due attempt delivers
    const smtp = await startSmtp(port);
    const r3 = await deliverOutbox(store, channels, T0 + 90_000);
    expect(r3.sent).toEqual(['N2']);
    expect(smtp.received).toHaveLength(1);
    [stored] = await store.outboxOf('C000001');
    expect(stored).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
  });

  it('sends SMS through a real HTTP gateway, retrying after an error answer', async () => {
    let answer = 503;
    const gateway = await startGateway(() => answer);
    const store = await storeWith(entry('N3', 'sms', '13800000001'));
    const channels = createChannels([smsChannel({ url: gateway.url, token: 'secret' })]);

    const r1 = await deliverOutbox(store, channels, T0);
    expect(r1.failed[0]).toMatchObject({ id: 'N3', error: 'SMS gateway answered HTTP 503: {"error":"gateway busy"}' });
    answer = 200;
    const r2 = await deliverOutbox(store, channels, r1.failed[0]!.retryAt);
    expect(r2.sent).toEqual(['N3']);
    expect(gateway.requests).toHaveLength(2);
    expect(gateway.requests[1]!.body).toMatchObject({
      id: 'N3',
      to: '13800000001',
      text: 'Your complaint was received; feedback within 1 hour.',
    });
    expect(gateway.requests[1]!.headers).toMatchObject({ 'idempotency-key': 'N3', authorization: 'Bearer secret' });
  });

  it('marks in-app notifications delivered and keeps a channel nobody configured queued with an explanation', async () => {
    const store = await storeWith(entry('N4', 'inapp', 'b1.lead'), entry('N5', 'sms', '13800000002'));
    const r = await deliverOutbox(store, createChannels([inappChannel()]), T0);
    expect(r.sent).toEqual(['N4']);
    const n5 = (await store.outboxOf('C000001')).find((o) => o.id === 'N5')!;
    expect(n5).toMatchObject({ status: 'failed', attempts: 1 });
    expect(n5.lastError).toBe("no 'sms' channel is configured (configured: inapp)");
  });

  it('leaves quiet-hour notifications until their time', async () => {
    const store = await storeWith(entry('N6', 'inapp', 'b1.lead', T0 + 3_600_000));
    expect((await deliverOutbox(store, createChannels([inappChannel()]), T0)).sent).toEqual([]);
    expect((await deliverOutbox(store, createChannels([inappChannel()]), T0 + 3_600_000)).sent).toEqual(['N6']);
  });

  it('backs off exponentially up to a cap, forever', () => {
    expect([1, 2, 3, 4].map((a) => retryDelay(a, 1000, 5000))).toEqual([1000, 2000, 4000, 5000]);
    expect(retryDelay(500)).toBe(3_600_000);
  });
});
