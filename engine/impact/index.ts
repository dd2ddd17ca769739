export { runImpact, type ImpactInput, type ImpactProgress } from './run-impact.ts';
export type * from './impact-report.ts';
export type { RecordedCase, RecordedEvent, RecordedPeriod } from './recorded-period.ts';
export { readRecordedPeriod } from './read-recorded-period.ts';
export { formatImpact } from './format-impact.ts';
export { periodOfDates, MAX_PERIOD_DAYS, type PeriodDates } from './period-dates.ts';
export { impactMessage } from './impact-messages.ts';
