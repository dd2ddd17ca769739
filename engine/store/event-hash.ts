import * as crypto from 'node:crypto';
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
 * can recompute the hash. What is hashed is exactly what is stored as JSON: undefined members
 * (and functions) dropped, undefined array items as null, NaN and ±Infinity as null.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

/**
 * Writes plain data directly (one hash per event makes this hot); anything else (Dates and other
 * objects with toJSON, boxed primitives, Maps) first goes through JSON, as before. Returns
 * undefined where JSON.stringify would drop the value.
 */
function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      // What JSON.stringify writes: the shortest round-trip form, -0 as 0, NaN and ±Infinity as null.
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return writeArray(value);
      if (isPlainObject(value)) return writeObject(value as Record<string, unknown>);
      return viaJson(value);
    default:
      // bigint: JSON.stringify throws, as it always did here.
      return JSON.stringify(value);
  }
}

// Anything JSON.stringify would escape: quotes, backslashes, control characters, lone surrogates.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string; most strings need no escape, and skipping the call is cheaper. */
function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

// Object keys recur from event to event (and V8 keeps their hashes), so their quoted form is
// remembered; the bound only keeps data with ever-new keys from growing it without end.
const quotedKeys = new Map<string, string>();
const MAX_QUOTED_KEYS = 10_000;

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = quote(key);
    if (quotedKeys.size < MAX_QUOTED_KEYS) quotedKeys.set(key, quoted);
  }
  return quoted;
}

function viaJson(value: object): string | undefined {
  const json = JSON.stringify(value);
  return json === undefined ? undefined : write(JSON.parse(json));
}

function writeArray(items: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ',';
    out += write(items[i]) ?? 'null';
  }
  return `${out}]`;
}

function writeObject(
  record: Record<string, unknown>,
  sortedKeys: readonly string[] = Object.keys(record).sort(),
): string {
  let out = '{';
  let first = true;
  for (const key of sortedKeys) {
    const member = write(record[key]);
    if (member === undefined) continue;
    if (first) first = false;
    else out += ',';
    out += quoteKey(key) + ':' + member;
  }
  return `${out}}`;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

// crypto.hash (Node 20.12 and later) hashes in one call, without a Hash object: two per event.
const hashOnce = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export function sha256Hex(text: string): string {
  return hashOnce ? hashOnce('sha256', text, 'hex') : crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The hash of one event: sha256 over the canonical JSON of its recorded fields plus `prevHash`.
 * The fields are listed, not spread, so that a property added to CaseEvent later does not
 * silently change the hash of old events.
 */
export function hashEvent(event: Omit<CaseEvent, 'hash' | 'prevHash'>, prevHash: string): string {
  const fields = {
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
  };
  return sha256Hex(writeObject(fields, EVENT_KEYS));
}

// The listed fields, in canonical order, sorted once rather than for every event.
const EVENT_KEYS: readonly string[] = [
  'caseId',
  'seq',
  'type',
  'actor',
  'actorUnit',
  'at',
  'definitionVersion',
  'data',
  'from',
  'to',
  'effects',
  'prevHash',
].sort();

const DAY_MS = 86_400_000;
// Events come in time order, so most fall on the day of the one before.
let lastDay = { start: 0, end: 0, day: '' };

/** The UTC calendar day of a timestamp, as the day anchors key it. */
export function anchorDayOf(at: number): string {
  if (at >= lastDay.start && at < lastDay.end) return lastDay.day;
  const day = new Date(at).toISOString().slice(0, 10);
  const start = Math.floor(at / DAY_MS) * DAY_MS;
  if (Number.isFinite(start)) lastDay = { start, end: start + DAY_MS, day };
  return day;
}

/** Folds one more event into its day's anchor (the previous anchor of that day, or GENESIS_HASH). */
export function nextDayAnchor(previousAnchor: string, eventHash: string): string {
  return sha256Hex(previousAnchor + eventHash);
}
