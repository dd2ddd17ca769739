import { say, sayIn, type Said } from '../definitions/said.ts';
import type { CalendarSpec } from './calendar-spec.ts';
import { officialSchedules } from './official-schedules.ts';

export interface ScheduleWarning {
  readonly year: number;
  readonly pointer: string;
  readonly code: 'CALENDAR_NO_SCHEDULE';
  /** English, as `validate` prints it; `said`/`saidHint` are the catalogue's words for readers. */
  readonly message: string;
  readonly hint: string;
  readonly said: Said;
  readonly saidHint: Said;
}

/**
 * Years among `years` (typically this year and next, chosen by the caller, which owns the clock)
 * whose holidays nobody has given: no official data and no `spec.years` declaration. Without
 * them those years count only the ordinary week, so holidays would be counted as working days.
 * A calendar that follows no holidays at all (no `official`, `years`, or holiday in `days`) is
 * taken as deliberately holiday-free and draws none.
 */
export function scheduleWarnings(spec: CalendarSpec, years: readonly number[]): ScheduleWarning[] {
  const official = spec.official === undefined ? undefined : officialSchedules.get(spec.official);
  const followsHolidays =
    spec.official !== undefined || spec.years !== undefined || (spec.days ?? []).some((d) => d.type === 'holiday');
  if (!followsHolidays) return [];
  const pointer = spec.official !== undefined ? '/spec/official' : '/spec/years';
  return years
    .filter((year) => !(official?.years.includes(year) ?? false) && !(spec.years ?? []).includes(year))
    .map((year) => {
      const said = official
        ? say('calendar.officialMissingYear', {
            official: spec.official!,
            year,
            first: official.years[0]!,
            last: official.years[official.years.length - 1]!,
          })
        : say('calendar.noHolidays', { year });
      const saidHint = say('calendar.addYear', { year });
      return {
        year,
        pointer,
        code: 'CALENDAR_NO_SCHEDULE' as const,
        message: sayIn(said, 'en'),
        hint: sayIn(saidHint, 'en'),
        said,
        saidHint,
      };
    });
}
