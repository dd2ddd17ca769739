import { compileLinearPattern, PATTERN_INPUT_LIMIT } from '../engine/patterns/index.ts';
import type { BenchResult } from './bench-result.ts';

// Patterns that take a backtracking engine exponential or polynomial time on a near miss (the
// review stalled the server 14.6 s with the first on 28 characters), and a benign one.
const CATASTROPHIC = [
  '^(a+)+$',
  '^(a|a)*$',
  '^(a|aa)+$',
  '^(a*)*b$',
  '^([a-zA-Z]+)*$',
  '^(\\w+\\s?)*$',
  '(a+)+b',
  '^(.*a){12}$',
  '^(a?){25}a{25}$',
];
const BENIGN = '^[a-z]+$';

/**
 * security.patternWorstCase (issue 13): the slowest of the catastrophic patterns on a
 * 10,000-character near miss (the longest text a definition's pattern is run on), as definitions'
 * patterns run — on RE2 through engine/patterns — against the same match of a benign pattern in
 * the same run. Goal: within 10× of the benign match (ratio ≥ 0.1).
 */
export async function benchSecurity(): Promise<BenchResult[]> {
  const input = `${'a'.repeat(PATTERN_INPUT_LIMIT - 1)}!`;
  const benign = msPerMatch(BENIGN, input);
  let worst = 0;
  let worstPattern = '';
  for (const pattern of CATASTROPHIC) {
    const ms = msPerMatch(pattern, input);
    if (ms > worst) [worst, worstPattern] = [ms, pattern];
  }
  return [
    {
      name: 'security.patternWorstCase',
      value: round(worst),
      unit: 'ms',
      baseline: `${BENIGN} on the same ${input.length}-character text: ${round(benign)} ms (worst of ${CATASTROPHIC.length}: ${worstPattern})`,
      ratio: round(benign / worst, 3),
    },
  ];
}

/** The median of several timed matches, after a warm-up; each pattern compiled once, as in use. */
function msPerMatch(source: string, input: string): number {
  const pattern = compileLinearPattern(source);
  for (let i = 0; i < 3; i++) pattern.test(input);
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    pattern.test(input);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
