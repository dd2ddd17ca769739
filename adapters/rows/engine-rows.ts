/**
 * The engine store's rows as both databases return them, and their conversion to the store's
 * records: the tables have the same columns on SQLite and PostgreSQL (adapters/sqlite/store/
 * migrations.ts, adapters/postgres/engine-migrations.ts), JSON is kept as text in both, and only a
 * flag's type differs (column-values.ts). Each adapter keeps its SQL and driver calls; the column
 * lists are spelled out so a later migration that adds a column does not change what they read.
 */
import type { CaseEvent } from '../../engine/runtime/case-record.ts';
import type { OutboxRecord, ScheduleRunRecord, ScoreFactRecord, TimerRecord } from '../../engine/store/store.ts';
import { reasonOfColumn } from '../../engine/store/score-reason.ts';
import { flagOf } from './column-values.ts';

export const EVENT_COLUMNS =
  'case_id, seq, type, actor, actor_unit, at, definition_version, data, from_states, to_states, effects, hash, prev_hash';
export const OUTBOX_COLUMNS =
  'id, case_id, channel, recipient, template, subject, body, urgent, created_at, not_before, status, attempts, last_error, sent_at';
export const TIMER_COLUMNS = 'id, case_id, due_at, event';
export const SCORE_FACT_COLUMNS = 'id, fact, unit, case_id, at, data, reason';
export const SCHEDULE_RUN_COLUMNS = 'schedule, period, unit, run_at, case_id, error, recorded_at';

export interface EventRow {
  case_id: string;
  seq: number;
  type: string;
  actor: string;
  actor_unit: string | null;
  at: number;
  definition_version: string;
  data: string;
  from_states: string;
  to_states: string;
  effects: string;
  hash: string;
  prev_hash: string;
}

export function eventOf(row: EventRow): CaseEvent {
  return {
    caseId: row.case_id,
    seq: row.seq,
    type: row.type,
    actor: row.actor,
    actorUnit: row.actor_unit,
    at: row.at,
    definitionVersion: row.definition_version,
    data: JSON.parse(row.data) as CaseEvent['data'],
    from: JSON.parse(row.from_states) as string[],
    to: JSON.parse(row.to_states) as string[],
    effects: JSON.parse(row.effects) as CaseEvent['effects'],
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}

export interface TimerRow {
  id: string;
  case_id: string;
  due_at: number;
  event: string;
}

export function timerOf(row: TimerRow): TimerRecord {
  return { id: row.id, caseId: row.case_id, dueAt: row.due_at, event: JSON.parse(row.event) as TimerRecord['event'] };
}

export interface OutboxRow {
  id: string;
  case_id: string | null;
  channel: string;
  recipient: string;
  template: string;
  subject: string;
  body: string;
  urgent: number | boolean;
  created_at: number;
  not_before: number;
  status: OutboxRecord['status'];
  attempts: number;
  last_error: string | null;
  sent_at: number | null;
}

export function outboxOf(row: OutboxRow): OutboxRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    channel: row.channel,
    recipient: row.recipient,
    template: row.template,
    subject: row.subject,
    body: row.body,
    urgent: flagOf(row.urgent),
    createdAt: row.created_at,
    notBefore: row.not_before,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    sentAt: row.sent_at,
  };
}

export interface ScoreFactRow {
  id: string;
  fact: string;
  unit: string;
  case_id: string | null;
  at: number;
  data: string;
  reason: string;
}

export function scoreFactOf(row: ScoreFactRow): ScoreFactRecord {
  return {
    id: row.id,
    fact: row.fact,
    unit: row.unit,
    caseId: row.case_id,
    at: row.at,
    data: JSON.parse(row.data) as ScoreFactRecord['data'],
    reason: reasonOfColumn(row.reason),
  };
}

export interface ScheduleRunRow {
  schedule: string;
  period: string;
  unit: string;
  run_at: number;
  case_id: string | null;
  error: string | null;
  recorded_at: number;
}

export function scheduleRunOf(row: ScheduleRunRow): ScheduleRunRecord {
  return {
    schedule: row.schedule,
    period: row.period,
    unit: row.unit,
    runAt: row.run_at,
    caseId: row.case_id,
    error: row.error,
    recordedAt: row.recorded_at,
  };
}
