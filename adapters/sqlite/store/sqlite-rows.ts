import type { CaseEvent } from '../../../engine/runtime/case-record.ts';
import type { OutboxRecord, ScoreFactRecord, TimerRecord } from '../../../engine/store/store.ts';

/** Rows as better-sqlite3 returns them, and their conversion to records (JSON columns parsed, 0/1 to booleans). */

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
  urgent: number;
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
    urgent: row.urgent === 1,
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
    reason: row.reason,
  };
}
