import { openStore } from './open-store.ts';

/** What is kept for one draft: the data as typed and when it was last saved. */
export interface Draft<T = unknown> {
  readonly data: T;
  readonly savedAt: string;
}

const STORE = 'drafts';

/**
 * Drafts of forms being filled, by a key the host chooses (e.g. "case-42/complete"), so typing
 * survives a reload, a crash or going offline. Values must be structured-cloneable (plain JSON is).
 */
export function createDrafts(dbName = 'serviceframe-drafts') {
  const db = () => openStore(dbName, STORE);
  return {
    async save<T>(key: string, data: T): Promise<void> {
      const draft: Draft<T> = { data, savedAt: new Date().toISOString() };
      await (await db()).put(STORE, draft, key);
    },
    async load<T = unknown>(key: string): Promise<Draft<T> | undefined> {
      return (await (await db()).get(STORE, key)) as Draft<T> | undefined;
    },
    async clear(key: string): Promise<void> {
      await (await db()).delete(STORE, key);
    },
  };
}

export type Drafts = ReturnType<typeof createDrafts>;

export const drafts = createDrafts();
