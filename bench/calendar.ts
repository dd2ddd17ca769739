import { compileCalendar, type CalendarSpec, type HoursSpan } from '../engine/calendar/index.ts';
import { referenceCalendar } from '../engine/calendar/reference.ts';

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

/**
 * Additions per second on the standard calendar (official cn, lunch break) for typical SLA
 * clocks: minute-aligned starts over 2025-2026 and 1h-72h of working time. The day cache is warm,
 * as in a running server. The baseline is the minute-by-minute reference in the same run, which
 * also checks that both agree on the cases it times.
 */
export async function benchCalendar(): Promise<BenchResult[]> {
  const cases = sampleCases(4096);
  const fast = compileCalendar('standard', standard);
  const reference = referenceCalendar(standard);
  for (const [start, ms] of cases) fast.addWorkingTime(start, ms); // warm the day cache and the JIT

  const fastRate = rate(cases, (start, ms) => fast.addWorkingTime(start, ms), 1000);
  const referenceRate = rate(
    cases,
    (start, ms) => {
      const expected = reference.addWorkingTime(start, ms);
      if (fast.addWorkingTime(start, ms) !== expected)
        throw new Error(`calendar disagrees with the reference at ${start} + ${ms} ms`);
      return expected;
    },
    1000,
  );
  return [
    {
      name: 'calendar.addWorkingTime',
      value: Math.round(fastRate),
      unit: 'additions/s',
      baseline: `minute-by-minute reference, ${Math.round(referenceRate)} additions/s`,
      ratio: Math.round(fastRate / referenceRate),
    },
  ];
}

function sampleCases(n: number): [number, number][] {
  // A fixed LCG so every run times the same cases.
  let seed = 20_260_930;
  const next = (limit: number) => {
    seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
    return seed % limit;
  };
  const from = Date.UTC(2025, 0, 1);
  return Array.from({ length: n }, () => [from + next(2 * 365 * 24 * 60) * MINUTE, (60 + next(71 * 60 + 1)) * MINUTE]);
}

function rate(cases: [number, number][], add: (start: number, ms: number) => number, budgetMs: number): number {
  let done = 0;
  let sink = 0;
  const began = performance.now();
  while (performance.now() - began < budgetMs) {
    for (let i = 0; i < 256; i++) {
      const c = cases[(done + i) % cases.length]!;
      sink += add(c[0], c[1]) & 1;
    }
    done += 256;
  }
  if (sink < 0) console.log(sink); // keeps the results observable so the loop is not optimised away
  return done / ((performance.now() - began) / 1000);
}
