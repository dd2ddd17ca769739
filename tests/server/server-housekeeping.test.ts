import { afterEach, expect, it } from 'vitest';
import { createChannels, inappChannel } from '../../engine/notify/index.ts';
import { housekeeping, IDEMPOTENCY_RETENTION_MS } from '../../server/housekeeping.ts';
import type { Logger } from '../../server/log.ts';
import { startScheduler } from '../../server/scheduler.ts';
import { testServer, ticketData, type TestServer } from './server-support.ts';

const HOUR = 3_600_000;
let s: TestServer;
afterEach(async () => s?.close());

const create = (token: string, name: string, key: string) =>
  s.call('POST', '/api/cases', {
    token,
    body: { workflow: 'ticket', data: ticketData(name) },
    headers: { 'idempotency-key': key },
  });

it('forgets Idempotency-Keys after a day and deletes expired sessions, keeping what is recent', async () => {
  // given a key used yesterday, a session that has expired since, and a key used an hour ago
  s = await testServer();
  const yesterday = await s.login('b1.staff');
  expect((await create(yesterday, 'A', 'old-key')).status).toBe(201);
  s.clock.advance(IDEMPOTENCY_RETENTION_MS + 2 * HOUR);
  const today = await s.login('b1.staff');
  expect((await create(today, 'B', 'recent-key')).status).toBe(201);
  s.clock.advance(HOUR);
  expect((await s.call('GET', '/api/cases', { token: yesterday })).status).toBe(401);
  // when housekeeping runs
  const report = await housekeeping(s.services, s.clock.now());
  // then the expired session and the old key are gone, and nothing recent
  expect(report).toEqual({ sessions: 1, idempotencyKeys: 1 });
  expect((await s.call('GET', '/api/cases', { token: today })).status).toBe(200);
  // the old key is a new request now; the recent one is still held to its first body
  expect((await create(today, 'C', 'old-key')).status).toBe(201);
  const reused = await create(today, 'D', 'recent-key');
  expect(reused.status).toBe(422);
  expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
});

it('runs housekeeping from the scheduler at start, and again once the clock has moved on an hour or more', async () => {
  // given an expired session
  const lines: { message: string; fields?: Record<string, unknown> }[] = [];
  const log: Logger = (_level, message, fields) => lines.push({ message, ...(fields ? { fields } : {}) });
  s = await testServer({ log });
  await s.login('b1.staff');
  s.clock.advance(13 * HOUR);
  // when the scheduler starts
  const scheduler = startScheduler(s.services, createChannels([inappChannel()]), { intervalMs: 5 });
  try {
    const housekept = () => lines.filter((l) => l.message === 'housekeeping');
    // (a deadline for the condition, generous for a busy machine; 1 s was not)
    for (const end = Date.now() + 20_000; housekept().length === 0 && Date.now() < end;)
      await new Promise((r) => setTimeout(r, 5));
    // then it deleted the session at once
    expect(housekept()).toEqual([{ message: 'housekeeping', fields: { sessions: 1, idempotencyKeys: 0 } }]);
    // and again later, when the clock has moved on and another session has expired
    await s.login('b1.staff');
    s.clock.advance(13 * HOUR);
    for (const end = Date.now() + 20_000; housekept().length === 1 && Date.now() < end;)
      await new Promise((r) => setTimeout(r, 5));
    expect(housekept()).toHaveLength(2);
  } finally {
    await scheduler.stop();
  }
});
