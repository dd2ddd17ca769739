import type { CaseRecord } from '../../engine/runtime/case-record.ts';
import type { Scope } from '../access/scope.ts';
import { seesCase } from '../access/scope.ts';

export interface CaseChangeMessage {
  readonly id: string;
  readonly workflow: string;
  readonly version: number;
  readonly state: readonly string[];
  readonly done: boolean;
}

/** Fans commits out to open server-sent-event streams, each seeing only cases in its scope. */
export interface CaseHub {
  subscribe(scope: () => Scope, send: (message: CaseChangeMessage) => void): () => void;
  publish(changed: readonly CaseRecord[]): void;
  readonly size: number;
}

export function createCaseHub(): CaseHub {
  const subscribers = new Set<{ scope: () => Scope; send: (m: CaseChangeMessage) => void }>();
  return {
    subscribe(scope, send) {
      const entry = { scope, send };
      subscribers.add(entry);
      return () => subscribers.delete(entry);
    },
    publish(changed) {
      if (subscribers.size === 0) return;
      for (const s of subscribers) {
        const scope = s.scope();
        for (const c of changed) {
          if (seesCase(scope, c)) s.send({ id: c.id, workflow: c.workflow, version: c.version, state: c.activeStates, done: c.done });
        }
      }
    },
    get size() {
      return subscribers.size;
    },
  };
}
