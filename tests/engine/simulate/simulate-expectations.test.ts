// covers: P-6
// Every scenario expectation can fail: each key, given a wrong value, fails the step; given the
// right one, passes. Lists are exact unless the key says `Include(s)`; an empty list means none.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  allKinds,
  loadDefinitions,
  readDefinitionFiles,
  validateDefinitions,
  type Definition,
} from '../../../engine/definitions/index.ts';
import type { CaseRecord } from '../../../engine/runtime/case-record.ts';
import { compileSet } from '../../../engine/runtime/compile-set.ts';
import type { CompiledSet } from '../../../engine/runtime/compiled-set.ts';
import { expectationChecks, type Observed } from '../../../engine/simulate/expectations.ts';
import { globalChecks } from '../../../engine/simulate/global-checks.ts';
import { runScenario, type ScenarioSpec } from '../../../engine/simulate/run-scenario.ts';
import { sayIn } from '../../../engine/definitions/said.ts';
import { asSaid, type ScenarioProblem } from '../../../engine/simulate/scenario-said.ts';

/** A check's failure as `serviceframe simulate` prints it. */
const english = (p: ScenarioProblem | null) => (p === null ? null : sayIn(asSaid(p), 'en'));

let set: CompiledSet;
beforeAll(() => {
  const loaded = validateDefinitions(readDefinitionFiles('tests/fixtures/second-company'));
  set = compileSet(loaded.docs.map((d) => d.def));
});

// Given: an installation booked Monday 09:00 (Berlin), scheduled, and not started by Wednesday
// 09:01, so its 2-store-day clock is breached, a score fact is recorded about it and four urgent
// notifications are queued; a second booking `v` an hour later is not late yet.
const given: Record<string, unknown>[] = [
  { as: 'mitte.sales' },
  {
    create: {
      workflow: 'install',
      ref: 'w',
      data: {
        customerName: 'Ola Nowak',
        email: 'ola@example.com',
        address: 'Invalidenstr. 5, Berlin',
        appliance: 'washer',
        model: 'SpinMax',
      },
    },
  },
  { send: { case: 'w', event: 'schedule', as: 'mitte.dispatch', data: { installer: 'mitte.fitter' } } },
  { advance: '1h' },
  {
    create: {
      workflow: 'install',
      ref: 'v',
      data: {
        customerName: 'Jan Berg',
        email: 'jan@example.com',
        address: 'Torstr. 9, Berlin',
        appliance: 'washer',
        model: 'DryMax',
      },
    },
  },
  { advance: { to: '2026-12-09T09:01:00+01:00' } },
];

async function run(expectation: Record<string, unknown>) {
  const def = {
    apiVersion: 'serviceframe/v1',
    kind: 'Scenario',
    metadata: { name: 'expectation' },
    spec: { start: '2026-12-07T09:00:00+01:00', steps: [...given, { expect: { case: 'w', ...expectation } }] },
  } as Definition<ScenarioSpec>;
  return runScenario(def, set);
}

const late = { template: 'install-late', to: 'anna@example.com' };
const allLate = [
  { template: 'install-late', to: 'mitte.fitter@example.com', channel: 'email' },
  { template: 'install-late', to: 'mitte.fitter', channel: 'inapp' },
  { template: 'install-late', to: 'anna@example.com', channel: 'email' },
  { template: 'install-late', to: 'anna.manager', channel: 'inapp' },
];

