import type Database from 'better-sqlite3';
import type { IdempotencyStore, IdempotentAnswer } from '../../../ports/server-storage.ts';

export function sqliteIdempotency(db: Database.Database): IdempotencyStore {
  const get = db.prepare(
    'SELECT fingerprint, status, body, content_type AS contentType, created_at AS claimedAt FROM sf_idempotency WHERE scope = ? AND key = ?',
  );
  const insert = db.prepare(
    "INSERT OR IGNORE INTO sf_idempotency (scope, key, fingerprint, status, body, content_type, created_at) VALUES (?, ?, ?, 0, '', '', ?)",
  );
  const complete = db.prepare(
    'UPDATE sf_idempotency SET status = ?, body = ?, content_type = ? WHERE scope = ? AND key = ?',
  );
  const release = db.prepare('DELETE FROM sf_idempotency WHERE scope = ? AND key = ? AND status = 0');
  const forgetBefore = db.prepare('DELETE FROM sf_idempotency WHERE created_at < ?');
  return {
    async claim(scope, key, fingerprint, at) {
      if (insert.run(scope, key, fingerprint, at).changes === 1) return null;
      return get.get(scope, key) as IdempotentAnswer;
    },
    async complete(scope, key, answer) {
      complete.run(answer.status, answer.body, answer.contentType, scope, key);
    },
    async release(scope, key) {
      release.run(scope, key);
    },
    async forgetBefore(at) {
      return forgetBefore.run(at).changes;
    },
  };
}
