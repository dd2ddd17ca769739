import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../engine/runtime/case-record.ts';
import { auditStore } from '../../../engine/store/audit-store.ts';
import { anchorDayOf, GENESIS_HASH, hashEvent, nextDayAnchor } from '../../../engine/store/event-hash.ts';
import type { Commit, ScheduleRunRecord, Store } from '../../../engine/store/store.ts';
import { StaleVersionError } from '../../../engine/store/store.ts';
import {
  CaseNumberTakenError,
  InvalidCommitError,
  InvalidCursorError,
  OutboxNotFoundError,
  ScheduleRunDoneError,
  StoreClosedError,
  TimerAlreadyFiredError,
} from '../../../engine/store/store-errors.ts';
import { verifyCaseChain } from '../../../engine/store/verify-chain.ts';
import { note } from '../../../engine/runtime/note.ts';
import {
  caseEvent,
  caseRecord,
  clock,
  commitOf,
  outboxEntry,
  scoreFact,
  step,
  T0,
  timer,
} from '../../fixtures/store/builders.ts';

/**
 * The behaviour every Store must have, written once and run against each implementation, so the
 * memory store used by simulations cannot drift from the SQLite and PostgreSQL stores used in production.
 */
export function describeStoreContract(name: string, makeStore: () => Store | Promise<Store>): void {
  describe(`${name} store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    /** Creates a case at version 1 with its first event, plus whatever `extra` carries. */
    const create = (record: CaseRecord, extra: Partial<Commit> = {}, event: Parameters<typeof step>[3] = {}) =>
      store.commit(step(0, record, extra, event));

    /** Everything a rejected commit must leave as it was. */
    const snapshot = async (caseIds: string[]) => ({
      cases: await Promise.all(caseIds.map((id) => store.getCase(id))),
      histories: await Promise.all(caseIds.map((id) => store.history(id))),
      timers: await Promise.all(caseIds.map((id) => store.timersOf(id))),
      outbox: await Promise.all(caseIds.map((id) => store.outboxOf(id))),
      due: await store.dueTimers(Number.MAX_SAFE_INTEGER, 1000),
      pending: await store.pendingOutbox(Number.MAX_SAFE_INTEGER, 1000),
      facts: await store.scoreFacts({}),
      anchors: await store.dayAnchors(),
      count: await store.countCases(),
    });

    describe('commit and read back', () => {
      it("lists a person's in-app notifications newest first, and nobody else's nor other channels", async () => {
        // given in-app entries for bob at three times, one for carol, and bob's e-mail
        await create(caseRecord('c1'), {
          outbox: [
            outboxEntry('o1', 'c1', { channel: 'inapp', recipient: 'bob', createdAt: T0 }),
            outboxEntry('o3', 'c1', { channel: 'inapp', recipient: 'bob', createdAt: T0 + 2 }),
            outboxEntry('o2', 'c1', { channel: 'inapp', recipient: 'bob', createdAt: T0 + 1 }),
            outboxEntry('o4', 'c1', { channel: 'inapp', recipient: 'carol', createdAt: T0 + 3 }),
            outboxEntry('o5', 'c1', { channel: 'email', recipient: 'bob', createdAt: T0 + 4 }),
          ],
        });
        // then bob's inbox is his in-app entries, newest first, as many as asked
        expect((await store.inboxOf('bob', 10)).map((o) => o.id)).toEqual(['o3', 'o2', 'o1']);
        expect((await store.inboxOf('bob', 2)).map((o) => o.id)).toEqual(['o3', 'o2']);
        expect(await store.inboxOf('nobody', 10)).toEqual([]);
      });

      it('returns the case, its hashed event, timers, outbox entries and facts as written', async () => {
        // given a new case with one event, a timer, a notification and a fact
        const record = caseRecord('c1', { data: { title: 'Pump broken' }, owner: 'alice' });
        await create(record, {
          timers: { schedule: [timer('c1:sla', 'c1', T0 + 60_000)], cancel: [] },
          outbox: [outboxEntry('o1', 'c1')],
          scoreFacts: [scoreFact('f1', { caseId: 'c1' })],
        });
        // then
        expect(await store.getCase('c1')).toEqual({ ...record, version: 1, updatedAt: T0 + 1000 });
        const [event] = await store.history('c1');
        expect(event).toEqual({
          ...caseEvent('c1', 1),
          prevHash: GENESIS_HASH,
          hash: hashEvent(caseEvent('c1', 1), GENESIS_HASH),
        });
        expect(await store.timersOf('c1')).toEqual([timer('c1:sla', 'c1', T0 + 60_000)]);
        expect(await store.outboxOf('c1')).toEqual([outboxEntry('o1', 'c1')]);
        expect(await store.scoreFacts({})).toEqual([scoreFact('f1', { caseId: 'c1' })]);
        expect(await store.countCases()).toBe(1);
        expect(await store.getCase('missing')).toBeUndefined();
        expect(await store.history('missing')).toEqual([]);
      });

      it('counts open cases by the definition version they run on and their workflow (issue 18)', async () => {
        await create(caseRecord('c1'));
        await create(caseRecord('c2'));
        await create(caseRecord('c3', { definitionVersion: 'def-2' }));
        await create(caseRecord('c4', { workflow: 'complaint' }));
        await create(caseRecord('c5', { done: true }));
        const counts = await store.openCaseCounts();
        expect(
          [...counts].sort((a, b) =>
            (a.definitionVersion + a.workflow).localeCompare(b.definitionVersion + b.workflow),
          ),
        ).toEqual([
          { definitionVersion: 'def-1', workflow: 'complaint', count: 1 },
          { definitionVersion: 'def-1', workflow: 'repair', count: 2 },
          { definitionVersion: 'def-2', workflow: 'repair', count: 1 },
        ]);
      });

      it('gives copies: changing what was passed in or handed out does not change stored state', async () => {
        const data = { items: ['a'] };
        const record = caseRecord('c1', { data });
        await create(record);
        data.items.push('changed after commit');
        const read = (await store.getCase('c1')) as unknown as { data: { items: string[] } };
        read.data.items.push('changed after read');
        const [event] = await store.history('c1');
        (event?.effects as string[]).push('changed');
        expect((await store.getCase('c1'))?.data).toEqual({ items: ['a'] });
        expect((await store.history('c1'))[0]?.effects).toEqual([]);
      });

      it('stores values as JSON does: undefined members dropped', async () => {
        await create(caseRecord('c1', { data: { kept: 1, dropped: undefined } }));
        expect((await store.getCase('c1'))?.data).toStrictEqual({ kept: 1 });
      });
    });

    describe('version check', () => {
      it('rejects a stale expectedVersion with StaleVersionError and writes nothing', async () => {
        // given a case at version 2
        const record = caseRecord('c1');
        await create(record, { timers: { schedule: [timer('t1', 'c1', T0 + 5000)], cancel: [] } });
        await store.commit(step(1, record));
        const before = await snapshot(['c1']);
        // when a writer that read version 1 commits an event, a timer, a notification and a fact
        const stale = step(1, record, {
          timers: { schedule: [timer('t2', 'c1', T0)], cancel: ['t1'] },
          outbox: [outboxEntry('o1', 'c1')],
          scoreFacts: [scoreFact('f1', { caseId: 'c1' })],
        });
        const error = await store.commit(stale).catch((e: unknown) => e);
        // then
        expect(error).toBeInstanceOf(StaleVersionError);
        expect(error).toMatchObject({ code: 'STALE_VERSION', caseId: 'c1', expected: 1, actual: 2 });
        expect(await snapshot(['c1'])).toEqual(before);
      });

      it('rejects creating a case that already exists (expectedVersion 0)', async () => {
        await create(caseRecord('c1'));
        await expect(create(caseRecord('c1'))).rejects.toMatchObject({ code: 'STALE_VERSION', expected: 0, actual: 1 });
      });

      it('writes a linked case and its parent together, or neither', async () => {
        // given a parent at version 1
        const parent = caseRecord('parent');
        await create(parent);
        const link = (expected: number): Commit =>
          commitOf({
            cases: [
              {
                record: {
                  ...parent,
                  version: expected + 1,
                  links: [{ direction: 'child', caseId: 'child', workflow: 'visit', name: 'return-visit' }],
                },
                expectedVersion: expected,
              },
              {
                record: caseRecord('child', {
                  workflow: 'visit',
                  links: [{ direction: 'parent', caseId: 'parent', workflow: 'repair', name: 'return-visit' }],
                }),
                expectedVersion: 0,
              },
            ],
            events: [caseEvent('parent', expected + 1, { type: 'linked' }), caseEvent('child', 1)],
            timers: { schedule: [timer('child:due', 'child', T0)], cancel: [] },
          });
        // when the parent's version is stale, nothing of the child is written either
        const before = await snapshot(['parent', 'child']);
        await expect(store.commit(link(0))).rejects.toBeInstanceOf(StaleVersionError);
        expect(await snapshot(['parent', 'child'])).toEqual(before);
        // when it is current, both are written
        await store.commit(link(1));
        expect((await store.getCase('parent'))?.links).toHaveLength(1);
        expect((await store.getCase('child'))?.version).toBe(1);
        expect((await store.history('parent')).map((e) => e.type)).toEqual(['create', 'linked']);
        expect(await store.timersOf('child')).toHaveLength(1);
      });
    });

    describe('commit invariants', () => {
      it('lists every broken invariant at once and writes nothing', async () => {
        // given a case at version 1 with a notification
        const record = caseRecord('c1');
        await create(record, { outbox: [outboxEntry('o1', 'c1')] });
        const before = await snapshot(['c1', 'ghost']);
        // when a commit skips a seq, reuses an outbox id, and names a case that does not exist
        const bad = commitOf({
          cases: [{ record: { ...record, version: 2 }, expectedVersion: 1 }],
          events: [caseEvent('c1', 3)],
          outbox: [outboxEntry('o1', 'c1')],
          scoreFacts: [scoreFact('f1', { caseId: 'ghost' })],
        });
        const error = await store.commit(bad).catch((e: unknown) => e);
        // then
        expect(error).toBeInstanceOf(InvalidCommitError);
        expect((error as InvalidCommitError).problems.map((p) => [p.code, p.path])).toEqual([
          ['EVENT_SEQUENCE', '/events/0/seq'],
          ['DUPLICATE_ID', '/outbox/0/id'],
          ['UNKNOWN_CASE', '/scoreFacts/0/caseId'],
        ]);
        expect(await snapshot(['c1', 'ghost'])).toEqual(before);
      });

      it('refuses a change to a case without an event (P-7), and a version that does not count the events', async () => {
        const record = caseRecord('c1');
        await create(record);
        const silent = commitOf({
          cases: [{ record: { ...record, version: 2, assignee: 'bob' }, expectedVersion: 1 }],
        });
        await expect(store.commit(silent)).rejects.toMatchObject({
          problems: [expect.objectContaining({ code: 'VERSION_MISMATCH', path: '/cases/0' })],
        });
        const miscounted = commitOf({
          cases: [{ record: { ...record, version: 5 }, expectedVersion: 1 }],
          events: [caseEvent('c1', 2)],
        });
        await expect(store.commit(miscounted)).rejects.toMatchObject({
          problems: [expect.objectContaining({ code: 'VERSION_MISMATCH', path: '/cases/0/record/version' })],
        });
        const orphan = commitOf({ events: [caseEvent('c1', 2)] });
        await expect(store.commit(orphan)).rejects.toMatchObject({
          problems: [expect.objectContaining({ code: 'EVENT_WITHOUT_CASE' })],
        });
        expect(await store.history('c1')).toHaveLength(1);
      });

      it('accepts several events for one case in one commit, in seq order', async () => {
        const record = caseRecord('c1');
        await store.commit(
          commitOf({
            cases: [{ record: { ...record, version: 3 }, expectedVersion: 0 }],
            events: [1, 2, 3].map((n) => caseEvent('c1', n)),
          }),
        );
        expect((await store.history('c1')).map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(verifyCaseChain(await store.history('c1'))).toEqual([]);
      });
    });

    describe('timers', () => {
      it('applies a fired timer once: the second commit firing it is rejected and writes nothing', async () => {
        // given a case with a due timer
        const record = caseRecord('c1');
        await create(record, { timers: { schedule: [timer('c1:breach', 'c1', T0)], cancel: [] } });
        // when the scheduler applies it
        await store.commit(step(1, record, { firedTimer: 'c1:breach' }, { type: 'sla.breach' }));
        expect(await store.timersOf('c1')).toEqual([]);
        // and a second scheduler, having read the new version, applies it again
        const before = await snapshot(['c1']);
        const again = step(
          2,
          record,
          { firedTimer: 'c1:breach', outbox: [outboxEntry('o-again', 'c1')] },
          { type: 'sla.breach' },
        );
        const error = await store.commit(again).catch((e: unknown) => e);
        // then
        expect(error).toBeInstanceOf(TimerAlreadyFiredError);
        expect(error).toMatchObject({ code: 'TIMER_ALREADY_FIRED', timerId: 'c1:breach' });
        expect(await snapshot(['c1'])).toEqual(before);
      });

      it('reports an already fired timer before a stale version, so the scheduler drops it instead of retrying', async () => {
        const record = caseRecord('c1');
        await create(record, { timers: { schedule: [timer('t', 'c1', T0)], cancel: [] } });
        await store.commit(step(1, record, { firedTimer: 't' }));
        await expect(store.commit(step(1, record, { firedTimer: 't' }))).rejects.toBeInstanceOf(TimerAlreadyFiredError);
      });

      it('lets a firing timer re-arm itself under the same id', async () => {
        const record = caseRecord('c1');
        await create(record, { timers: { schedule: [timer('remind', 'c1', T0)], cancel: [] } });
        await store.commit(
          step(1, record, {
            firedTimer: 'remind',
            timers: { schedule: [timer('remind', 'c1', T0 + 86_400_000)], cancel: [] },
          }),
        );
        expect(await store.timersOf('c1')).toEqual([timer('remind', 'c1', T0 + 86_400_000)]);
      });

      it('returns due timers earliest first (ties by id), up to the limit; cancels and replaces by id', async () => {
        // given timers scheduled out of order, two due at the same time
        const record = caseRecord('c1');
        await create(record, {
          timers: {
            schedule: [
              timer('late', 'c1', T0 + 30),
              timer('b', 'c1', T0 + 10),
              timer('a', 'c1', T0 + 10),
              timer('first', 'c1', T0),
              timer('future', 'c1', T0 + 1000),
              timer('gone', 'c1', T0),
            ],
            cancel: [],
          },
        });
        await store.commit(
          step(1, record, { timers: { schedule: [timer('late', 'c1', T0 + 20)], cancel: ['gone', 'never-existed'] } }),
        );
        // then
        expect((await store.dueTimers(T0 + 20, 10)).map((t) => t.id)).toEqual(['first', 'a', 'b', 'late']);
        expect((await store.dueTimers(T0 + 20, 2)).map((t) => t.id)).toEqual(['first', 'a']);
        expect(await store.dueTimers(T0 - 1, 10)).toEqual([]);
        expect(await store.dueTimers(T0 + 20, 0)).toEqual([]);
        expect((await store.backlog(T0 + 20)).timersDue).toBe(4);
        expect((await store.backlog(T0 - 1)).timersDue).toBe(0);
        expect(await store.nextTimerDue()).toBe(T0);
        expect((await store.timersOf('c1')).map((t) => t.id)).toEqual(['first', 'a', 'b', 'late', 'future']);
      });

      it('keeps one timer per id when it is re-armed earlier or later, also by commits written together', async () => {
        // given a timer
        const record = caseRecord('c1');
        await create(record, { timers: { schedule: [timer('t', 'c1', T0 + 50)], cancel: [] } });
        // when it is re-armed earlier, then later
        await store.commit(step(1, record, { timers: { schedule: [timer('t', 'c1', T0 + 10)], cancel: [] } }));
        expect(await store.dueTimers(T0 + 100, 10)).toEqual([timer('t', 'c1', T0 + 10)]);
        await store.commit(step(2, record, { timers: { schedule: [timer('t', 'c1', T0 + 90)], cancel: [] } }));
        expect(await store.dueTimers(T0 + 50, 10)).toEqual([]);
        expect(await store.timersOf('c1')).toEqual([timer('t', 'c1', T0 + 90)]);
        // and then, in commits made together: re-armed, fired and re-armed, cancelled and re-armed
        await Promise.all([
          store.commit(step(3, record, { timers: { schedule: [timer('t', 'c1', T0 + 5)], cancel: [] } })),
          store.commit(
            step(4, record, { firedTimer: 't', timers: { schedule: [timer('t', 'c1', T0 + 7)], cancel: [] } }),
          ),
          store.commit(step(5, record, { timers: { schedule: [timer('t', 'c1', T0 + 8)], cancel: ['t'] } })),
        ]);
        // then one timer remains, at the last time set
        expect(await store.dueTimers(T0 + 100, 10)).toEqual([timer('t', 'c1', T0 + 8)]);
        expect(await store.nextTimerDue()).toBe(T0 + 8);
        await store.commit(step(6, record, { timers: { schedule: [], cancel: ['t'] } }));
        expect(await store.dueTimers(T0 + 100, 10)).toEqual([]);
      });

      it('has no next timer when none is stored', async () => {
        expect(await store.nextTimerDue()).toBeNull();
      });
    });

    describe('outbox', () => {
      it('hands out queued and retry-due failed entries, oldest first, and records delivery', async () => {
        // given four notifications, one held by quiet hours until T0 + 500
        const record = caseRecord('c1');
        await create(record, {
          outbox: [
            outboxEntry('o-late', 'c1', { createdAt: T0 + 2, notBefore: T0 + 2 }),
            outboxEntry('o-held', 'c1', { createdAt: T0, notBefore: T0 + 500 }),
            outboxEntry('o-old', 'c1', { createdAt: T0 + 1, notBefore: T0 + 1, urgent: true }),
            outboxEntry('o-nocase', null, { createdAt: T0 + 3, notBefore: T0 + 3 }),
          ],
        });
        expect((await store.pendingOutbox(T0 + 100, 10)).map((o) => o.id)).toEqual(['o-old', 'o-late', 'o-nocase']);
        expect((await store.pendingOutbox(T0 + 100, 1))[0]).toMatchObject({ id: 'o-old', urgent: true });
        // when one is sent and one fails with a retry at T0 + 1000
        await store.updateOutbox('o-old', {
          status: 'sent',
          attempts: 1,
          lastError: null,
          sentAt: T0 + 100,
          notBefore: T0 + 1,
        });
        await store.updateOutbox('o-late', {
          status: 'failed',
          attempts: 1,
          lastError: 'SMTP 451',
          sentAt: null,
          notBefore: T0 + 1000,
        });
        // then
        expect((await store.pendingOutbox(T0 + 600, 10)).map((o) => o.id)).toEqual(['o-nocase', 'o-held']);
        expect((await store.pendingOutbox(T0 + 1000, 10)).map((o) => o.id)).toEqual(['o-nocase', 'o-held', 'o-late']);
        expect((await store.backlog(T0 + 600)).outboxReady).toBe(2);
        expect((await store.backlog(T0 + 1000)).outboxReady).toBe(3);
        expect((await store.outboxOf('c1')).find((o) => o.id === 'o-late')).toMatchObject({
          status: 'failed',
          attempts: 1,
          lastError: 'SMTP 451',
        });
        expect((await store.outboxOf('c1')).map((o) => o.id)).toEqual(['o-held', 'o-old', 'o-late']);
      });

      it('rejects an update of an unknown entry', async () => {
        await expect(
          store.updateOutbox('nope', { status: 'sent', attempts: 1, lastError: null, sentAt: T0, notBefore: T0 }),
        ).rejects.toBeInstanceOf(OutboxNotFoundError);
      });
    });

    describe('score facts', () => {
      it('filters by unit and a half-open period [from, to), ordered by time', async () => {
        await create(caseRecord('c1'), {
          scoreFacts: [
            scoreFact('f3', { at: T0 + 20 }),
            scoreFact('f1', { at: T0 }),
            scoreFact('f2', { at: T0 + 10, unit: 'branch-b' }),
            scoreFact('f4', { at: T0 + 30, caseId: 'c1' }),
          ],
        });
        expect((await store.scoreFacts({})).map((f) => f.id)).toEqual(['f1', 'f2', 'f3', 'f4']);
        expect((await store.scoreFacts({ unit: 'branch-a' })).map((f) => f.id)).toEqual(['f1', 'f3', 'f4']);
        expect((await store.scoreFacts({ unit: 'branch-a', from: T0 + 10, to: T0 + 30 })).map((f) => f.id)).toEqual([
          'f3',
        ]);
      });

      it('keeps a reason written in both languages as the pair, a plain one as its text (KPI-5)', async () => {
        const both = { zh: '未在24小时内到达现场', en: 'not on site within 24 hours' };
        await create(caseRecord('c1'), {
          scoreFacts: [
            scoreFact('f1', { reason: both }),
            scoreFact('f2', { at: T0 + 1, reason: '{not json' }),
            scoreFact('f3', { at: T0 + 2, reason: '{"zh":"x","other":"y"}' }),
          ],
        });
        expect((await store.scoreFacts({})).map((f) => f.reason)).toEqual([
          both,
          '{not json',
          '{"zh":"x","other":"y"}',
        ]);
      });
    });

    describe('user facts', () => {
      it('keeps the latest value per user and fact, written with the commit that records it', async () => {
        await create(caseRecord('training-1'), {
          userFacts: [
            { username: 'dave', fact: 'qualified', value: true },
            { username: 'dave', fact: 'score', value: { points: 55 } },
            { username: 'dave', fact: 'qualified', value: false },
          ],
        });
        expect(await store.userFacts('dave')).toStrictEqual({ qualified: false, score: { points: 55 } });
        expect(await store.userFacts('erin')).toStrictEqual({});
        // a rejected commit changes no fact
        await expect(
          create(caseRecord('training-1'), { userFacts: [{ username: 'dave', fact: 'qualified', value: true }] }),
        ).rejects.toBeInstanceOf(StaleVersionError);
        expect((await store.userFacts('dave')).qualified).toBe(false);
      });
    });

    describe('schedule runs', () => {
      const run = (
        period: string,
        unit: string,
        runAt: number,
        caseId: string | null = null,
        extra: Partial<ScheduleRunRecord> = {},
      ): ScheduleRunRecord => ({
        schedule: 'monthly',
        period,
        unit,
        runAt,
        caseId,
        error: null,
        recordedAt: runAt + 5,
        ...extra,
      });

      it('records a run with the case it creates, and answers the last run and the runs since a time', async () => {
        // given a start mark, then a run that created case c1 for br1 and a failed run for br2
        await store.commit(commitOf({ scheduleRuns: [run('', '', T0)] }));
        await create(caseRecord('c1'), { scheduleRuns: [run('2026-10', 'br1', T0 + 100, 'c1')] });
        await store.commit(
          commitOf({ scheduleRuns: [run('2026-10', 'br2', T0 + 100, null, { error: 'start form refused' })] }),
        );
        await store.commit(commitOf({ scheduleRuns: [{ ...run('2026-10', 'br1', T0 + 100), schedule: 'weekly' }] }));
        // then
        expect(await store.lastScheduleRun('monthly')).toEqual(
          run('2026-10', 'br2', T0 + 100, null, { error: 'start form refused' }),
        );
        expect(await store.scheduleRuns('monthly', T0 + 1)).toEqual([
          run('2026-10', 'br1', T0 + 100, 'c1'),
          run('2026-10', 'br2', T0 + 100, null, { error: 'start form refused' }),
        ]);
        expect((await store.scheduleRuns('monthly', T0)).map((r) => r.period)).toEqual(['', '2026-10', '2026-10']);
        expect(await store.scheduleRuns('monthly', T0 + 101)).toEqual([]);
        expect(await store.lastScheduleRun('never-ran')).toBeUndefined();
      });

      it('applies a run once: a second commit of the same (schedule, period, unit) is rejected and writes nothing', async () => {
        await create(caseRecord('c1'), { scheduleRuns: [run('2026-10', 'br1', T0, 'c1')] });
        const before = await snapshot(['c1', 'c2']);
        // a second scheduler creates its own case for the same run
        const error = await create(caseRecord('c2'), { scheduleRuns: [run('2026-10', 'br1', T0, 'c2')] }).catch(
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ScheduleRunDoneError);
        expect(error).toMatchObject({ code: 'SCHEDULE_RUN_DONE', schedule: 'monthly', period: '2026-10', unit: 'br1' });
        expect(await snapshot(['c1', 'c2'])).toEqual(before);
        expect(await store.scheduleRuns('monthly', 0)).toEqual([run('2026-10', 'br1', T0, 'c1')]);
        // the same run twice in one commit is refused too
        await expect(
          store.commit(commitOf({ scheduleRuns: [run('2026-11', 'br1', T0), run('2026-11', 'br1', T0)] })),
        ).rejects.toBeInstanceOf(ScheduleRunDoneError);
        expect(await store.lastScheduleRun('monthly')).toEqual(run('2026-10', 'br1', T0, 'c1'));
      });

      it('refuses a run naming a case that does not exist', async () => {
        const error = await store
          .commit(commitOf({ scheduleRuns: [run('2026-10', 'br1', T0, 'ghost')] }))
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidCommitError);
        expect((error as InvalidCommitError).problems).toEqual([
          expect.objectContaining({ code: 'UNKNOWN_CASE', path: '/scheduleRuns/0/caseId' }),
        ]);
        expect(await store.lastScheduleRun('monthly')).toBeUndefined();
      });

      it('orders runs at one time by period, then unit, as SQLite does', async () => {
        await store.commit(
          commitOf({ scheduleRuns: [run('2026-10', 'b', T0), run('2026-09', 'z', T0), run('2026-10', 'a', T0)] }),
        );
        expect((await store.scheduleRuns('monthly', T0)).map((r) => `${r.period}/${r.unit}`)).toEqual([
          '2026-09/z',
          '2026-10/a',
          '2026-10/b',
        ]);
        expect(await store.lastScheduleRun('monthly')).toMatchObject({ period: '2026-10', unit: 'b' });
      });
    });

    describe('listCases', () => {
      const seed = async () => {
        const cases = [
          caseRecord('k1', {
            workflow: 'repair',
            unit: 'u1',
            activeStates: ['handling.hq'],
            state: { handling: 'hq' },
            owner: 'alice',
            data: { title: 'Pump BROKEN' },
          }),
          caseRecord('k2', {
            workflow: 'repair',
            unit: 'u2',
            activeStates: ['handlingX'],
            assignee: 'alice',
            data: { title: 'Leak', nested: [{ code: 'Ärger-42' }] },
          }),
          caseRecord('k3', {
            workflow: 'complaint',
            unit: 'u1',
            activeStates: ['handling', 'sla.running'],
            watchers: ['alice', 'carol'],
            customerUser: 'cust-1',
            data: { title: '空调不制冷' },
          }),
          caseRecord('k4', {
            workflow: 'complaint',
            unit: 'u3',
            activeStates: ['closed'],
            done: true,
            clocks: { response: clock({ deadline: T0 + 100 }) },
          }),
          caseRecord('k5', {
            workflow: 'repair',
            unit: 'u1',
            activeStates: ['reported'],
            clocks: {
              response: clock({ deadline: T0 + 50, status: 'paused' }),
              resolve: clock({ deadline: T0 + 5000 }),
            },
          }),
        ];
        for (const [i, record] of cases.entries()) await create({ ...record, updatedAt: T0 + i });
      };
      const ids = async (query: Parameters<Store['listCases']>[0]) =>
        (await store.listCases(query)).items.map((c) => c.id);

      it('filters by workflow, state path or prefix, units, customer, involvement, overdue and text', async () => {
        await seed();
        expect(await ids({})).toEqual(['k5', 'k4', 'k3', 'k2', 'k1']);
        expect(await ids({ workflow: 'complaint' })).toEqual(['k4', 'k3']);
        expect(await ids({ state: 'handling' })).toEqual(['k3', 'k1']);
        expect(await ids({ state: 'handling.hq' })).toEqual(['k1']);
        expect(await ids({ state: 'handl' })).toEqual([]);
        expect(await ids({ units: ['u1', 'u3'] })).toEqual(['k5', 'k4', 'k3', 'k1']);
        expect(await ids({ units: [] })).toEqual([]);
        expect(await ids({ customerUser: 'cust-1' })).toEqual(['k3']);
        expect(await ids({ involving: 'alice' })).toEqual(['k3', 'k2', 'k1']);
        expect(await ids({ involving: 'carol' })).toEqual(['k3']);
        // k4's running clock is due at T0+100; k5's paused clock does not count, its running one is due at T0+5000
        expect(await ids({ overdueAt: T0 + 101 })).toEqual(['k4']);
        expect(await ids({ overdueAt: T0 + 100 })).toEqual([]);
        expect(await ids({ overdueAt: T0 + 5001 })).toEqual(['k5', 'k4']);
        expect(await ids({ text: 'broken' })).toEqual(['k1']);
        expect(await ids({ text: 'ärger' })).toEqual(['k2']);
        expect(await ids({ text: '不制冷' })).toEqual(['k3']);
        expect(await ids({ text: 'K4' })).toEqual(['k4']);
        expect(await ids({ text: '' })).toEqual(['k5', 'k4', 'k3', 'k2', 'k1']);
        expect(await ids({ workflow: 'repair', units: ['u1'], involving: 'alice', text: 'pump' })).toEqual(['k1']);
      });

      it("follows a case's deadline, text, customer and unit as later commits change them or leave them", async () => {
        // given a case in u1 with a clock due at T0+100
        const base = caseRecord('d1', { unit: 'u1', clocks: { response: clock({ deadline: T0 + 100 }) } });
        await store.commit(step(0, base));
        expect(await ids({ overdueAt: T0 + 101 })).toEqual(['d1']);
        // an event that leaves the deadline alone but changes the data
        await store.commit(step(1, { ...base, data: { note: 'kettle' } }));
        expect(await ids({ overdueAt: T0 + 101 })).toEqual(['d1']);
        expect(await ids({ text: 'kettle' })).toEqual(['d1']);
        // the deadline moves later
        const later = { ...base, clocks: { response: clock({ deadline: T0 + 500 }) } };
        await store.commit(step(2, later));
        expect(await ids({ overdueAt: T0 + 101 })).toEqual([]);
        expect(await ids({ overdueAt: T0 + 501 })).toEqual(['d1']);
        // a customer is linked and the case moves to u2
        const moved = { ...later, customerUser: 'cust-9', unit: 'u2' };
        await store.commit(step(3, moved));
        expect(await ids({ customerUser: 'cust-9' })).toEqual(['d1']);
        expect(await ids({ units: ['u1'] })).toEqual([]);
        expect(await ids({ units: ['u2'] })).toEqual(['d1']);
        expect(await ids({})).toEqual(['d1']);
        // the clock stops: no deadline any more
        await store.commit(
          step(4, { ...moved, clocks: { response: clock({ deadline: T0 + 500, status: 'stopped' }) } }),
        );
        expect(await ids({ overdueAt: T0 + 10_000 })).toEqual([]);
        expect(await store.getCase('d1')).toMatchObject({ version: 5, unit: 'u2', customerUser: 'cust-9', data: {} });
      });

      it('pages by (updatedAt desc, id desc) with a cursor; pages neither overlap nor skip', async () => {
        // given seven cases, several updated at the same time
        const times = [5, 3, 3, 3, 1, 1, 0];
        await store.commit(
          commitOf({
            cases: times.map((t, i) => ({ record: caseRecord(`p${i}`, { updatedAt: T0 + t }), expectedVersion: 0 })),
            events: times.map((_, i) => caseEvent(`p${i}`, 1)),
          }),
        );
        const expected = ['p0', 'p3', 'p2', 'p1', 'p5', 'p4', 'p6'];
        // when read three at a time
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.listCases({ limit: 3, ...(cursor ? { cursor } : {}) });
          seen.push(...page.items.map((c) => c.id));
          cursor = page.next ?? undefined;
          pages += 1;
        } while (cursor);
        // then
        expect(seen).toEqual(expected);
        expect(pages).toBe(3);
      });

      it('keeps a cursor stable when a case already read is updated: the next page is unchanged', async () => {
        await store.commit(
          commitOf({
            cases: [0, 1, 2, 3].map((i) => ({
              record: caseRecord(`s${i}`, { updatedAt: T0 + 10 - i }),
              expectedVersion: 0,
            })),
            events: [0, 1, 2, 3].map((i) => caseEvent(`s${i}`, 1)),
          }),
        );
        const first = await store.listCases({ limit: 2 });
        expect(first.items.map((c) => c.id)).toEqual(['s0', 's1']);
        await store.commit(step(1, caseRecord('s1', { updatedAt: T0 + 100 })));
        const second = await store.listCases({ limit: 2, cursor: first.next ?? '' });
        expect(second.items.map((c) => c.id)).toEqual(['s2', 's3']);
        expect(second.next).toBeNull();
      });

      it('orders ids as SQLite does (by code point, not UTF-16 unit)', async () => {
        const ids3 = ['a\uFFFF', 'a\u{1F600}', 'b'];
        await store.commit(
          commitOf({
            cases: ids3.map((id) => ({ record: caseRecord(id), expectedVersion: 0 })),
            events: ids3.map((id) => caseEvent(id, 1, { at: T0 - 1 })),
          }),
        );
        expect(await ids({})).toEqual(['b', 'a\u{1F600}', 'a\uFFFF']);
      });

      it('defaults to 50 a page and never gives more than 200', async () => {
        const n = 201;
        await store.commit(
          commitOf({
            cases: Array.from({ length: n }, (_, i) => ({
              record: caseRecord(`m${String(i).padStart(3, '0')}`),
              expectedVersion: 0,
            })),
            events: Array.from({ length: n }, (_, i) => caseEvent(`m${String(i).padStart(3, '0')}`, 1, { at: T0 - 1 })),
          }),
        );
        expect((await store.listCases({})).items).toHaveLength(50);
        const big = await store.listCases({ limit: 1000 });
        expect(big.items).toHaveLength(200);
        expect(big.next).not.toBeNull();
        expect((await store.listCases({ limit: 1000, cursor: big.next ?? '' })).items.map((c) => c.id)).toEqual([
          'm000',
        ]);
      });

      it("scans every case once, in id order (SQLite's), a page at a time", async () => {
        const all = ['b', 'a\u{1F600}', 'a\uFFFF', 'c', 'a'];
        await store.commit(
          commitOf({
            cases: all.map((id) => ({ record: caseRecord(id), expectedVersion: 0 })),
            events: all.map((id) => caseEvent(id, 1)),
          }),
        );
        const seen: string[] = [];
        for (
          let page = await store.scanCases(undefined, 2);
          page.length > 0;
          page = await store.scanCases(page.at(-1)!.id, 2)
        ) {
          expect(page.length).toBeLessThanOrEqual(2);
          seen.push(...page.map((c) => c.id));
        }
        expect(seen).toEqual(['a', 'a\uFFFF', 'a\u{1F600}', 'b', 'c']);
        expect(await store.scanCases(undefined, 0)).toEqual([]);
      });

      it('rejects a cursor it did not make', async () => {
        await expect(store.listCases({ cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
        await expect(store.listCases({ cursor: Buffer.from('[1]').toString('base64url') })).rejects.toMatchObject({
          code: 'INVALID_CURSOR',
        });
      });
    });

    describe('hash chain and audit', () => {
      it("chains each case's events and folds every event into its UTC day's anchor", async () => {
        // given two cases written in interleaved commits across two UTC days
        const a = caseRecord('a');
        const b = caseRecord('b');
        const day2 = Date.UTC(2024, 2, 2, 0, 0, 1);
        await create(a);
        await create(b);
        await store.commit(step(1, a, {}, { at: day2 }));
        await store.commit(step(1, b));
        await store.commit(step(2, a, {}, { at: day2 + 1 }));
        // then each chain links to the previous hash and verifies
        const history = await store.history('a');
        expect(history.map((e) => e.prevHash)).toEqual([GENESIS_HASH, history[0]?.hash, history[1]?.hash]);
        expect(verifyCaseChain(history)).toEqual([]);
        expect(verifyCaseChain(await store.history('b'))).toEqual([]);
        // and the audit reads by case then seq
        const byCase = [];
        for await (const e of store.allEventsForAudit()) byCase.push(`${e.caseId}${e.seq}`);
        expect(byCase).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
        // and the anchors can be recomputed from the events in append order
        const appended = [];
        for await (const e of store.allEventsForAudit('appended')) appended.push(e);
        expect(appended.map((e) => `${e.caseId}${e.seq}`)).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
        const recomputed = new Map<string, { day: string; hash: string; events: number }>();
        for (const e of appended) {
          const day = anchorDayOf(e.at);
          const prev = recomputed.get(day) ?? { day, hash: GENESIS_HASH, events: 0 };
          recomputed.set(day, { day, hash: nextDayAnchor(prev.hash, e.hash), events: prev.events + 1 });
        }
        expect(await store.dayAnchors()).toEqual([...recomputed.values()]);
        expect((await store.dayAnchors()).map((d) => [d.day, d.events])).toEqual([
          ['2024-03-01', 3],
          ['2024-03-02', 2],
        ]);
      });

      /** The audit refolds every day from the events in append order and compares the stored anchors. */
      const audited = async () => ({
        problems: (await auditStore(store)).problems,
        anchors: (await store.dayAnchors()).map((d) => `${d.day}:${d.events}`),
      });
      const day2 = Date.UTC(2024, 2, 2, 0, 0, 1);

      it('keeps structured notes beside plain lines exactly as written, and they verify and pass the audit', async () => {
        // given an old-style event with English lines, then one with structured notes (Localized titles, instants, lists)
        const a = caseRecord('a');
        const effects = [
          note('clockStarted', {
            clock: 'on-site',
            clockTitle: { zh: '24小时上门服务', en: 'On site within 24 hours' },
            deadline: T0 + 86_400_000,
            timeZone: 'Asia/Shanghai',
          }),
          note('notified', { template: 'repair-new', people: ['alice', 'bob'], addresses: ['sms:13800138000'] }),
          'signal close → no linked case',
        ];
        await create(a, {}, { effects: ['assigned to alice'] });
        await store.commit(step(1, a, {}, { effects }));
        // then both read back as written, each event hashed over what it holds
        const history = await store.history('a');
        expect(history.map((e) => e.effects)).toEqual([['assigned to alice'], effects]);
        expect(history[1]!.hash).toBe(hashEvent(caseEvent('a', 2, { effects }), history[0]!.hash));
        // and the chain verifies and the audit finds nothing
        expect(verifyCaseChain(history)).toEqual([]);
        expect(await audited()).toEqual({ problems: [], anchors: ['2024-03-01:2'] });
      });

      it("keeps every day's anchor exact as commits cross midnight and back (a clock set back), alone or within one commit", async () => {
        const a = caseRecord('a');
        const b = caseRecord('b');
        // given a first day
        await create(a);
        expect(await audited()).toEqual({ problems: [], anchors: ['2024-03-01:1'] });
        // when the next commit is on the second day, then back on the first, then on the second again
        await store.commit(step(1, a, {}, { at: day2 }));
        expect(await audited()).toEqual({ problems: [], anchors: ['2024-03-01:1', '2024-03-02:1'] });
        await create(b);
        expect(await audited()).toEqual({ problems: [], anchors: ['2024-03-01:2', '2024-03-02:1'] });
        await store.commit(step(2, a, {}, { at: day2 + 1 }));
        expect(await audited()).toEqual({ problems: [], anchors: ['2024-03-01:2', '2024-03-02:2'] });
        // and one commit's events go first day, second day, first day
        const events = [
          caseEvent('b', 2, { at: T0 + 5 }),
          caseEvent('b', 3, { at: day2 + 2 }),
          caseEvent('b', 4, { at: T0 + 6 }),
        ];
        await store.commit(
          commitOf({ cases: [{ record: { ...b, version: 4, updatedAt: day2 + 2 }, expectedVersion: 1 }], events }),
        );
        expect(await audited()).toEqual({ problems: [], anchors: ['2024-03-01:4', '2024-03-02:3'] });
        await store.commit(step(3, a, {}, { at: day2 + 3 }));
        // then every anchor is still the fold of its day's events in append order
        expect(await audited()).toEqual({ problems: [], anchors: ['2024-03-01:4', '2024-03-02:4'] });
      });

      it('keeps the anchors exact when commits queued together switch days and one of them is refused', async () => {
        const a = caseRecord('a');
        const b = caseRecord('b');
        await create(a);
        await create(b);
        // when commits switching days back and forth are made together, a stale one among them
        const results = await Promise.allSettled([
          store.commit(step(1, a, {}, { at: day2 })),
          store.commit(step(1, b, {}, { at: T0 + 5000 })),
          store.commit(step(1, a, {}, { at: day2 + 1 })),
          store.commit(step(2, a, {}, { at: day2 + 2 })),
        ]);
        // then
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
        expect(await audited()).toEqual({ problems: [], anchors: ['2024-03-01:3', '2024-03-02:2'] });
      });

      it('detects a changed event', async () => {
        await create(caseRecord('a'));
        await store.commit(step(1, caseRecord('a')));
        const [first, second] = await store.history('a');
        if (!first || !second) throw new Error('expected two events');
        const breaks = verifyCaseChain([{ ...first, data: { n: 999 } }, second]);
        expect(breaks).toEqual([expect.objectContaining({ caseId: 'a', seq: 1, reason: 'HASH' })]);
      });
    });

    describe('case numbers (claimed in the creating commit)', () => {
      /** Creates `id` numbered `number`, claiming `seq` of `series`. */
      const numbered = (id: string, number: string, series: string, seq: number) =>
        step(0, caseRecord(id, { number }), { caseNumbers: [{ caseId: id, series, seq }] });

      it('keeps the number with the case, finds the case by it, and moves the series on', async () => {
        // given a new series
        expect(await store.lastCaseNumber('BX-2026-{seq}')).toBe(0);
        // when two cases are created with the series' next numbers
        await store.commit(numbered('c1', 'BX-2026-00001', 'BX-2026-{seq}', 1));
        await store.commit(numbered('c2', 'BX-2026-00002', 'BX-2026-{seq}', 2));
        // then
        expect((await store.getCase('c1'))?.number).toBe('BX-2026-00001');
        expect(await store.caseIdByNumber('BX-2026-00002')).toBe('c2');
        expect(await store.caseIdByNumber('BX-2026-00003')).toBeUndefined();
        expect(await store.lastCaseNumber('BX-2026-{seq}')).toBe(2);
        // and other series count on their own
        expect(await store.lastCaseNumber('BX-2027-{seq}')).toBe(0);
        await store.commit(numbered('c3', 'BX-2027-00001', 'BX-2027-{seq}', 1));
        expect(await store.lastCaseNumber('BX-2027-{seq}')).toBe(1);
        expect(await store.lastCaseNumber('BX-2026-{seq}')).toBe(2);
      });

      it("refuses a claim that is not the series' next with CaseNumberTakenError, writing nothing", async () => {
        await store.commit(numbered('c1', 'BX-2026-00001', 'BX-2026-{seq}', 1));
        const before = await snapshot(['c1', 'c2']);
        // a second creator that read the series before c1 was committed claims 1 again; a third skips 2
        for (const seq of [1, 3]) {
          const error = await store
            .commit(numbered('c2', `BX-2026-0000${seq}`, 'BX-2026-{seq}', seq))
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(CaseNumberTakenError);
          expect(error).toMatchObject({ code: 'CASE_NUMBER_TAKEN', series: 'BX-2026-{seq}', seq, last: 1 });
        }
        expect(await snapshot(['c1', 'c2'])).toEqual(before);
        expect(await store.lastCaseNumber('BX-2026-{seq}')).toBe(1);
        expect(await store.caseIdByNumber('BX-2026-00003')).toBeUndefined();
      });

      it('numbers a case and the linked case it starts in one commit, one after the other', async () => {
        await store.commit(
          commitOf({
            cases: [
              { record: caseRecord('parent', { number: 'TS-2026-00001' }), expectedVersion: 0 },
              { record: caseRecord('child', { number: 'TS-2026-00002' }), expectedVersion: 0 },
            ],
            events: [caseEvent('parent', 1), caseEvent('child', 1)],
            caseNumbers: [
              { caseId: 'parent', series: 'TS-2026-{seq}', seq: 1 },
              { caseId: 'child', series: 'TS-2026-{seq}', seq: 2 },
            ],
          }),
        );
        expect(await store.lastCaseNumber('TS-2026-{seq}')).toBe(2);
        expect(await store.caseIdByNumber('TS-2026-00002')).toBe('child');
      });

      it('gives exactly one of two concurrent claims of the same number, and all of a run of successive ones', async () => {
        // two creators claim seq 1 at once: one wins, the other must read again
        const race = await Promise.allSettled([
          store.commit(numbered('a', 'N-1', 'N-{seq}', 1)),
          store.commit(numbered('b', 'N-1', 'N-{seq}', 1)),
        ]);
        expect(race.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
        expect(race.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CASE_NUMBER_TAKEN' } });
        // twenty creations sent without waiting, each claiming the next: all written, numbers unique
        await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.commit(numbered(`m${i}`, `M-${i + 1}`, 'M-{seq}', i + 1))),
        );
        expect(await store.lastCaseNumber('M-{seq}')).toBe(20);
        expect(await Promise.all(Array.from({ length: 20 }, (_, i) => store.caseIdByNumber(`M-${i + 1}`)))).toEqual(
          Array.from({ length: 20 }, (_, i) => `m${i}`),
        );
      });

      it('refuses a number without its claim, a claim for a stored case, and a number another case has', async () => {
        await store.commit(numbered('c1', 'X-1', 'X-{seq}', 1));
        const before = await snapshot(['c1', 'c2']);
        const refusals = [
          // a new case with a number no claim gives it
          step(0, caseRecord('c2', { number: 'X-2' })),
          // a claim for a case that exists already
          step(1, caseRecord('c1', { number: 'X-1' }), { caseNumbers: [{ caseId: 'c1', series: 'X-{seq}', seq: 2 }] }),
          // the next of another series whose text happens to give c1's number
          numbered('c2', 'X-1', 'Y-{seq}', 1),
        ];
        for (const commit of refusals) {
          const error = await store.commit(commit).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(InvalidCommitError);
          expect((error as InvalidCommitError).problems.map((p) => p.code)).toContain('CASE_NUMBER');
        }
        expect(await snapshot(['c1', 'c2'])).toEqual(before);
        expect(await store.lastCaseNumber('X-{seq}')).toBe(1);
        expect(await store.lastCaseNumber('Y-{seq}')).toBe(0);
      });

      it('finds a numbered case by free text, its number in any letter case', async () => {
        await store.commit(numbered('c1', 'BX-2026-00042', 'BX-2026-{seq}', 1));
        await create(caseRecord('c2'));
        expect((await store.listCases({ text: 'bx-2026-00042' })).items.map((c) => c.id)).toEqual(['c1']);
      });
    });

    it('refuses calls once closed', async () => {
      await store.close();
      await expect(store.getCase('c1')).rejects.toBeInstanceOf(StoreClosedError);
      await expect(store.commit(step(0, caseRecord('c1')))).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    });
  });
}
