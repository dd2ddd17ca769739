import type { Actor } from './actor.ts';
import type { CaseChange } from './decision.ts';
import { EngineError, EngineErrorCode as Code } from './engine-error.ts';

/**
 * The most a case's data may hold, as characters of its JSON: every field and every list
 * (comments, rows, saved forms) together. Each field has its own maximum, but lists grow with every
 * event, and 41 cases of 1 MB each from one customer grew the server by 475 MB.
 */
export const CASE_DATA_MAX = 1024 * 1024;

/**
 * Refuses a decision that leaves a case with more data than CASE_DATA_MAX, when a person sent
 * it (the engine's own steps are bounded by the definitions and must not be refused half way).
 * Pure; counts as it walks and stops at the limit, so a large case costs no more than the limit.
 */
export function checkCaseSize(changes: readonly CaseChange[], actor: Actor, max = CASE_DATA_MAX): void {
  if (actor.system) return;
  for (const { record } of changes) {
    if (jsonLength(record.data, max) > max) {
      const message = `the case would hold more than ${max} characters of data; it keeps what it has (start a new case, or attach long texts as files)`;
      throw new EngineError(Code.invalidData, message, [{ path: '', code: 'caseTooLarge', message }]);
    }
  }
}

/** About the length of JSON.stringify(value), or some number above `max` once it is passed. */
export function jsonLength(value: unknown, max: number): number {
  return addLength(value, 0, max);
}

// One function walking down rather than a closure made per call (checked for every event).
function addLength(v: unknown, total: number, max: number): number {
  if (total > max) return total;
  if (typeof v === 'string') return total + v.length + 2;
  if (v === null || typeof v !== 'object') return total + String(v).length;
  if (Array.isArray(v)) {
    total += 2 + v.length;
    for (const item of v) total = addLength(item, total, max);
    return total;
  }
  total += 2;
  for (const key in v) {
    total += key.length + 4;
    total = addLength((v as Record<string, unknown>)[key], total, max);
  }
  return total;
}
