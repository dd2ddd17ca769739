// covers: INFO-3, CMP-8, MGMT-1
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDefinitionFiles, validateDefinitions, type SourceFile } from '../../../engine/definitions/index.ts';
import { createDirectory } from '../../../engine/runtime/actor.ts';
import { VirtualClock } from '../../../engine/runtime/clock.ts';
import { compileSet } from '../../../engine/runtime/compile-set.ts';
import { createEngine } from '../../../engine/runtime/engine.ts';
import { counterIds } from '../../../engine/runtime/ids.ts';
import type { OrganizationSpec } from '../../../engine/org/organization.ts';
import { dueRuns, runSchedules, schedulesOf } from '../../../engine/schedules/index.ts';
import { createSimulation } from '../../../engine/simulate/simulation.ts';
import { createMemoryStore, type Store } from '../../../engine/store/index.ts';
import { openSqliteStore } from '../../../adapters/sqlite/store/sqlite-store.ts';
import { at } from '../../helpers/engine-fixture.ts';

// The engine fixture's organization (hq, branches b1 and b2) and calendar, plus a monthly report.
const REPORT = `
apiVersion: serviceframe/v1
kind: Form
metadata: { name: report-start }
spec:
  fields:
    - { name: unit, type: text, label: Unit, required: true }
    - { name: month, type: text, label: Month, required: true, pattern: '^\\d{4}-\\d{2}$' }
---
apiVersion: serviceframe/v1
kind: Workflow
metadata: { name: report }
spec:
  startForm: report-start
  start:
    allow: [ { role: manager }, { system: true } ]
    unit: '=data.unit'
    actions: [ { assign: { role: lead, unit: case } } ]
  initial: drafting
  states:
    drafting: { on: { submit: { allow: [ { assignee: true } ], target: done } } }
    done: { type: final }
`;
const schedule = (name: string, spec: string): SourceFile => ({
  path: `${name}.yaml`,
  text: `apiVersion: serviceframe/v1\nkind: Schedule\nmetadata: { name: ${name} }\nspec:\n${spec}`,
});
const MONTHLY = schedule(
  'monthly',
  `  workflow: report
  every: month
  at: { day: 1, time: "09:00" }
  calendar: work
  workingDay: next
  units: { types: [branch] }
  data: { unit: '=unit.name', month: '=period.previousMonth' }
`,
);

function setWith(...extra: SourceFile[]) {
  const result = validateDefinitions(
    [...readDefinitionFiles('tests/fixtures/engine'), { path: 'report.yaml', text: REPORT }, ...extra],
    at('2026-11-26T00:00:00Z'),
  );
  return {
    result,
    set: () => {
      const errors = result.issues.filter((i) => i.severity === 'error');
      if (errors.length) throw new Error(errors.map((e) => e.message).join('\n'));
      return compileSet(result.docs.map((d) => d.def));
    },
  };
}

const set = setWith(MONTHLY).set();
const org = set.docs.find((d) => d.kind === 'Organization')!.spec as OrganizationSpec;
const directory = createDirectory(org.users!.map((u) => ({ username: u.username, unit: u.unit, roles: u.roles })));
const engineOn = (store: Store, clock: VirtualClock, prefix = '', s = set) =>
  createEngine({
    store,
    clock,
    ids: counterIds(prefix),
    directory: () => directory,
    current: () => s,
    version: (v) => (v === s.version ? s : undefined),
  });

