import type { CalendarSpec } from './calendar-spec.ts';
import { compileRules, type DayRule } from './day-rules.ts';
import { DAY_MS } from './local-date.ts';
import { createZone } from './time-zone.ts';

/**
 * Brute-force working-time arithmetic, minute by minute, for tests and benchmarks only. It
 * shares the date rules with the fast calendar but none of its arithmetic: an instant is working
 * when its local wall clock, read through Intl, shows a working minute of its date. Inputs must
 * be whole minutes.
 */
export interface ReferenceCalendar {
  isWorkingMinute(t: number): boolean;
  addWorkingTime(start: number, ms: number): number;
  workingTimeBetween(a: number, b: number): number;
}

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;

export function referenceCalendar(spec: CalendarSpec): ReferenceCalendar {
  const rules = compileRules(spec);
  const zone = createZone(rules.timeZone);
  // Offsets of today's zones change on a quarter hour, so one Intl call per quarter is exact.
  const offsets = new Map<number, number>();
  const ruleCache = new Map<number, DayRule>();
  const isWorkingMinute = (t: number): boolean => {
    const quarter = Math.floor(t / QUARTER);
    let offset = offsets.get(quarter);
    if (offset === undefined) offsets.set(quarter, (offset = zone.offsetAt(quarter * QUARTER)));
    const wall = t + offset;
    const day = Math.floor(wall / DAY_MS);
    const minute = (wall - day * DAY_MS) / MINUTE;
    let rule = ruleCache.get(day);
    if (!rule) ruleCache.set(day, (rule = rules.dayRule(day)));
    for (let i = 0; i < rule.minutes.length; i += 2)
      if (minute >= rule.minutes[i]! && minute < rule.minutes[i + 1]!) return true;
    return false;
  };
  const countMinutes = (a: number, b: number): number => {
    let n = 0;
    for (let t = a; t < b; t += MINUTE) if (isWorkingMinute(t)) n++;
    return n * MINUTE;
  };
  return {
    isWorkingMinute,
    addWorkingTime(start, ms) {
      let t = start;
      for (let rest = ms; rest > 0; t += MINUTE) if (isWorkingMinute(t)) rest -= MINUTE;
      return t;
    },
    workingTimeBetween: (a, b) => (b >= a ? countMinutes(a, b) : -countMinutes(b, a)),
  };
}
