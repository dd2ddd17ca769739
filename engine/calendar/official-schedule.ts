import type { Localized } from '../localized.ts';

/** One date an official schedule sets apart from the ordinary week. */
export interface OfficialDay {
  /** `workday` is a make-up working day on a date that is normally a rest day. */
  readonly type: 'holiday' | 'workday';
  readonly name?: Localized;
}

/** A government's published holidays, e.g. mainland China's annual State Council notice. */
export interface OfficialSchedule {
  /** English, for hints and explanations. */
  readonly title: string;
  /** Years the data covers completely; other years fall back to the ordinary week. */
  readonly years: readonly number[];
  day(date: string): OfficialDay | undefined;
}
