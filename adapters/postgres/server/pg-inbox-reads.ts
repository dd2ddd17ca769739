import type { PostgresConnection } from '../connection.ts';
import type { InboxReadStore } from '../../../ports/server-storage.ts';

/** Read marks of in-app notifications in PostgreSQL (table sf_inbox_reads). */
export function postgresInboxReads(db: PostgresConnection): InboxReadStore {
  return {
    async readOf(username, ids) {
      if (ids.length === 0) return new Set();
      const { rows } = await db.query<{ outbox_id: string }>(
        'SELECT outbox_id FROM sf_inbox_reads WHERE username = $1 AND outbox_id = ANY($2::text[])',
        [username, ids],
      );
      return new Set(rows.map((r) => r.outbox_id));
    },
    async markRead(username, ids, at) {
      if (ids.length === 0) return;
      await db.query(
        'INSERT INTO sf_inbox_reads (username, outbox_id, read_at) SELECT $1, id, $3 FROM unnest($2::text[]) AS id ON CONFLICT DO NOTHING',
        [username, ids, at],
      );
    },
  };
}
