import type { Definition } from '../definitions/kind.ts';
import type { Localized } from '../localized.ts';
import { DEFAULT_TIME_ZONE, type CalendarSpec } from './calendar-spec.ts';
import { scheduleWarnings } from './schedule-warnings.ts';
import { localYear } from './local-year.ts';

/** A calendar that follows public holidays but has none for a year that is about to be counted. */
export interface CalendarNotice {
  readonly code: 'CALENDAR_NO_SCHEDULE';
  readonly calendar: string;
  readonly calendarTitle?: Localized;
  readonly year: number;
  /** English, as `validate` prints it; readers translate by code, calendar and year. */
  readonly message: string;
  readonly hint: string;
}

/**
 * What administrators must be told now, not only when they run `validate`: the years (this one and
 * the next, in each calendar's own time zone) whose holidays a calendar of the set does not know.
 * Pure: the caller owns the clock.
 */
export function calendarNotices(docs: readonly Definition[], now: number): CalendarNotice[] {
  return docs
    .filter((d) => d.kind === 'Calendar')
    .flatMap((d) => {
      const spec = d.spec as CalendarSpec;
      const year = localYear(now, spec.timeZone ?? DEFAULT_TIME_ZONE);
      return scheduleWarnings(spec, [year, year + 1]).map((w) => ({
        code: w.code,
        calendar: d.metadata.name,
        ...(d.metadata.title !== undefined ? { calendarTitle: d.metadata.title } : {}),
        year: w.year,
        message: `calendar '${d.metadata.name}': ${w.message}`,
        hint: w.hint,
      }));
    });
}
