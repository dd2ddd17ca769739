import { createHash } from 'node:crypto';
import type { CaseEvent } from '../runtime/case-record.ts';

/**
 * The hashes that make the history tamper-evident (P-7, INFO-5). `audit verify` recomputes them
 * from stored events with these same functions, so any change here is a format change: old
 * databases would no longer verify.
 */

/** prevHash of a case's first event, and the start of each day's anchor. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted (UTF-16 code-unit order) and no whitespace; numbers and strings as
 * JSON.stringify writes them. This is RFC 8785 (JCS) for the values we store, so another language
 * can recompute the hash. The value is first passed through JSON so that what is hashed is
 * exactly what is stored (undefined members dropped, NaN as null).
 */
export function canonicalJson(value: unknown): string {
  return write(JSON.parse(JSON.stringify(value ?? null)) as unknown);
}

function write(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${write(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The hash of one event: sha256 over the canonical JSON of its recorded fields plus `prevHash`.
 * The fields are listed, not spread, so that a property added to CaseEvent later does not
 * silently change the hash of old events.
 */
export function hashEvent(event: Omit<CaseEvent, 'hash' | 'prevHash'>, prevHash: string): string {
  return sha256Hex(
    canonicalJson({
      caseId: event.caseId,
      seq: event.seq,
      type: event.type,
      actor: event.actor,
      actorUnit: event.actorUnit,
      at: event.at,
      definitionVersion: event.definitionVersion,
      data: event.data,
      from: event.from,
      to: event.to,
      effects: event.effects,
      prevHash,
    }),
  );
}

/** The UTC calendar day of a timestamp, as the day anchors key it. */
export function anchorDayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Folds one more event into its day's anchor (the previous anchor of that day, or GENESIS_HASH). */
export function nextDayAnchor(previousAnchor: string, eventHash: string): string {
  return sha256Hex(previousAnchor + eventHash);
}
