import type { OutboxRecord, ScoreFactRecord, TimerRecord } from '../store/store.ts';
import type { SignalRequest, UserFactChange } from './action-context.ts';
import type { CaseEvent, CaseRecord } from './case-record.ts';
import type { RecordWrite } from './link-records.ts';

/** One case written by a decision, with the event that changed it. */
export interface CaseChange {
  readonly record: CaseRecord;
  readonly expectedVersion: number;
  readonly event: Omit<CaseEvent, 'hash' | 'prevHash'>;
}

/** Everything a decision wants written, in one transaction. */
export interface Decision {
  /** The case the caller asked about comes first; linked cases it created follow. */
  readonly changes: readonly CaseChange[];
  readonly timers: { readonly schedule: readonly TimerRecord[]; readonly cancel: readonly string[] };
  readonly outbox: readonly OutboxRecord[];
  readonly scoreFacts: readonly ScoreFactRecord[];
  readonly userFacts: readonly UserFactChange[];
  /** Events for other stored cases; applyEvent decides them and writes all in the same commit. */
  readonly signals: readonly SignalRequest[];
  /** Archive records the cases were linked to and that did not exist yet (spec.records with fill). */
  readonly recordWrites: readonly RecordWrite[];
}