const dir = mkdtempSync(join(tmpdir(), 'sf-schedules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function reports(store: Store) {
  const items = (await store.listCases({ workflow: 'report', limit: 200 })).items;
  return items.map((c) => `${c.unit} ${String(c.data.month)} ${c.assignee}`).sort();
}

describe('runSchedules', () => {
  it('starts counting when it first sees a schedule, then creates one case per unit and run as the system', async () => {
    // given a schedule first seen in mid-October
    const store = createMemoryStore();
    const clock = new VirtualClock(at('2026-10-15T10:00:00+08:00'));
    const engine = engineOn(store, clock);
    expect(await runSchedules(engine, set, store, clock.now())).toEqual([]);
    expect(await store.lastScheduleRun('monthly')).toMatchObject({
      period: '',
      unit: '',
      runAt: clock.now(),
      caseId: null,
    });
    // when the 1st of November (a Sunday) has passed and the next working day has begun
    clock.set(at('2026-11-01T12:00:00+08:00'));
    expect(await runSchedules(engine, set, store, clock.now())).toEqual([]);
    clock.set(at('2026-11-02T09:30:00+08:00'));
    const recorded = await runSchedules(engine, set, store, clock.now());
    // then each branch has its October report, assigned to its lead; September's was never made up
    expect(recorded.map((r) => `${r.period} ${r.unit} ${new Date(r.runAt).toISOString()}`)).toEqual([
      '2026-11 b1 2026-11-02T01:00:00.000Z',
      '2026-11 b2 2026-11-02T01:00:00.000Z',
    ]);
    expect(await reports(store)).toEqual(['b1 2026-10 b1.lead', 'b2 2026-10 b2.lead']);
    const first = (await store.history(recorded[0]!.caseId!))[0]!;
    expect(first).toMatchObject({ type: 'create', actor: 'system', actorUnit: 'b1' });
    // and asking again changes nothing
    expect(await runSchedules(engine, set, store, clock.now())).toEqual([]);
    expect(await store.countCases()).toBe(2);
  });

  it('makes up missed runs after downtime, earliest first, each once', async () => {
    const store = createMemoryStore();
    const clock = new VirtualClock(at('2026-08-20T00:00:00+08:00'));
    const engine = engineOn(store, clock);
    await runSchedules(engine, set, store, clock.now());
    clock.set(at('2026-12-05T00:00:00+08:00'));
    const recorded = await runSchedules(engine, set, store, clock.now());
    // 1 October is in the National Day holiday (1-7 October): that run is on the 8th, the first working day
    expect(recorded.map((r) => `${r.period} ${r.unit} ${new Date(r.runAt).toISOString().slice(0, 10)}`)).toEqual([
      '2026-09 b1 2026-09-01',
      '2026-09 b2 2026-09-01',
      '2026-10 b1 2026-10-08',
      '2026-10 b2 2026-10-08',
      '2026-11 b1 2026-11-02',
      '2026-11 b2 2026-11-02',
      '2026-12 b1 2026-12-01',
      '2026-12 b2 2026-12-01',
    ]);
    expect(await store.countCases()).toBe(8);
  });

  it('neither repeats nor loses a run when the process dies between two cases of one run, and after a restart', async () => {
    const file = join(dir, 'crash.sqlite');
    const clock = new VirtualClock(at('2026-10-20T00:00:00+08:00'));
    let store = openSqliteStore(file);
    await runSchedules(engineOn(store, clock, 'a'), set, store, clock.now());
    // given a store that fails on the second case's commit (the process dies there)
    let commits = 0;
    const failing: Store = {
      ...store,
      commit: async (c) => {
        if (++commits === 2) throw new Error('killed');
        return store.commit(c);
      },
    };
    clock.set(at('2026-11-02T10:00:00+08:00'));
    await expect(runSchedules(engineOn(failing, clock, 'b'), set, failing, clock.now())).rejects.toThrow('killed');
    expect(await reports(store)).toEqual(['b1 2026-10 b1.lead']);
    await store.close();
    // when the server restarts and the scheduler runs, twice
    store = openSqliteStore(file);
    const engine = engineOn(store, clock, 'c');
    expect((await runSchedules(engine, set, store, clock.now())).map((r) => r.unit)).toEqual(['b2']);
    expect(await runSchedules(engine, set, store, clock.now())).toEqual([]);
    // then every branch has exactly one October report
    expect(await reports(store)).toEqual(['b1 2026-10 b1.lead', 'b2 2026-10 b2.lead']);
    await store.close();
  });

  it('lets only one of two schedulers on the same database do a run', async () => {
    const file = join(dir, 'two.sqlite');
    const clock = new VirtualClock(at('2026-10-20T00:00:00+08:00'));
    const a = openSqliteStore(file);
    const b = openSqliteStore(file);
    await runSchedules(engineOn(a, clock, 'a'), set, a, clock.now());
    clock.set(at('2026-12-02T10:00:00+08:00'));
    const [ra, rb] = await Promise.all([
      runSchedules(engineOn(a, clock, 'a'), set, a, clock.now()),
      runSchedules(engineOn(b, clock, 'b'), set, b, clock.now()),
    ]);
    expect(ra.length + rb.length).toBe(4);
    expect(await reports(a)).toEqual([
      'b1 2026-10 b1.lead',
      'b1 2026-11 b1.lead',
      'b2 2026-10 b2.lead',
      'b2 2026-11 b2.lead',
    ]);
    await a.close();
    await b.close();
  });

  it('records a run the start form refuses with its error instead of retrying it forever', async () => {
    // given a schedule whose data the start form rejects (month is not YYYY-MM)
    const broken = setWith(
      schedule(
        'broken',
        `  workflow: report\n  every: day\n  at: { time: "08:00" }\n  units: [b1]\n  data: { unit: '=unit.name', month: '=period.label' }\n`,
      ),
    ).set();
    const store = createMemoryStore();
    const clock = new VirtualClock(at('2026-11-02T07:00:00+08:00'));
    const engine = engineOn(store, clock, '', broken);
    await runSchedules(engine, broken, store, clock.now());
    clock.set(at('2026-11-02T08:00:00+08:00'));
    const [failed] = (await runSchedules(engine, broken, store, clock.now())).filter((r) => r.schedule === 'broken');
    expect(failed).toMatchObject({
      period: '2026-11-02',
      unit: 'b1',
      caseId: null,
      error: expect.stringContaining('/month'),
    });
    expect(await runSchedules(engine, broken, store, clock.now())).toEqual([]);
    expect(await store.countCases()).toBe(0);
  });
});

describe('the simulator with schedules', () => {
  it('fires schedule runs and timers in time order, counting from the start', async () => {
    // given a ticket whose 4-working-hour dispatch timer falls after a report run
    const sim = createSimulation(set, at('2026-10-30T16:00:00+08:00'));
    const ticket = await sim.engine.createCase(sim.actor('b1.staff'), 'ticket', {
      customerName: 'Li',
      phone: '13900139000',
    });
    // when the clock moves past the November run (Monday 2 November, 09:00) and the timer (10:30)
    await sim.advanceTo(at('2026-11-03T00:00:00+08:00'));
    // then the reports were created at 09:00 and the timer's fact at 10:30
    const created = (await sim.store.listCases({ workflow: 'report' })).items.map((c) =>
      new Date(c.createdAt).toISOString(),
    );
    expect(created).toEqual(['2026-11-02T01:00:00.000Z', '2026-11-02T01:00:00.000Z']);
    const facts = await sim.store.scoreFacts({});
    expect(facts.map((f) => [f.fact, new Date(f.at).toISOString()])).toEqual([
      ['slow-dispatch', '2026-11-02T02:30:00.000Z'],
    ]);
    expect(facts[0]!.caseId).toBe(ticket.id);
  });
});

describe('Schedule definitions', () => {
  const problems = (spec: string) =>
    setWith(schedule('s', spec))
      .result.issues.filter((i) => i.at.file === 's.yaml')
      .map((i) => `${i.code} ${i.pointer}`);

  it('accepts the example', () => {
    expect(problems(MONTHLY.text.split('spec:\n')[1]!)).toEqual([]);
  });

  it('names every wrong reference and setting at its pointer', () => {
    expect(
      problems(
        `  workflow: nothing\n  every: month\n  workingDay: next\n  timeZone: Mars/Olympus\n  units: { types: [branch, shop] }\n  data: { month: '=periods.label', n: '=(' }\n`,
      ),
    ).toEqual([
      'UNKNOWN_REFERENCE /spec/workflow',
      'INVALID_VALUE /spec/workingDay',
      'INVALID_VALUE /spec/timeZone',
      'UNKNOWN_REFERENCE /spec/units/types/1',
      'INVALID_EXPRESSION /spec/data/month',
      'INVALID_EXPRESSION /spec/data/n',
    ]);
    expect(
      problems(
        `  workflow: report\n  every: week\n  at: { day: 9, month: 2 }\n  calendar: nowhere\n  units: [b1, b9]\n`,
      ),
    ).toEqual([
      'UNKNOWN_REFERENCE /spec/calendar',
      'INVALID_VALUE /spec/at/month',
      'INVALID_VALUE /spec/at/day',
      'UNKNOWN_REFERENCE /spec/units/1',
    ]);
  });

  it('refuses a workflow the system may not start, saying how to allow it', () => {
    const issue = setWith(schedule('s', `  workflow: ticket\n  every: day\n`)).result.issues.find(
      (i) => i.at.file === 's.yaml',
    );
    expect(issue).toMatchObject({
      code: 'INVALID_VALUE',
      pointer: '/spec/workflow',
      hint: expect.stringContaining('{ system: true }'),
    });
  });

  it('refuses an unknown period in the schema', () => {
    expect(problems(`  workflow: report\n  every: fortnight\n`)).toEqual(['SCHEMA /spec/every']);
  });
});

describe('runSchedules under crashes (property)', () => {
  it('creates exactly one case per unit and period whatever commits fail and however often it restarts', async () => {
    const fc = (await import('fast-check')).default;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 200 * 86_400_000 }), { minLength: 1, maxLength: 8 }),
        async (failAt, steps) => {
          // given a store whose n-th commits fail (a process killed there), and scheduler calls at random times
          const store = createMemoryStore();
          const failing = new Set(failAt);
          let commits = 0;
          const flaky: Store = {
            ...store,
            commit: async (c) => {
              if (failing.has(++commits)) throw new Error('killed');
              return store.commit(c);
            },
          };
          const start = at('2026-08-20T00:00:00+08:00');
          const clock = new VirtualClock(start);
          await runSchedules(engineOn(store, clock), set, store, clock.now());
          for (const step of [...steps].sort((a, b) => a - b)) {
            if (start + step > clock.now()) clock.set(start + step);
            await runSchedules(engineOn(flaky, clock, `x${commits}-`), set, flaky, clock.now()).catch(() => undefined);
          }
          // when a healthy scheduler runs once more
          await runSchedules(engineOn(store, clock, 'final-'), set, store, clock.now());
          // then every run due so far has exactly one case per branch, and its record names that case
          const cases = (await store.listCases({ workflow: 'report', limit: 200 })).items;
          const keys = cases.map((c) => `${String(c.data.month)} ${c.unit}`);
          expect(new Set(keys).size).toBe(keys.length);
          const runs = (await store.scheduleRuns('monthly', 0)).filter((r) => r.period !== '');
          expect(runs.length).toBe(cases.length);
          expect(new Set(runs.map((r) => r.caseId))).toEqual(new Set(cases.map((c) => c.id)));
          const due = dueRuns(schedulesOf(set)[0]!.timing, start - 1, clock.now()).flatMap((r) => [
            `${r.period} b1`,
            `${r.period} b2`,
          ]);
          expect(runs.map((r) => `${r.period} ${r.unit}`).sort()).toEqual(due.sort());
        },
      ),
      { numRuns: 60 },
    );
  });
});
