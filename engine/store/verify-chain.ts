import type { CaseEvent } from '../runtime/case-record.ts';
import { GENESIS_HASH, hashEvent } from './event-hash.ts';

export interface ChainBreak {
  readonly caseId: string;
  readonly seq: number;
  readonly reason: 'SEQUENCE' | 'PREV_HASH' | 'HASH';
  readonly message: string;
}

/**
 * Checks one case's events, in seq order: seq runs 1, 2, 3…; each prevHash is the previous
 * event's hash (GENESIS_HASH for the first); each hash matches its recomputation. Returns every
 * break found, so an audit can report all of them rather than the first.
 */
export function verifyCaseChain(events: readonly CaseEvent[]): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  let prev = GENESIS_HASH;
  events.forEach((event, index) => {
    const at = { caseId: event.caseId, seq: event.seq };
    if (event.seq !== index + 1) {
      breaks.push({ ...at, reason: 'SEQUENCE', message: `expected seq ${index + 1}, found ${event.seq}` });
    }
    if (event.prevHash !== prev) {
      breaks.push({
        ...at,
        reason: 'PREV_HASH',
        message: `prevHash ${event.prevHash} is not the previous event's hash ${prev}`,
      });
    }
    const recomputed = hashEvent(event, event.prevHash);
    if (recomputed !== event.hash) {
      breaks.push({
        ...at,
        reason: 'HASH',
        message: `stored hash ${event.hash} differs from recomputed ${recomputed}: the event was changed`,
      });
    }
    prev = event.hash;
  });
  return breaks;
}
