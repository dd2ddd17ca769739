import { openStore } from './open-store.ts';

/** What is kept for one draft: the data as typed and when it was last saved. */
export interface Draft<T = unknown> {
  readonly data: T;
  readonly savedAt: string;
}

const STORE = 'drafts';
/** Between the owner and the host's key; no username contains it. */
const SEP = '\u0000';

/**
 * Drafts of forms being filled, by a key the host chooses (e.g. "case-42/complete"), so typing
 * survives a reload, a crash or going offline. Values must be structured-cloneable (plain JSON is).
 *
 * A browser may be shared (a branch's front desk): drafts belong to the user logged in when they
 * were typed. The app names that user with `setOwner` at login; every read and write is then
 * within the owner's drafts, so the next person never sees them, and `clearOwner` removes them at
 * logout. With no owner (a page that embeds forms without logins) keys are used as given.
 */
export function createDrafts(dbName = 'serviceframe-drafts') {
  const db = () => openStore(dbName, STORE);
  let owner: string | undefined;
  const stored = (key: string) => (owner ? `${owner}${SEP}${key}` : key);
  const range = (who: string) => IDBKeyRange.bound(`${who}${SEP}`, `${who}${SEP}\uffff`);
  return {
    setOwner(username: string | undefined): void {
      owner = username || undefined;
    },
    get owner(): string | undefined {
      return owner;
    },
    async save<T>(key: string, data: T): Promise<void> {
      const draft: Draft<T> = { data, savedAt: new Date().toISOString() };
      await (await db()).put(STORE, draft, stored(key));
    },
    async load<T = unknown>(key: string): Promise<Draft<T> | undefined> {
      return (await (await db()).get(STORE, stored(key))) as Draft<T> | undefined;
    },
    async clear(key: string): Promise<void> {
      await (await db()).delete(STORE, stored(key));
    },
    /** How many drafts this user has kept (the logout warning counts them). */
    async countOf(username: string): Promise<number> {
      return (await db()).count(STORE, range(username));
    },
    /** Removes every draft of this user (at logout). */
    async clearOwner(username: string): Promise<void> {
      await (await db()).delete(STORE, range(username));
    },
  };
}

export type Drafts = ReturnType<typeof createDrafts>;

export const drafts = createDrafts();
