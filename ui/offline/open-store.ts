import { openDB, type IDBPDatabase } from 'idb';

/**
 * Opens (once per database name) a database holding one object store. Drafts and the outbox use
 * separate databases so each can change its shape without migrating the other.
 */
const opened = new Map<string, Promise<IDBPDatabase>>();

export function openStore(dbName: string, storeName: string, options: IDBObjectStoreParameters = {}) {
  let db = opened.get(dbName);
  if (!db) {
    db = openDB(dbName, 1, {
      upgrade(database) {
        if (!database.objectStoreNames.contains(storeName)) database.createObjectStore(storeName, options);
      },
      // Another tab deleted or upgraded the database: forget our handle so the next call reopens.
      terminated: () => opened.delete(dbName),
    });
    opened.set(dbName, db);
  }
  return db;
}
