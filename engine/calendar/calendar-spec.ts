import type { Localized } from '../localized.ts';

/** The `spec` of a Calendar definition, as it stands after the schema has accepted it. */
export interface CalendarSpec {
  readonly timeZone?: string;
  /** Name of a shipped official schedule (see official-schedules.ts), e.g. "cn". */
  readonly official?: string;
  readonly week?: Partial<Record<Weekday, readonly HoursSpan[]>>;
  /** Hours on the official schedule's make-up working days; defaults to the first working weekday's. */
  readonly makeUpDayHours?: readonly HoursSpan[];
  readonly days?: readonly DaySpec[];
  /** Years whose holidays the administrator declares complete in `days`. */
  readonly years?: readonly number[];
}

/** Local wall-clock times "HH:MM"; `to` may be "24:00" for a span that runs to midnight. */
export interface HoursSpan {
  readonly from: string;
  readonly to: string;
}

export interface DaySpec {
  readonly date: string;
  readonly type: 'holiday' | 'workday';
  readonly name?: Localized;
  readonly hours?: readonly HoursSpan[];
}

/** Index = `Date#getUTCDay()`, so Sunday first. */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
