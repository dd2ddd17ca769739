export { runImpact, type ImpactInput, type ImpactProgress } from './run-impact.ts';
export type * from './impact-report.ts';
export type { RecordedCase, RecordedEvent, RecordedPeriod } from './recorded-period.ts';
export { readRecordedPeriod } from './read-recorded-period.ts';
export { formatImpact } from './format-impact.ts';
