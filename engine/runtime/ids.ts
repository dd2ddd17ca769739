import { randomUUID } from 'node:crypto';
import type { IdSource } from './action-context.ts';

/** Counter ids for simulation and tests: the same scenario gives the same ids every run. */
export function counterIds(prefix = ''): IdSource {
  const counters = { case: 0, outbox: 0, fact: 0 };
  const letters = { case: 'C', outbox: 'N', fact: 'F' } as const;
  return {
    next(kind) {
      counters[kind] += 1;
      return `${prefix}${letters[kind]}${String(counters[kind]).padStart(6, '0')}`;
    },
  };
}

/** Production ids: unguessable, so case ids cannot be probed (a case outside one's scope is a 404). */
export function randomIds(): IdSource {
  return {
    next(kind) {
      const id = randomUUID().replace(/-/g, '').slice(0, 20);
      return kind === 'case' ? `c${id}` : kind === 'outbox' ? `n${id}` : `f${id}`;
    },
  };
}
