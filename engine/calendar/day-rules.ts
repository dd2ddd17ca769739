import { say } from '../definitions/said.ts';
import type { Localized } from '../localized.ts';
import { CalendarError, CalendarErrorCode } from './calendar-error.ts';
import { DEFAULT_TIME_ZONE, WEEKDAYS, type CalendarSpec, type DaySpec, type HoursSpan } from './calendar-spec.ts';
import { parseClock } from './clock-time.ts';
import { dateOfDayNumber, weekdayOfDayNumber } from './local-date.ts';
import type { OfficialSchedule } from './official-schedule.ts';
import { officialSchedules } from './official-schedules.ts';

/**
 * `rest` is an ordinary day off (a weekend); `makeup` a working day on a date that is normally
 * off (a make-up day, "tiaoxiu" in China).
 */
export type DayKind = 'workday' | 'rest' | 'holiday' | 'makeup';

/** What one local date is, before any time zone: its kind and working minutes. */
export interface DayRule {
  readonly date: string;
  readonly kind: DayKind;
  readonly name?: Localized;
  /** Flat [from, to, from, to, ...] in minutes after local midnight, sorted and disjoint. */
  readonly minutes: readonly number[];
}

/** A calendar's rules by local date; shared by the fast calendar and the brute-force reference. */
export interface CalendarRules {
  readonly timeZone: string;
  readonly official?: OfficialSchedule;
  readonly years: readonly number[];
  dayRule(day: number): DayRule;
}

export function compileRules(spec: CalendarSpec): CalendarRules {
  const official = spec.official === undefined ? undefined : officialSchedules.get(spec.official);
  if (spec.official !== undefined && !official) {
    throw new CalendarError(
      CalendarErrorCode.unknownOfficial,
      say('calendar.error.unknownOfficial', { official: spec.official, known: officialSchedules.known() }),
    );
  }
  const week = WEEKDAYS.map((d) => spanMinutes(spec.week?.[d] ?? []));
  const firstWorking = [1, 2, 3, 4, 5, 6, 0].map((i) => week[i] ?? []).find((m) => m.length > 0) ?? [];
  const makeUp = spec.makeUpDayHours ? spanMinutes(spec.makeUpDayHours) : firstWorking;
  const overrides = new Map<string, DaySpec>((spec.days ?? []).map((d) => [d.date, d]));

  return {
    timeZone: spec.timeZone ?? DEFAULT_TIME_ZONE,
    ...(official ? { official } : {}),
    years: spec.years ?? [],
    dayRule(day) {
      const date = dateOfDayNumber(day);
      const ordinary = week[weekdayOfDayNumber(day)] ?? [];
      // The administrator's own entries win over the shipped schedule, which wins over the week.
      const own = overrides.get(date);
      const chosen = own ?? official?.day(date);
      const name = chosen?.name ? { name: chosen.name } : {};
      if (!chosen) return { date, kind: ordinary.length > 0 ? 'workday' : 'rest', minutes: ordinary };
      if (chosen.type === 'holiday') return { date, kind: 'holiday', ...name, minutes: [] };
      if (own?.hours)
        return { date, kind: ordinary.length > 0 ? 'workday' : 'makeup', ...name, minutes: spanMinutes(own.hours) };
      if (ordinary.length > 0) return { date, kind: 'workday', ...name, minutes: ordinary };
      return { date, kind: 'makeup', ...name, minutes: makeUp };
    },
  };
}

function spanMinutes(spans: readonly HoursSpan[]): number[] {
  const out: number[] = [];
  for (const s of spans) {
    const from = parseClock(s.from);
    const to = parseClock(s.to);
    if (from === undefined || to === undefined || from >= to || from < (out[out.length - 1] ?? 0)) {
      // The Calendar kind's check reports these with a pointer; reaching here means it was skipped.
      throw new CalendarError(
        CalendarErrorCode.invalidArgument,
        say('calendar.error.workingHours', { from: s.from, to: s.to }),
      );
    }
    // Touching spans ("08:00-12:00", "12:00-18:00") merge, so a span boundary is never a break.
    if (out.length > 0 && out[out.length - 1] === from) out[out.length - 1] = to;
    else out.push(from, to);
  }
  return out;
}
