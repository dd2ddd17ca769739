import type { CaseLink } from '../runtime/case-record.ts';

/**
 * What an impact replay is given of the past: the cases of a period as they were recorded. Only
 * what a person (or a schedule) did is replayed; what the engine did by itself — timers, SLA
 * thresholds, signals between linked cases, cases started by other cases — is derived again under
 * the rules being replayed, so it is carried here only to tell the two apart.
 */
export interface RecordedCase {
  readonly id: string;
  readonly workflow: string;
  readonly unit: string;
  /** Its human number (BX-2026-00001), when its workflow numbers cases: what a report shows people. */
  readonly number?: string;
  /** The definition version the case ran on (P-3). */
  readonly definitionVersion: string;
  readonly createdAt: number;
  /** The case that started this one (a return visit started by a repair), if any. */
  readonly parent: { readonly caseId: string; readonly name: string } | null;
  readonly links: readonly CaseLink[];
  /** Its history, in order (seq 1 is `create`). */
  readonly events: readonly RecordedEvent[];
}

export interface RecordedEvent {
  readonly seq: number;
  readonly type: string;
  readonly actor: string;
  readonly actorUnit: string | null;
  readonly at: number;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The recorded cases created in [from, to), and the cases they started, whenever those began. */
export interface RecordedPeriod {
  readonly from: number;
  readonly to: number;
  readonly cases: readonly RecordedCase[];
}
