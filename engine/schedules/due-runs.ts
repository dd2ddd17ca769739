import type { BusinessCalendar } from '../calendar/index.ts';
import { dateOfDayNumber, DAY_MS, dayNumberOf, yearOfDayNumber } from '../calendar/local-date.ts';
import type { Zone } from '../calendar/time-zone.ts';
import type { Every, WorkingDay } from './schedule-model.ts';

/** A schedule's timing, compiled: everything dueRuns needs and nothing it has to look up. */
export interface ScheduleTiming {
  readonly every: Every;
  /** 1–12; used by `every: year`. */
  readonly month: number;
  /** Day of the month, or weekday 1–7 for `every: week`; unused for `every: day`. */
  readonly day: number;
  /** Minutes after local midnight. */
  readonly minutes: number;
  readonly zone: Zone;
  readonly calendar?: BusinessCalendar;
  readonly workingDay: WorkingDay;
}

/** One run of a schedule: the period it is for and when it is due. */
export interface ScheduledRun {
  /** "2026-11-26" (day), "2026-W48" (ISO week), "2026-11" (month), "2026" (year). */
  readonly period: string;
  /** Due instant, epoch ms. */
  readonly at: number;
  /** Local date of the run (after moving off a non-working day). */
  readonly date: string;
  /** First and last local date of the period. */
  readonly start: string;
  readonly end: string;
}

// A run moves at most this many days off a non-working day; longer means a calendar mistake.
const MAX_SHIFT_DAYS = 31;
const MARGIN_DAYS = MAX_SHIFT_DAYS + 2;
// nextRun gives up after this many periods without a run (a calendar that never works).
const MAX_PERIODS = 5000;

/**
 * The runs due in (after, now], in time order (ties in period order). Pure: the same arguments
 * always give the same runs, and for after < t < now, dueRuns(after, t) followed by dueRuns(t, now)
 * is dueRuns(after, now) — so a caller that remembers the last run's time neither repeats nor
 * skips a run however often it asks. Run times never decrease from one period to the next (a
 * run moved off a non-working day stops at the neighbouring working day), which is what makes
 * the time a sufficient cursor.
 */
export function dueRuns(timing: ScheduleTiming, after: number, now: number): ScheduledRun[] {
  if (!(now > after)) return [];
  const first = periodOfDay(timing.every, localDay(timing.zone, after) - MARGIN_DAYS);
  const last = periodOfDay(timing.every, localDay(timing.zone, now) + MARGIN_DAYS);
  const out: ScheduledRun[] = [];
  for (let p = first; p <= last; p++) {
    const run = runOfPeriod(timing, p);
    if (run && run.at > after && run.at <= now) out.push(run);
  }
  return out;
}

/** The first run due after `after`, or null when none comes (a calendar without working days). */
export function nextRun(timing: ScheduleTiming, after: number): ScheduledRun | null {
  const first = periodOfDay(timing.every, localDay(timing.zone, after) - MARGIN_DAYS);
  for (let p = first; p < first + MAX_PERIODS; p++) {
    const run = runOfPeriod(timing, p);
    if (run && run.at > after) return run;
  }
  return null;
}

/** The run of period number `p` (see periodOfDay), or null when it is skipped. */
export function runOfPeriod(timing: ScheduleTiming, p: number): ScheduledRun | null {
  const { start, end, nominal, label } = periodBounds(timing, p);
  const day = adjust(timing, nominal);
  if (day === null) return null;
  return {
    period: label,
    at: timing.zone.wallToEpoch(day * DAY_MS + timing.minutes * 60_000),
    date: dateOfDayNumber(day),
    start: dateOfDayNumber(start),
    end: dateOfDayNumber(end),
  };
}

function adjust(timing: ScheduleTiming, nominal: number): number | null {
  const calendar = timing.calendar;
  if (!calendar || timing.workingDay === 'any') return nominal;
  const working = (day: number) => calendar.isWorkingDay(timing.zone.wallToEpoch(day * DAY_MS + 12 * 3_600_000));
  if (working(nominal)) return nominal;
  if (timing.workingDay === 'skip') return null;
  const step = timing.workingDay === 'next' ? 1 : -1;
  for (let i = 1; i <= MAX_SHIFT_DAYS; i++) if (working(nominal + step * i)) return nominal + step * i;
  return null;
}

/** The local day number (days since 1970-01-01) of an instant in `zone`. */
export function localDay(zone: Zone, at: number): number {
  return Math.floor((at + zone.offsetAt(at)) / DAY_MS);
}

// Periods are numbered so that consecutive periods have consecutive numbers.
// day: the day number; week: weeks since the Monday 1969-12-29; month: year * 12 + month - 1; year: the year.
const FIRST_MONDAY = -3;

export function periodOfDay(every: Every, day: number): number {
  switch (every) {
    case 'day':
      return day;
    case 'week':
      return Math.floor((day - FIRST_MONDAY) / 7);
    case 'month': {
      const d = new Date(day * DAY_MS);
      return d.getUTCFullYear() * 12 + d.getUTCMonth();
    }
    case 'year':
      return yearOfDayNumber(day);
  }
}

function periodBounds(
  timing: ScheduleTiming,
  p: number,
): { start: number; end: number; nominal: number; label: string } {
  switch (timing.every) {
    case 'day':
      return { start: p, end: p, nominal: p, label: dateOfDayNumber(p) };
    case 'week': {
      const monday = FIRST_MONDAY + 7 * p;
      const thursday = monday + 3; // ISO 8601: a week belongs to the year of its Thursday
      const year = yearOfDayNumber(thursday);
      const week = Math.floor((thursday - dayOf(year, 1, 1)) / 7) + 1;
      return { start: monday, end: monday + 6, nominal: monday + timing.day - 1, label: `${year}-W${pad(week)}` };
    }
    case 'month': {
      const year = Math.floor(p / 12);
      const month = p - year * 12 + 1;
      const start = dayOf(year, month, 1);
      const end = nextMonthStart(year, month) - 1;
      return { start, end, nominal: Math.min(start + timing.day - 1, end), label: `${year}-${pad(month)}` };
    }
    case 'year': {
      const monthStart = dayOf(p, timing.month, 1);
      const monthEnd = nextMonthStart(p, timing.month) - 1;
      return {
        start: dayOf(p, 1, 1),
        end: dayOf(p + 1, 1, 1) - 1,
        nominal: Math.min(monthStart + timing.day - 1, monthEnd),
        label: String(p),
      };
    }
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (y: number, m: number, d: number) => dayNumberOf(`${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`)!;
const nextMonthStart = (y: number, m: number) => (m === 12 ? dayOf(y + 1, 1, 1) : dayOf(y, m + 1, 1));
