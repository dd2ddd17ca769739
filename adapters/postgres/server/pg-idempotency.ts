import type { PostgresConnection } from '../connection.ts';
import type { IdempotencyStore, IdempotentAnswer } from '../../../ports/server-storage.ts';

interface Row {
  fingerprint: string;
  status: number;
  body: string;
  content_type: string;
  created_at: string;
}

/** Idempotency keys in PostgreSQL (table sf_idempotency): a key claimed on one node is claimed on all. */
export function postgresIdempotency(db: PostgresConnection): IdempotencyStore {
  return {
    async claim(scope, key, fingerprint, at) {
      // The claim and the read are two statements: a claim released between them is claimed again.
      for (;;) {
        const inserted = await db.query(
          "INSERT INTO sf_idempotency (scope, key, fingerprint, status, body, content_type, created_at) VALUES ($1, $2, $3, 0, '', '', $4) ON CONFLICT DO NOTHING",
          [scope, key, fingerprint, at],
        );
        if (inserted.rowCount === 1) return null;
        const { rows } = await db.query<Row>(
          'SELECT fingerprint, status, body, content_type, created_at FROM sf_idempotency WHERE scope = $1 AND key = $2',
          [scope, key],
        );
        const r = rows[0];
        if (r)
          return {
            fingerprint: r.fingerprint,
            status: r.status,
            body: r.body,
            contentType: r.content_type,
            claimedAt: Number(r.created_at),
          } satisfies IdempotentAnswer;
      }
    },
    async complete(scope, key, answer) {
      await db.query(
        'UPDATE sf_idempotency SET status = $1, body = $2, content_type = $3 WHERE scope = $4 AND key = $5',
        [answer.status, answer.body, answer.contentType, scope, key],
      );
    },
    async release(scope, key) {
      await db.query('DELETE FROM sf_idempotency WHERE scope = $1 AND key = $2 AND status = 0', [scope, key]);
    },
    async forgetBefore(at) {
      const { rowCount } = await db.query('DELETE FROM sf_idempotency WHERE created_at < $1', [at]);
      return rowCount ?? 0;
    },
  };
}
