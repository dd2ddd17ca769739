/**
 * Rows as pg returns them from the engine tables (BIGINT already numbers, see connection.ts), and
 * their conversion to the store's records: JSON text columns parsed, as the SQLite store does.
 */
import type { OutboxRecord, ScheduleRunRecord, ScoreFactRecord } from '../../../engine/store/store.ts';

export const EVENT_COLUMNS =
  'case_id, seq, type, actor, actor_unit, at, definition_version, data, from_states, to_states, effects, hash, prev_hash';
export const OUTBOX_COLUMNS =
  'id, case_id, channel, recipient, template, subject, body, urgent, created_at, not_before, status, attempts, last_error, sent_at';
export const TIMER_COLUMNS = 'id, case_id, due_at, event';
export const SCORE_FACT_COLUMNS = 'id, fact, unit, case_id, at, data, reason';
export const SCHEDULE_RUN_COLUMNS = 'schedule, period, unit, run_at, case_id, error, recorded_at';

// Events and timers have the same columns in both databases: one conversion for both.
export { eventOf, timerOf, type EventRow, type TimerRow } from '../../sqlite/store/sqlite-rows.ts';

export interface OutboxRow {
  id: string;
  case_id: string | null;
  channel: string;
  recipient: string;
  template: string;
  subject: string;
  body: string;
  urgent: boolean;
  created_at: number;
  not_before: number;
  status: OutboxRecord['status'];
  attempts: number;
  last_error: string | null;
  sent_at: number | null;
}

export const outboxOf = (row: OutboxRow): OutboxRecord => ({
  id: row.id,
  caseId: row.case_id,
  channel: row.channel,
  recipient: row.recipient,
  template: row.template,
  subject: row.subject,
  body: row.body,
  urgent: row.urgent,
  createdAt: row.created_at,
  notBefore: row.not_before,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  sentAt: row.sent_at,
});

export interface ScoreFactRow {
  id: string;
  fact: string;
  unit: string;
  case_id: string | null;
  at: number;
  data: string;
  reason: string;
}

export const scoreFactOf = (row: ScoreFactRow): ScoreFactRecord => ({
  id: row.id,
  fact: row.fact,
  unit: row.unit,
  caseId: row.case_id,
  at: row.at,
  data: JSON.parse(row.data) as ScoreFactRecord['data'],
  reason: row.reason,
});

export interface ScheduleRunRow {
  schedule: string;
  period: string;
  unit: string;
  run_at: number;
  case_id: string | null;
  error: string | null;
  recorded_at: number;
}

export const scheduleRunOf = (row: ScheduleRunRow): ScheduleRunRecord => ({
  schedule: row.schedule,
  period: row.period,
  unit: row.unit,
  runAt: row.run_at,
  caseId: row.case_id,
  error: row.error,
  recordedAt: row.recorded_at,
});
