import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createMachine, transition } from 'xstate';
import { readDefinitionFiles, validateDefinitions } from '../engine/definitions/index.ts';
import { compileSet } from '../engine/runtime/compile-set.ts';
import { createDirectory } from '../engine/runtime/actor.ts';
import { VirtualClock } from '../engine/runtime/clock.ts';
import { createEngine } from '../engine/runtime/engine.ts';
import { counterIds } from '../engine/runtime/ids.ts';
import { openSqliteStore } from '../adapters/sqlite/store/sqlite-store.ts';
import type { OrganizationSpec } from '../engine/org/organization.ts';
import type { BenchResult } from './bench-result.ts';

const CASES_PER_ROUND = 1000;
const ROUNDS = 7;
const WARM_UP_CASES = 200;
/**
 * Durable events per complete case: create, dispatch, arrive, finish, and the creation of the
 * follow-up case that finish starts (an event of its own, with its own record and timer). Both
 * sides do all five: the bare work below creates the follow-up too.
 */
const EVENTS_PER_CASE = 5;
/** Cases in flight at once for `engine.durableEvents.concurrent`, as when that many people work at the same time. */
const IN_FLIGHT = 16;

/**
 * Durable engine throughput on complete cases of the fixture `ticket` workflow (create, dispatch
 * with a guard choosing the target, arrive, finish with a computed fee total and a guard, which
 * starts a follow-up case: five durable events), SQLite
 * on disk, against the bare work done directly in the same run: an xstate transition, an ajv
 * validation and one SQLite insert per event. Both write to a file in WAL mode with synchronous
 * NORMAL (the store's default), both are warmed up first, and their rounds alternate so that a
 * machine shared with other work loads both alike; each side's rate is its median round.
 *
 * `engine.durableEvents` runs one case at a time, each event waiting for the last, like the bare
 * work: every event is its own transaction on both sides. `engine.durableEvents.concurrent` runs
 * the same cases with IN_FLIGHT of them under way at once, as a server sees them; the store then
 * writes the events that arrive together in one transaction (group commit), while the baseline
 * stays one transaction per event, so that figure says what the engine sustains, not a like-for-like cost.
 */