/** [key, a value that holds, a wrong value, what the failure says]. */
const throughScenarios: [string, unknown, unknown, string][] = [
  ['state', 'scheduled', 'requested', 'state is scheduled, expected requested'],
  ['done', false, true, 'case is not closed'],
  [
    'data',
    { installer: 'mitte.fitter', appliance: 'washer' },
    { installer: 'spandau.fitter' },
    'data.installer is "mitte.fitter", expected "spandau.fitter"',
  ],
  // the second company numbers installations by month, in Berlin time
  ['number', 'MON-2612-0001', 'MON-2612-0002', 'number is MON-2612-0001, expected MON-2612-0002'],
  ['owner', 'mitte.sales', 'mitte.dispatch', 'owner is mitte.sales, expected mitte.dispatch'],
  ['assignee', 'mitte.fitter', null, 'assignee is mitte.fitter, expected nobody'],
  ['unit', 'store-mitte', 'store-spandau', 'unit is store-mitte, expected store-spandau'],
  ['customerUser', null, 'kim.customer', 'customer is nobody, expected kim.customer'],
  // a failure prints both times in the clock's calendar's zone (Berlin), whatever zone the scenario wrote
  [
    'deadlines',
    { 'install-in-2-days': '2026-12-08T19:00:00+01:00' },
    { 'install-in-2-days': '2026-12-08T19:00:00Z' },
    'deadline of install-in-2-days is 2026-12-08T19:00:00+01:00, expected 2026-12-08T20:00:00+01:00',
  ],
  [
    'clocks',
    { 'install-in-2-days': 'running' },
    { 'install-in-2-days': 'stopped' },
    'clock install-in-2-days is running, expected stopped',
  ],
  ['breached', ['install-in-2-days'], [], 'breached clocks are [install-in-2-days], expected []'],
  ['notifications', allLate, [late], 'also install-late→mitte.fitter@example.com/email!'],
  [
    'notificationsInclude',
    [late, { template: 'install-late', urgent: true }],
    [{ template: 'install-booked' }],
    'no notification like {"template":"install-booked"}',
  ],
  [
    'notNotified',
    [{ template: 'install-booked' }],
    [late],
    'a notification like {"template":"install-late","to":"anna@example.com"} was queued',
  ],
  [
    'scoreFacts',
    [{ fact: 'late-install', unit: 'store-mitte', case: 'w' }],
    [],
    'score facts differ: also late-install@store-mitte',
  ],
  [
    'scoreFactsInclude',
    [{ fact: 'late-install' }],
    [{ fact: 'late-install', unit: 'store-spandau' }],
    'no score fact like {"fact":"late-install","unit":"store-spandau"}',
  ],
  [
    'allScoreFacts',
    [{ fact: 'late-install', case: 'w' }],
    [{ fact: 'late-install', case: 'v' }],
    'none like {"fact":"late-install","case":"v"}',
  ],
  [
    'allScoreFactsInclude',
    [{ fact: 'late-install', case: 'w', data: {} }],
    [{ fact: 'late-install', case: null }],
    'no score fact like {"fact":"late-install","case":null}',
  ],
  [
    'history',
    ['create', 'schedule', 'sf.sla'],
    ['create', 'schedule'],
    'history is [create, schedule, sf.sla], expected [create, schedule] (to check only some, in order, use historyIncludes)',
  ],
  ['historyIncludes', ['create', 'sf.sla'], ['sf.sla', 'create'], 'expected to contain in order [sf.sla, create]'],
  ['links', { 'return-visit': 0 }, { 'return-visit': 1 }, '0 linked "return-visit" case(s), expected 1'],
  ['records', { customer: false }, { customer: true }, 'customer record is not linked, expected one'],
  [
    'score',
    { unit: 'store-mitte', period: '2026-12', total: 90 },
    { unit: 'store-mitte', period: '2026-12', total: 100 },
    'total is 90, expected 100',
  ],
  ['archive', { customer: 0 }, { customer: 1 }, '0 customer record(s) (none), expected 1'],
  ['caseCount', 2, 1, '2 cases, expected 1'],
];

