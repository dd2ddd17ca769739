import type { DayRule } from './day-rules.ts';
import { DAY_MS } from './local-date.ts';
import type { Zone } from './time-zone.ts';

/** One local date laid out in absolute time: what the hot path of the arithmetic reads. */
export interface DayPlan {
  readonly day: number;
  /** First instant of the date and first instant of the next, epoch ms. */
  readonly start: number;
  readonly end: number;
  /** Flat [from, to, ...] epoch ms, sorted, disjoint and never touching. */
  readonly spans: readonly number[];
  /** Working ms in the day, so whole days can be skipped by their length. */
  readonly total: number;
  readonly rule: DayRule;
}

const MINUTE_MS = 60_000;

/**
 * An instant is working when its local wall clock shows a working minute of its date. On a DST
 * day that can give an hour less (the skipped hour) or more (the repeated one), exactly as staff
 * following the clock would work. Assumes the date is one stretch of time, i.e. the clocks do not
 * go back across midnight (true of the zones in use today).
 */
export function planDay(zone: Zone, rule: DayRule, day: number): DayPlan {
  const wall0 = day * DAY_MS;
  const start = zone.wallToEpoch(wall0);
  const end = zone.wallToEpoch(wall0 + DAY_MS);
  const spans: number[] = [];
  for (const [lo, hi, offset] of constantOffsetPieces(zone, start, end)) {
    for (let i = 0; i < rule.minutes.length; i += 2) {
      const from = Math.max(lo, wall0 + rule.minutes[i]! * MINUTE_MS - offset);
      const to = Math.min(hi, wall0 + rule.minutes[i + 1]! * MINUTE_MS - offset);
      if (from < to) spans.push(from, to);
    }
  }
  const merged = mergeSpans(spans);
  let total = 0;
  for (let i = 0; i < merged.length; i += 2) total += merged[i + 1]! - merged[i]!;
  return { day, start, end, spans: merged, total, rule };
}

/** The day cut where its UTC offset changes (at most once a day in real zones). */
function constantOffsetPieces(zone: Zone, start: number, end: number): [number, number, number][] {
  const first = zone.offsetAt(start);
  const last = zone.offsetAt(end - 1);
  if (first === last) return [[start, end, first]];
  let lo = start; // offset here is `first`
  let hi = end - 1; // offset here differs
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offsetAt(mid) === first) lo = mid;
    else hi = mid;
  }
  return [
    [start, hi, first],
    [hi, end, last],
  ];
}

function mergeSpans(flat: number[]): number[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [from, to] of pairs) {
    if (out.length > 0 && from <= out[out.length - 1]!) out[out.length - 1] = Math.max(out[out.length - 1]!, to);
    else out.push(from, to);
  }
  return out;
}
