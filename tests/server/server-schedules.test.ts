// covers: INFO-3, CMP-8
import { expect, it, vi } from 'vitest';
import { createChannels, inappChannel } from '../../engine/notify/index.ts';
import { startScheduler } from '../../server/scheduler.ts';
import { outboxEntry } from '../fixtures/store/builders.ts';
import { fixtureFiles, testServer } from './server-support.ts';

const DEFS = `
apiVersion: serviceframe/v1
kind: Form
metadata: { name: report-start }
spec:
  fields:
    - { name: unit, type: text, label: Unit, required: true }
    - { name: month, type: text, label: Month, required: true }
---
apiVersion: serviceframe/v1
kind: Workflow
metadata: { name: report }
spec:
  startForm: report-start
  start: { allow: [ { system: true } ], unit: '=data.unit' }
  initial: open
  states: { open: { on: { close: { target: closed } } }, closed: { type: final } }
---
apiVersion: serviceframe/v1
kind: Schedule
metadata: { name: daily-report }
spec:
  workflow: report
  every: day
  at: { time: "09:00" }
  units: { types: [branch] }
  data: { unit: '=unit.name', month: '=period.month' }
`;

/** Waits for a condition with vitest's waitFor; fails after a deadline generous enough for a busy machine. */
const until = (check: () => Promise<boolean>, timeout = 20_000) =>
  vi.waitFor(
    async () => {
      if (!(await check())) throw new Error(`still waiting for ${check.toString()}`);
    },
    { timeout, interval: 10 },
  );

it('the server scheduler creates the cases of due schedule runs, once, from the published definitions', async () => {
  // given a server at 08:00 on a Monday in Shanghai, before the day's run
  const server = await testServer({ initialFiles: () => [...fixtureFiles(), { path: 'report.yaml', text: DEFS }] });
  server.clock.time = Date.parse('2026-03-02T00:00:00Z');
  const count = async () => (await server.services.store.listCases({ workflow: 'report' })).items.length;
  const scheduler = startScheduler(server.services, createChannels([inappChannel()]), { intervalMs: 10 });
  try {
    await until(async () => (await server.services.store.lastScheduleRun('daily-report')) !== undefined);
    expect(await count()).toBe(0);
    // when 09:00 passes
    server.clock.advance(90 * 60_000);
    await until(async () => (await count()) === 2);
    // then each branch has its case, and later ticks add none until the next day
    expect((await server.services.store.listCases({ workflow: 'report' })).items.map((c) => c.unit).sort()).toEqual([
      'b1',
      'b2',
    ]);
    const ticked = scheduler.ticks();
    await until(async () => scheduler.ticks() >= ticked + 3);
    expect(await count()).toBe(2);
    server.clock.advance(24 * 3_600_000);
    await until(async () => (await count()) === 4);
    expect(await count()).toBe(4);
  } finally {
    await scheduler.stop();
    await server.close();
  }
});

it('keeps delivering notifications while the schedule step fails', async () => {
  // given a store whose schedule records cannot be read, and a queued in-app notification
  const server = await testServer({ initialFiles: () => [...fixtureFiles(), { path: 'report.yaml', text: DEFS }] });
  const logged: string[] = [];
  const store = server.services.store;
  const broken = {
    ...store,
    lastScheduleRun: async () => {
      throw new Error('disk on fire');
    },
  };
  const services = {
    ...server.services,
    store: broken,
    log: (_level: string, message: string) => void logged.push(message),
  } as typeof server.services;
  await store.commit({
    cases: [],
    events: [],
    timers: { schedule: [], cancel: [] },
    scoreFacts: [],
    outbox: [outboxEntry('o1', null, { channel: 'inapp', recipient: 'b1.lead', notBefore: 0, createdAt: 0 })],
  });
  const scheduler = startScheduler(services, createChannels([inappChannel()]), { intervalMs: 10 });
  try {
    // when the scheduler ticks
    await until(async () => (await store.pendingOutbox(Number.MAX_SAFE_INTEGER, 10)).length === 0);
    // then the notification went out and the failure was logged by its step
    expect(await store.pendingOutbox(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
    expect(logged).toContain('scheduler schedules failed');
  } finally {
    await scheduler.stop();
    await server.close();
  }
});