describe('scenario expectations through a running scenario', () => {
  it.each(throughScenarios)('%s holds on the right value and fails on a wrong one', async (key, right, wrong, says) => {
    const ok = await run({ [key]: right });
    expect(ok, ok.failure).toMatchObject({ ok: true });
    const failed = await run({ [key]: wrong });
    expect(failed.ok).toBe(false);
    expect(failed.failure).toContain(says);
  });

  it('reads an empty list as none: scoreFacts [] fails while a fact is recorded, notifications [] while any is queued', async () => {
    expect((await run({ scoreFacts: [] })).failure).toContain('also late-install@store-mitte');
    expect((await run({ notifications: [] })).failure).toContain('notifications differ');
    expect((await run({ allScoreFacts: [] })).failure).toContain('also late-install@store-mitte');
    expect(await run({ case: 'v', scoreFacts: [], breached: [], notifications: [] })).toMatchObject({ ok: true });
  });

  it('cannot be satisfied twice by one item: two entries need two notifications', async () => {
    const failed = await run({ notifications: [late, late, ...allLate.slice(0, 3)] });
    expect(failed.failure).toContain('none like {"template":"install-late","to":"anna@example.com"}');
  });

  it('says a clock was never started, and refuses a name no policy has', async () => {
    const started = await run({ clocks: { 'install-in-2-days': 'not-started' } });
    expect(started.failure).toContain('clock install-in-2-days is running, expected not-started');
    const typo = await run({ clocks: { 'install-in-2-dyas': 'not-started' } });
    expect(typo.failure).toContain('no SLA policy "install-in-2-dyas"');
  });
});

/** Keys the second company's run cannot show (no watchers, no user facts): checked on a given case. */
const record = {
  activeStates: ['a'],
  data: { plan: { kind: 'x', parts: 2 } },
  watchers: ['vp', 'gm'],
  clocks: {},
  links: [],
  records: {},
} as unknown as CaseRecord;
const observed: Observed = {
  record,
  outbox: [],
  scoreFacts: [],
  history: [],
  userFacts: (u) => (u === 'tech' ? { qualified: false } : {}),
  caseOf: () => undefined,
  zone: () => 'UTC',
  policies: new Set(),
};
const onAGivenCase: [string, unknown, unknown, string][] = [
  ['watchers', ['gm', 'vp'], ['vp'], 'watchers are [gm, vp], expected [vp]'],
  ['watchersInclude', ['vp'], ['vp', 'ceo'], 'missing ceo'],
  ['dataIncludes', { plan: { kind: 'x' } }, { plan: { kind: 'y' } }, 'data.plan.kind is "x", expected "y"'],
  [
    'userFacts',
    { tech: { qualified: false } },
    { tech: { qualified: true } },
    'user tech qualified is false, expected true',
  ],
];

describe('scenario expectations on a given case', () => {
  it.each(onAGivenCase)('%s holds on the right value and fails on a wrong one', (key, right, wrong, says) => {
    const check = expectationChecks[key]!;
    expect(check(right, observed)).toBeNull();
    expect(english(check(wrong, observed))).toContain(says);
  });

  it('data is exact at each key it names: a nested object with more keys fails', () => {
    expect(english(expectationChecks['data']!({ plan: { kind: 'x' } }, observed))).toContain(
      'data.plan also has parts: 2',
    );
  });
});

it('every expectation key has a failing case above', () => {
  const tested = new Set([...throughScenarios, ...onAGivenCase].map(([key]) => key));
  expect([...Object.keys(expectationChecks), ...Object.keys(globalChecks)].filter((k) => !tested.has(k))).toEqual([]);
});

it('validate points at an unknown expectation and at an include list that would check nothing', () => {
  const text = [
    'apiVersion: serviceframe/v1',
    'kind: Scenario',
    'metadata: { name: typo }',
    'spec:',
    '  start: "2026-12-07T09:00:00+01:00"',
    '  steps:',
    '    - expect: { case: w, notificatons: [] }',
    '    - expect: { case: w, notificationsInclude: [] }',
  ].join('\n');
  const issues = loadDefinitions([{ path: 'typo.yaml', text }], allKinds).issues.filter((i) => i.severity === 'error');
  expect(issues.map((i) => [i.pointer, i.at.line])).toEqual([
    ['/spec/steps/0/expect/notificatons', 7],
    ['/spec/steps/1/expect/notificationsInclude', 8],
  ]);
});
