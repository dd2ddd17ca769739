export { compileCalendar, type BusinessCalendar } from './business-calendar.ts';
export { CalendarError, CalendarErrorCode } from './calendar-error.ts';
export { calendarKind } from './calendar-kind.ts';
export { DEFAULT_TIME_ZONE, type CalendarSpec, type DaySpec, type HoursSpan, type Weekday } from './calendar-spec.ts';
export type { DayKind } from './day-rules.ts';
export { formatDuration, parseDuration, type Duration, type DurationResult } from './duration.ts';
export type { OfficialDay, OfficialSchedule } from './official-schedule.ts';
export { officialSchedules } from './official-schedules.ts';
export { scheduleWarnings } from './schedule-warnings.ts';
