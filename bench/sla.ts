import { compileCalendar, type BusinessCalendar, type CalendarSpec, type HoursSpan } from '../engine/calendar/index.ts';
import { referenceCalendar } from '../engine/calendar/reference.ts';
import type { Definition } from '../engine/definitions/kind.ts';
import type { ClockState } from '../engine/runtime/case-record.ts';
import type { CompiledSet } from '../engine/runtime/compiled-set.ts';
import { clockFacts } from '../engine/runtime/facts.ts';
import { compileSlaPolicy, fireClock, stepClocks, type ClockStep, type SlaPolicySpec } from '../engine/sla/index.ts';
import type { BenchResult } from './bench-result.ts';

const office: HoursSpan[] = [
  { from: '08:30', to: '12:00' },
  { from: '13:30', to: '18:00' },
];
const standard: CalendarSpec = {
  official: 'cn',
  week: { mon: office, tue: office, wed: office, thu: office, fri: office },
};
const MINUTE = 60_000;

// Three clocks on one repair case, as the seed runs them: response, on site (with the customer's
// appointment), resolution in working days; warnings and two escalation levels.
const policies: Record<string, SlaPolicySpec> = {
  response: {
    workflows: ['repair'],
    start: { on: 'create' },
    stop: [{ event: 'acknowledge' }],
    target: { duration: '1h', calendar: 'standard' },
    warning: { at: '75%' },
  },
  'on-site': {
    workflows: ['repair'],
    start: { on: 'create' },
    pause: [{ enter: 'waiting-customer' }],
    stop: [{ enter: 'on-site' }],
    target: { duration: '24h', calendar: 'standard' },
    deadlineFrom: '=data.appointmentAt',
    warning: { at: '75%' },
    escalations: [
      { after: '4h', actions: [] },
      { after: '1d', actions: [] },
    ],
  },
  resolution: {
    workflows: ['repair'],
    start: { on: 'create' },
    stop: [{ enter: 'closed' }],
    target: { duration: '3d', calendar: 'standard' },
  },
};

/**
 * Pure SLA step rates: starting three clocks on a new case (deadlines, timers and explanations),
 * a step that touches no clock, and firing a breach. The start rate's baseline is the same step
 * with the calendar's working-time arithmetic done by the minute-by-minute reference.
 */
export async function benchSla(): Promise<BenchResult[]> {
  const fast = compileCalendar('standard', standard);
  const fastSet = setWith(fast);
  const slowSet = setWith(withReference(fast, standard));
  const starts = sampleStarts(2048);

  const clockFactsAt = new Map(starts.map((t) => [t, clockFacts(t, fast)]));
  const createStep = (set: CompiledSet, now: number): ClockStep => ({
    set,
    now,
    caseId: 'C1',
    workflow: 'repair',
    unit: 'b1',
    created: true,
    event: { type: 'create', data: {} },
    entered: ['reported'],
    exited: [],
    activeStates: ['reported'],
    done: false,
    facts: {
      data: {},
      event: {},
      actor: {},
      case: { id: 'C1' },
      clock: clockFactsAt.get(now) ?? clockFacts(now, fast),
    },
    clocks: {},
    explicit: [],
  });
  for (const t of starts.slice(0, 256)) stepClocks(createStep(fastSet, t)); // warm day plans and the JIT
  const startRate = rate((i) => stepClocks(createStep(fastSet, starts[i % starts.length]!)), 1000);
  const referenceRate = rate((i) => stepClocks(createStep(slowSet, starts[i % starts.length]!)), 1000);

  const opened = starts.map((t) => ({ t, clocks: stepClocks(createStep(fastSet, t)).clocks }));
  const idle = (i: number) => {
    const o = opened[i % opened.length]!;
    return stepClocks({
      ...createStep(fastSet, o.t),
      now: o.t + 10 * MINUTE,
      created: false,
      event: { type: 'note', data: {} },
      entered: [],
      clocks: o.clocks,
    });
  };
  const idleRate = rate(idle, 500);
  const fire = (i: number) => {
    const o = opened[i % opened.length]!;
    const clocks = o.clocks as Record<string, ClockState>;
    return fireClock({
      set: fastSet,
      now: clocks['on-site']!.deadline!,
      caseId: 'C1',
      clocks,
      data: { clock: 'on-site', threshold: 'breach' },
    });
  };
  const fireRate = rate(fire, 500);

  return [
    {
      name: 'sla.stepClocks.start',
      value: Math.round(startRate),
      unit: 'case starts/s (3 clocks each)',
      baseline: `same step on the minute-by-minute reference calendar, ${Math.round(referenceRate)}/s`,
      ratio: round(startRate / referenceRate),
    },
    { name: 'sla.stepClocks.idle', value: Math.round(idleRate), unit: 'steps/s (3 open clocks, no change)' },
    { name: 'sla.fireClock', value: Math.round(fireRate), unit: 'breaches/s (pure)' },
  ];
}

function setWith(calendar: BusinessCalendar): CompiledSet {
  const sla = Object.entries(policies).map(([name, spec]) =>
    compileSlaPolicy({ apiVersion: 'serviceframe/v1', kind: 'SlaPolicy', metadata: { name }, spec } as Definition),
  );
  return {
    version: 'bench',
    calendars: new Map([['standard', calendar]]),
    sla,
    calendarForUnit: () => calendar,
  } as unknown as CompiledSet;
}

/** The fast calendar with its working-time arithmetic replaced by the brute-force reference. */
function withReference(fast: BusinessCalendar, spec: CalendarSpec): BusinessCalendar {
  const ref = referenceCalendar(spec);
  return {
    ...fast,
    addWorkingTime: (s, ms) => ref.addWorkingTime(s, ms),
    workingTimeBetween: (a, b) => ref.workingTimeBetween(a, b),
    add: (s, d) => ref.addWorkingTime(fast.addWorkingDays(s, d.days), d.ms),
  };
}

function sampleStarts(n: number): number[] {
  let seed = 4_242_017;
  const from = Date.UTC(2025, 0, 1);
  return Array.from({ length: n }, () => {
    seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
    return from + (seed % (2 * 365 * 24 * 60)) * MINUTE;
  });
}

function rate(run: (i: number) => unknown, budgetMs: number): number {
  let done = 0;
  let sink = 0;
  const began = performance.now();
  while (performance.now() - began < budgetMs) {
    for (let i = 0; i < 64; i++) if (run(done + i)) sink++;
    done += 64;
  }
  if (sink < 0) throw new Error('unreachable');
  return done / ((performance.now() - began) / 1000);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
