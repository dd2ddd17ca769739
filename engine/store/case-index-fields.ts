import type { CaseRecord } from '../runtime/case-record.ts';
import { separatedDigits } from './search-variants.ts';

/**
 * Values derived from a case record for querying. The SQLite store keeps them in indexed columns
 * when it writes a case; the memory store computes them when it filters. One definition keeps
 * both stores answering `listCases` alike.
 */

/** The earliest deadline among running clocks: the case is overdue at any time after it. */
export function nextDeadlineOf(record: CaseRecord): number | null {
  let earliest: number | null = null;
  for (const clock of Object.values(record.clocks)) {
    if (clock.status !== 'running' || clock.deadline === null) continue;
    if (earliest === null || clock.deadline < earliest) earliest = clock.deadline;
  }
  return earliest;
}

/**
 * Lower-cased text that free-text search looks in: the case id, its number and every string or number in its
 * data, at any depth, one per line (a phone also as its digits alone, searchVariants) — except data under a seal
 * (TND-7), which must not be findable
 * before the opening: a search that matched it, even one whose page then dropped the case, would
 * tell the searcher what a sealed bid contains. Lower-casing happens here (in JavaScript) because
 * SQLite's lower() folds ASCII letters only.
 */
export function searchTextOf(record: CaseRecord): string {
  const parts: string[] = record.number === undefined ? [record.id] : [record.id, record.number];
  const sealed = record.sealedData;
  if (sealed === undefined) collect(record.data, parts);
  else for (const [key, value] of Object.entries(record.data)) if (!Object.hasOwn(sealed, key)) collect(value, parts);
  return parts.join('\n').toLowerCase();
}

function collect(value: unknown, into: string[]): void {
  if (typeof value === 'string') {
    into.push(value);
    const digits = separatedDigits(value);
    if (digits !== undefined) into.push(digits);
  } else if (typeof value === 'number' && Number.isFinite(value)) into.push(String(value));
  else if (Array.isArray(value)) value.forEach((item) => collect(item, into));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((item) => collect(item, into));
}

/** `state` names an active leaf path or a prefix of one: "handling" matches "handling.hq". */
export function matchesStatePath(activeStates: readonly string[], state: string): boolean {
  return activeStates.some((path) => path === state || path.startsWith(`${state}.`));
}
