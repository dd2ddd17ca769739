import type Database from 'better-sqlite3';
import type { SessionRow, SessionStore, UserChange, UserRow, UserStore } from '../../../ports/server-storage.ts';
import { type UserDbRow, userColumnsOf, userOf } from '../../rows/user-rows.ts';

/** better-sqlite3 binds no booleans: flags are written 0/1. */
const bit = (value: boolean) => (value ? 1 : 0);

export function sqliteUsers(db: Database.Database): UserStore {
  const get = db.prepare('SELECT * FROM sf_users WHERE username = ?');
  const list = db.prepare('SELECT * FROM sf_users ORDER BY username');
  const insert =
    db.prepare(`INSERT OR IGNORE INTO sf_users (username, name, password_hash, unit, roles, email, mobile, locale, admin, disabled, must_change_password, created_at, updated_at)
    VALUES (@username, @name, @password_hash, @unit, @roles, @email, @mobile, @locale, @admin, @disabled, @must_change_password, @created_at, @updated_at)`);
  const replace =
    db.prepare(`UPDATE sf_users SET name = @name, password_hash = @password_hash, unit = @unit, roles = @roles, email = @email,
    mobile = @mobile, locale = @locale, admin = @admin, disabled = @disabled, must_change_password = @must_change_password, updated_at = @updated_at WHERE username = @username`);
  return {
    async get(username) {
      const row = get.get(username) as UserDbRow | undefined;
      return row && userOf(row);
    },
    async list() {
      return (list.all() as UserDbRow[]).map(userOf);
    },
    async create(user) {
      return insert.run(userColumnsOf(user, bit)).changes === 1;
    },
    async update(username, change: UserChange, at) {
      const row = get.get(username) as UserDbRow | undefined;
      if (!row) return undefined;
      const next: UserRow = { ...userOf(row), ...change, updatedAt: at };
      replace.run(userColumnsOf(next, bit));
      return next;
    },
  };
}

export function sqliteSessions(db: Database.Database): SessionStore {
  const insert = db.prepare(
    'INSERT INTO sf_sessions (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const get = db.prepare(
    'SELECT token_hash AS tokenHash, username, created_at AS createdAt, expires_at AS expiresAt FROM sf_sessions WHERE token_hash = ?',
  );
  const del = db.prepare('DELETE FROM sf_sessions WHERE token_hash = ?');
  const delOf = db.prepare('DELETE FROM sf_sessions WHERE username = ?');
  const delOfBut = db.prepare('DELETE FROM sf_sessions WHERE username = ? AND token_hash <> ?');
  const delExpired = db.prepare('DELETE FROM sf_sessions WHERE expires_at <= ?');
  return {
    async create(s) {
      insert.run(s.tokenHash, s.username, s.createdAt, s.expiresAt);
    },
    async get(tokenHash) {
      return get.get(tokenHash) as SessionRow | undefined;
    },
    async delete(tokenHash) {
      del.run(tokenHash);
    },
    async deleteOf(username, exceptTokenHash) {
      if (exceptTokenHash === undefined) delOf.run(username);
      else delOfBut.run(username, exceptTokenHash);
    },
    async deleteExpired(now) {
      return delExpired.run(now).changes;
    },
  };
}
