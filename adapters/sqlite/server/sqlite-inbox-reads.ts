import type Database from 'better-sqlite3';
import type { InboxReadStore } from '../../../ports/server-storage.ts';

/** Read marks of in-app notifications in SQLite (table sf_inbox_reads). */
export function sqliteInboxReads(db: Database.Database): InboxReadStore {
  const mark = db.prepare('INSERT OR IGNORE INTO sf_inbox_reads (username, outbox_id, read_at) VALUES (?, ?, ?)');
  const markAll = db.transaction((username: string, ids: readonly string[], at: number) => {
    for (const id of ids) mark.run(username, id, at);
  });
  return {
    async readOf(username, ids) {
      if (ids.length === 0) return new Set();
      // json_each keeps one statement for any number of ids (no placeholder list to build).
      const rows = db
        .prepare(
          'SELECT outbox_id FROM sf_inbox_reads WHERE username = ? AND outbox_id IN (SELECT value FROM json_each(?))',
        )
        .pluck()
        .all(username, JSON.stringify(ids)) as string[];
      return new Set(rows);
    },
    async markRead(username, ids, at) {
      markAll(username, ids, at);
    },
  };
}
