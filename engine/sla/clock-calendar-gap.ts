import { localYear, scheduleWarnings, type CalendarSpec } from '../calendar/index.ts';
import type { Localized } from '../localized.ts';
import type { ClockState } from '../runtime/case-record.ts';
import type { CompiledSet } from '../runtime/compiled-set.ts';
import { clockMath } from './clock-math.ts';
import { policyNamed } from './policy-lookup.ts';

/** The years a clock's deadline was counted across without the public holidays of its calendar. */
export interface ClockCalendarGap {
  readonly calendar: string;
  readonly calendarTitle?: Localized;
  readonly years: readonly number[];
}

/**
 * Whether a clock counted working time across a year its calendar has no holidays for (the shipped
 * official data ends; the administrator has not added the year): then a holiday in that year may
 * have counted as a working day, and the people relying on the deadline must be told. The same
 * rule as `validate`'s warning, so a calendar that follows no holidays at all is never flagged.
 * Pure; read with the definition version the case runs on.
 */
export function clockCalendarGap(
  set: CompiledSet,
  clock: ClockState,
  unit: string | undefined,
): ClockCalendarGap | null {
  const policy = policyNamed(set, clock.policy);
  if (!policy || clock.deadline === null) return null;
  const calendar = clockMath(set, policy, unit).calendar;
  const def = calendar ? set.definition<CalendarSpec>('Calendar', calendar.name) : undefined;
  if (!calendar || !def) return null;
  const first = localYear(Math.min(clock.startedAt, clock.deadline), calendar.timeZone);
  const last = localYear(Math.max(clock.startedAt, clock.deadline), calendar.timeZone);
  const span = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const years = scheduleWarnings(def.spec, span).map((w) => w.year);
  if (years.length === 0) return null;
  return {
    calendar: calendar.name,
    ...(def.metadata.title !== undefined ? { calendarTitle: def.metadata.title } : {}),
    years,
  };
}
