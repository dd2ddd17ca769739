import { say } from '../definitions/said.ts';
import { localize } from '../localized.ts';
import { CalendarError, CalendarErrorCode } from './calendar-error.ts';
import type { CalendarSpec } from './calendar-spec.ts';
import { formatClock } from './clock-time.ts';
import { compileRules, type DayKind } from './day-rules.ts';
import { planDay, type DayPlan } from './day-plan.ts';
import type { Duration } from './duration.ts';
import { DAY_MS } from './local-date.ts';
import { createZone } from './time-zone.ts';

/**
 * Working-time arithmetic over one calendar. Instants are epoch ms. A working span is half-open,
 * [from, to): 18:00 is not working when work ends at 18:00.
 */
export interface BusinessCalendar {
  readonly name: string;
  readonly timeZone: string;
  /**
   * The earliest instant by which `ms` of working time has passed since `start`; counting
   * begins at the next working instant. A span's end is returned as is (12:00, not 13:30 after
   * lunch). `ms` = 0 returns `start`.
   */
  addWorkingTime(start: number, ms: number): number;
  /**
   * `days` working days later at the same working position. The position is the working time
   * already done on the working day of `nextWorkingTime(start)`; the result is the earliest
   * instant with that much done on the `days`-th following working day (capped at that day's
   * length). So 17:50 is followed by 17:50 of the next working day, a start before or outside
   * hours (or on a rest day) is followed by the end of the `days`-th working day counting the
   * next one as the first, and 08:30 Monday + 1 is 18:00 Monday. `days` = 0 returns `start`.
   */
  addWorkingDays(start: number, days: number): number;
  /** Working days first, then working time. */
  add(start: number, duration: Duration): number;
  /** Working ms in [a, b); negative when b < a. */
  workingTimeBetween(a: number, b: number): number;
  isWorkingTime(t: number): boolean;
  /** Whether the local date of `t` has any working hours. */
  isWorkingDay(t: number): boolean;
  /** `t` itself when working, else the start of the next working span. */
  nextWorkingTime(t: number): number;
  /** Whether official data or the definition's `years` covers `year`'s holidays. */
  hasSchedule(year: number): boolean;
  /** One line for explanations, e.g. "2026-10-01 holiday (National Day)". */
  describeDay(t: number): string;
}

// A calendar without working time for ten years is a definition mistake, not a long wait.
const MAX_IDLE_DAYS = 3660;

const KIND_TEXT: Record<DayKind, string> = {
  workday: 'working day',
  rest: 'rest day',
  holiday: 'holiday',
  makeup: 'make-up working day',
};