export async function benchEngine(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-bench-engine-'));
  try {
    const engine = await durableEngine(join(dir, 'engine.db'), 1);
    const concurrent = await durableEngine(join(dir, 'concurrent.db'), IN_FLIGHT);
    const bareWork = bare(join(dir, 'bare.db'));
    const engineRates: number[] = [];
    const concurrentRates: number[] = [];
    const bareRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      engineRates.push(await rate(() => engine.run(CASES_PER_ROUND)));
      concurrentRates.push(await rate(() => concurrent.run(CASES_PER_ROUND)));
      bareRates.push(await rate(() => bareWork.run(CASES_PER_ROUND)));
    }
    await engine.close();
    await concurrent.close();
    bareWork.close();
    // Every counted event is a row of the history, on both sides.
    const cases = WARM_UP_CASES + ROUNDS * CASES_PER_ROUND;
    for (const file of ['engine.db', 'concurrent.db', 'bare.db']) {
      const db = new Database(join(dir, file), { readonly: true });
      const events = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
      db.close();
      if (events !== cases * EVENTS_PER_CASE)
        throw new Error(`${file}: ${events} events for ${cases} cases, expected ${EVENTS_PER_CASE} each`);
    }
    const engineRate = median(engineRates);
    const concurrentRate = median(concurrentRates);
    const bareRate = median(bareRates);
    const bpmnRate = await bpmnEngineSteps();
    const breachRate = await durableBreaches(join(dir, 'breach.db'));
    return [
      { name: 'sla.durableBreaches', value: Math.round(breachRate), unit: 'breaches/s' },
      {
        name: 'engine.durableEvents',
        value: Math.round(engineRate),
        unit: 'events/s',
        baseline: `bare xstate transition + ajv validation + one SQLite insert per event: ${Math.round(bareRate)} events/s`,
        ratio: round(engineRate / bareRate),
      },
      {
        name: 'engine.durableEvents.concurrent',
        value: Math.round(concurrentRate),
        unit: 'events/s',
        baseline: `the same bare work, one transaction per event: ${Math.round(bareRate)} events/s (the engine commits the events of ${IN_FLIGHT} cases in flight together)`,
        ratio: round(concurrentRate / bareRate),
      },
      {
        name: 'engine.vsBpmnEngine',
        value: Math.round(engineRate),
        unit: 'events/s',
        baseline: `bpmn-engine, four-task process in memory: ${Math.round(bpmnRate)} steps/s`,
        ratio: round(engineRate / bpmnRate),
        peer: 'bpmn-engine',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Work {
  run(cases: number): Promise<void> | void;
  close(): unknown;
}

/** Events per second of one round of `CASES_PER_ROUND` complete cases. */
async function rate(round: () => Promise<void> | void): Promise<number> {
  const t0 = performance.now();
  await round();
  return (CASES_PER_ROUND * EVENTS_PER_CASE) / ((performance.now() - t0) / 1000);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The engine on SQLite running complete cases, `inFlight` of them under way at once. */
async function durableEngine(file: string, inFlight: number): Promise<Work> {
  const loaded = validateDefinitions(readDefinitionFiles('tests/fixtures/engine'));
  const set = compileSet(loaded.docs.map((d) => d.def));
  const org = set.docs.find((d) => d.kind === 'Organization')!.spec as OrganizationSpec;
  const directory = createDirectory(org.users!.map((u) => ({ username: u.username, unit: u.unit, roles: u.roles })));
  const actor = (name: string) => ({
    username: name,
    unit: directory.user(name)!.unit,
    roles: directory.user(name)!.roles,
  });
  const store = openSqliteStore(file);
  const engine = createEngine({
    store,
    clock: new VirtualClock(Date.parse('2026-11-02T09:00:00+08:00')),
    ids: counterIds(),
    directory: () => directory,
    current: () => set,
    version: () => set,
  });
  const [staff, lead, tech] = [actor('b1.staff'), actor('b1.lead'), actor('b1.tech')];
  let serial = 0;
  const oneAtATime = async (end: number) => {
    while (serial < end) {
      const i = serial++;
      const c = await engine.createCase(staff, 'ticket', {
        customerName: `Customer ${i}`,
        phone: '13800138000',
        inWarranty: false,
      });
      await engine.sendEvent(c.id, {
        type: 'dispatch',
        data: { technician: 'b1.tech' },
        actor: lead,
        expectedVersion: 1,
      });
      await engine.sendEvent(c.id, { type: 'arrive', actor: tech, expectedVersion: 2 });
      await engine.sendEvent(c.id, {
        type: 'finish',
        data: { visitFee: 50, partsFee: 120.5 },
        actor: tech,
        expectedVersion: 3,
      });
    }
  };
  const run = async (n: number) => {
    const end = serial + n;
    await Promise.all(Array.from({ length: inFlight }, () => oneAtATime(end)));
  };
  await run(WARM_UP_CASES); // warm-up: JIT, prepared statements, compiled validators
  return { run, close: () => store.close() };
}

/**
 * Breaches processed through the scheduler on SQLite: each fires a stored timer, runs the policy's
 * breach actions (an outbox entry and a score fact) and commits, exactly once.
 */
async function durableBreaches(file: string): Promise<number> {
  const loaded = validateDefinitions(readDefinitionFiles('bench/fixtures/breach'));
  const set = compileSet(loaded.docs.map((d) => d.def));
  const org = set.docs.find((d) => d.kind === 'Organization')!.spec as OrganizationSpec;
  const directory = createDirectory(org.users!.map((u) => ({ username: u.username, unit: u.unit, roles: u.roles })));
  const staff = { username: 'b1.staff', unit: 'b1', roles: ['staff'] };
  const store = openSqliteStore(file);
  const clock = new VirtualClock(Date.parse('2026-11-02T09:00:00+08:00'));
  const engine = createEngine({
    store,
    clock,
    ids: counterIds(),
    directory: () => directory,
    current: () => set,
    version: () => set,
  });
  const n = 3000;
  for (let i = 0; i < n; i++) await engine.createCase(staff, 'request', { customerName: `Customer ${i}` });
  clock.set(clock.now() + 2 * 3_600_000);
  const t0 = performance.now();
  const fired = await engine.fireDueTimers();
  const seconds = (performance.now() - t0) / 1000;
  if (fired !== n || (await store.scoreFacts({})).length !== n)
    throw new Error(`expected ${n} breaches, fired ${fired}`);
  await store.close();
  return n / seconds;
}

function bare(file: string): Work {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE events (case_id TEXT, seq INTEGER, type TEXT, data TEXT, PRIMARY KEY (case_id, seq))');
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?)');
  const machine = createMachine({
    initial: 'open',
    states: {
      open: {
        on: {
          dispatch: [
            { target: 'work', guard: ({ event }) => (event as { inWarranty?: boolean }).inWarranty === true },
            { target: 'work' },
          ],
        },
      },
      work: {
        initial: 'travelling',
        states: { travelling: { on: { arrive: 'fixing' } }, fixing: { on: { finish: '#done' } } },
      },
      done: { id: 'done', type: 'final' },
    },
  });
  const followUp = createMachine({
    initial: 'due',
    states: { due: { on: { called: 'done' } }, done: { type: 'final' } },
  });
  const ajv = new Ajv2020({ allErrors: true });
  const validate = ajv.compile({
    type: 'object',
    properties: {
      customerName: { type: 'string' },
      phone: { type: 'string', pattern: '^1\\d{10}$' },
      technician: { type: 'string' },
      visitFee: { type: 'number' },
      partsFee: { type: 'number' },
    },
    additionalProperties: false,
  });
  const events = [
    { type: 'dispatch', data: { technician: 'b1.tech' } },
    { type: 'arrive', data: {} },
    { type: 'finish', data: { visitFee: 50, partsFee: 120.5 } },
  ];
  let serial = 0;
  const run = (n: number) => {
    for (let end = serial + n; serial < end; serial++) {
      const i = serial;
      const id = `c${i}`;
      validate({ customerName: `Customer ${i}`, phone: '13800138000' });
      insert.run(id, 1, 'create', JSON.stringify({ customerName: `Customer ${i}` }));
      let snapshot = machine.resolveState({ value: 'open', context: {} });
      events.forEach((e, j) => {
        validate(e.data);
        snapshot = transition(machine, snapshot, { type: e.type, ...e.data } as never)[0];
        insert.run(id, j + 2, e.type, JSON.stringify(e.data));
      });
      // finish starts the follow-up case, as the workflow does
      validate({ customerName: `Customer ${i}` });
      insert.run(`f${i}`, 1, 'create', JSON.stringify({ customerName: `Customer ${i}` }));
      followUp.resolveState({ value: 'due', context: {} });
    }
  };
  run(WARM_UP_CASES); // warm-up, as for the engine
  return { run, close: () => db.close() };
}

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <process id="repair" isExecutable="true">
    <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="t1"/>
    <task id="t1"/><sequenceFlow id="f1" sourceRef="t1" targetRef="t2"/>
    <task id="t2"/><sequenceFlow id="f2" sourceRef="t2" targetRef="t3"/>
    <task id="t3"/><sequenceFlow id="f3" sourceRef="t3" targetRef="t4"/>
    <task id="t4"/><sequenceFlow id="f4" sourceRef="t4" targetRef="end"/>
    <endEvent id="end"/>
  </process>
</definitions>`;

/** bpmn-engine's steps (tasks completed) per second, in memory, nothing persisted. */
async function bpmnEngineSteps(): Promise<number> {
  const { Engine } = (await import('bpmn-engine')) as unknown as {
    Engine: new (o: object) => { execute(): Promise<unknown> };
  };
  const once = async () => {
    const engine = new Engine({ name: 'bench', source: BPMN });
    await engine.execute();
  };
  for (let i = 0; i < 30; i++) await once();
  const n = 300;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await once();
  const seconds = (performance.now() - t0) / 1000;
  return (n * 4) / seconds;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
