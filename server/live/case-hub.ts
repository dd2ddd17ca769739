import type { Scope } from '../access/scope.ts';
import { seesCase } from '../access/scope.ts';
import type { CaseChange } from '../../ports/cluster-bus.ts';

export interface CaseChangeMessage {
  readonly id: string;
  readonly workflow: string;
  readonly version: number;
  readonly state: readonly string[];
  readonly done: boolean;
}

/**
 * Fans commits out to open server-sent-event streams, each seeing only cases in its scope, and
 * tells each person's streams when their inbox changed.
 */
export interface CaseHub {
  subscribe(scope: () => Scope, send: (message: CaseChangeMessage) => void): () => void;
  /** Cases changed on this node or, told through the cluster bus, on another. */
  publish(changed: readonly CaseChange[]): void;
  /** Calls `notify` whenever `username`'s inbox changes (a new in-app notification, read marks). */
  watchInbox(username: string, notify: () => void): () => void;
  inboxChanged(usernames: readonly string[]): void;
  readonly size: number;
}

export function createCaseHub(): CaseHub {
  const subscribers = new Set<{ scope: () => Scope; send: (m: CaseChangeMessage) => void }>();
  const inboxes = new Map<string, Set<() => void>>();
  return {
    watchInbox(username, notify) {
      let own = inboxes.get(username);
      if (!own) inboxes.set(username, (own = new Set()));
      own.add(notify);
      return () => {
        own.delete(notify);
        if (own.size === 0) inboxes.delete(username);
      };
    },
    inboxChanged(usernames) {
      if (inboxes.size === 0) return;
      for (const u of new Set(usernames)) for (const notify of inboxes.get(u) ?? []) notify();
    },
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
          if (seesCase(scope, c))
            s.send({ id: c.id, workflow: c.workflow, version: c.version, state: c.activeStates, done: c.done });
        }
      }
    },
    get size() {
      return subscribers.size;
    },
  };
}