export function compileCalendar(name: string, spec: CalendarSpec): BusinessCalendar {
  const rules = compileRules(spec);
  const zone = createZone(rules.timeZone);
  // Plans are built on first use (Intl is slow) and kept: a calendar touches a few hundred dates.
  const plans = new Map<number, DayPlan>();
  let recent: DayPlan | undefined;

  const plan = (day: number): DayPlan => {
    let p = plans.get(day);
    if (!p) {
      // Only a new date gets here, so a NaN or infinite instant is caught off the hot path.
      if (!Number.isFinite(day))
        throw new CalendarError(CalendarErrorCode.invalidArgument, say('calendar.error.notAnInstant', { day }));
      p = planDay(zone, rules.dayRule(day), day);
      plans.set(day, p);
    }
    return p;
  };
  const dayOf = (t: number): DayPlan => {
    if (recent && t >= recent.start && t < recent.end) return recent;
    // UTC offsets stay within a day, so the local date is the UTC date or a neighbour.
    let p = plan(Math.floor(t / DAY_MS));
    while (t < p.start) p = plan(p.day - 1);
    while (t >= p.end) p = plan(p.day + 1);
    recent = p;
    return p;
  };
  const following = (p: DayPlan, idle: { days: number }): DayPlan => {
    idle.days = p.total > 0 ? 0 : idle.days + 1;
    if (idle.days > MAX_IDLE_DAYS) {
      throw new CalendarError(
        CalendarErrorCode.noWorkingTime,
        say('calendar.error.noWorkingTime', { calendar: name, days: MAX_IDLE_DAYS, date: p.rule.date }),
      );
    }
    return plan(p.day + 1);
  };
  const workedIn = (p: DayPlan, lo: number, hi: number): number => {
    let sum = 0;
    const s = p.spans;
    for (let i = 0; i < s.length; i += 2) {
      const from = s[i]! > lo ? s[i]! : lo;
      const to = s[i + 1]! < hi ? s[i + 1]! : hi;
      if (to > from) sum += to - from;
    }
    return sum;
  };
  const between = (a: number, b: number): number => {
    const pa = dayOf(a);
    if (b <= pa.end) return workedIn(pa, a, b);
    const pb = dayOf(b);
    let sum = workedIn(pa, a, pa.end) + workedIn(pb, pb.start, b);
    for (let d = pa.day + 1; d < pb.day; d++) sum += plan(d).total;
    return sum;
  };
  const nextWorkingTime = (t: number): number => {
    const idle = { days: 0 };
    for (let p = dayOf(t); ; p = following(p, idle)) {
      const s = p.spans;
      for (let i = 0; i < s.length; i += 2) if (s[i + 1]! > t) return s[i]! > t ? s[i]! : t;
    }
  };

  const addWorkingTime = (start: number, ms: number): number => {
    if (!(ms >= 0) || !Number.isFinite(ms)) {
      throw new CalendarError(CalendarErrorCode.invalidArgument, say('calendar.error.workingTime', { ms }));
    }
    if (ms === 0) return start;
    let rest = ms;
    let from = start;
    const idle = { days: 0 };
    for (let p = dayOf(start); ; p = following(p, idle), from = p.start) {
      if (from <= p.start && p.total < rest) {
        rest -= p.total;
        continue;
      }
      const s = p.spans;
      for (let i = 0; i < s.length; i += 2) {
        const to = s[i + 1]!;
        if (to <= from) continue;
        const lo = s[i]! > from ? s[i]! : from;
        if (rest <= to - lo) return lo + rest;
        rest -= to - lo;
      }
    }
  };

  const addWorkingDays = (start: number, days: number): number => {
    if (!Number.isInteger(days) || days < 0) {
      throw new CalendarError(CalendarErrorCode.invalidArgument, say('calendar.error.workingDays', { days }));
    }
    if (days === 0) return start;
    const s = nextWorkingTime(start);
    let p = dayOf(s);
    const position = workedIn(p, p.start, s);
    let before = p; // the working day before the target, whose end a zero position lands on
    const idle = { days: 0 };
    for (let count = 0; count < days;) {
      p = following(p, idle);
      if (p.total > 0 && ++count < days) before = p;
    }
    const wanted = Math.min(position, p.total);
    if (wanted === 0) return before.spans[before.spans.length - 1]!;
    return addWorkingTime(p.start, wanted);
  };

  return {
    name,
    timeZone: rules.timeZone,
    addWorkingTime,
    addWorkingDays,
    add: (start, duration) => addWorkingTime(addWorkingDays(start, duration.days), duration.ms),
    workingTimeBetween: (a, b) => (b >= a ? between(a, b) : -between(b, a)),
    isWorkingTime(t) {
      const s = dayOf(t).spans;
      for (let i = 0; i < s.length; i += 2) if (t >= s[i]! && t < s[i + 1]!) return true;
      return false;
    },
    isWorkingDay: (t) => dayOf(t).total > 0,
    nextWorkingTime,
    hasSchedule: (year) => rules.years.includes(year) || (rules.official?.years.includes(year) ?? false),
    describeDay(t) {
      const { rule } = dayOf(t);
      const named = rule.name ? ` (${localize(rule.name, 'en')})` : '';
      const hours: string[] = [];
      for (let i = 0; i < rule.minutes.length; i += 2)
        hours.push(`${formatClock(rule.minutes[i]!)}-${formatClock(rule.minutes[i + 1]!)}`);
      return `${rule.date} ${KIND_TEXT[rule.kind]}${named}${hours.length > 0 ? `, ${hours.join(', ')}` : ''}`;
    },
  };
}
