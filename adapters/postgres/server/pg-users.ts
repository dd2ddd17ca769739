import { coalescedLookup } from '../coalesced-lookup.ts';
import type { PostgresConnection } from '../connection.ts';
import type { SessionRow, SessionStore, UserChange, UserRow, UserStore } from '../../../ports/server-storage.ts';
import { USER_COLUMN_NAMES, USER_COLUMNS, type UserDbRow, userColumnsOf, userOf } from '../../rows/user-rows.ts';

const valuesOf = (u: UserRow) => {
  const columns = userColumnsOf(u, (flag) => flag);
  return USER_COLUMN_NAMES.map((name) => columns[name]);
};

/** Users in PostgreSQL (table sf_users); the same behaviour as sqliteUsers. */
export function postgresUsers(db: PostgresConnection): UserStore {
  // Every authenticated request reads its user: the reads of concurrent requests go together.
  const byName = coalescedLookup(async (names) => {
    const { rows } = await db.query<UserDbRow>({
      name: 'sf_users_by_name',
      text: 'SELECT * FROM sf_users WHERE username = ANY($1::text[])',
      values: [names],
    });
    return new Map(rows.map((r) => [r.username, userOf(r)]));
  });
  return {
    get: byName,
    async list() {
      const { rows } = await db.query<UserDbRow>('SELECT * FROM sf_users ORDER BY username COLLATE "C"');
      return rows.map(userOf);
    },
    async create(user) {
      const { rowCount } = await db.query(
        `INSERT INTO sf_users (${USER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING`,
        valuesOf(user),
      );
      return rowCount === 1;
    },
    async update(username, change: UserChange, at) {
      // One statement per field given: two nodes changing different fields of one user both stand.
      const sets: string[] = [];
      const values: unknown[] = [username];
      const set = (column: string, value: unknown) => {
        values.push(value);
        sets.push(`${column} = $${values.length}`);
      };
      if (change.name !== undefined) set('name', change.name);
      if (change.passwordHash !== undefined) set('password_hash', change.passwordHash);
      if (change.unit !== undefined) set('unit', change.unit);
      if (change.roles !== undefined) set('roles', JSON.stringify(change.roles));
      if (change.email !== undefined) set('email', change.email);
      if (change.mobile !== undefined) set('mobile', change.mobile);
      if (change.locale !== undefined) set('locale', change.locale);
      if (change.admin !== undefined) set('admin', change.admin);
      if (change.disabled !== undefined) set('disabled', change.disabled);
      if (change.mustChangePassword !== undefined) set('must_change_password', change.mustChangePassword);
      set('updated_at', at);
      const { rows } = await db.query<UserDbRow>(
        `UPDATE sf_users SET ${sets.join(', ')} WHERE username = $1 RETURNING *`,
        values,
      );
      return rows[0] && userOf(rows[0]);
    },
  };
}

interface SessionDbRow {
  token_hash: string;
  username: string;
  created_at: string;
  expires_at: string;
}

/** Sessions in PostgreSQL (table sf_sessions): every node reads the same logins. */
export function postgresSessions(db: PostgresConnection): SessionStore {
  // Every authenticated request reads its session: the reads of concurrent requests go together.
  const byHash = coalescedLookup(async (hashes) => {
    const { rows } = await db.query<SessionDbRow>({
      name: 'sf_sessions_by_hash',
      text: 'SELECT * FROM sf_sessions WHERE token_hash = ANY($1::text[])',
      values: [hashes],
    });
    return new Map(
      rows.map((r) => [
        r.token_hash,
        {
          tokenHash: r.token_hash,
          username: r.username,
          createdAt: Number(r.created_at),
          expiresAt: Number(r.expires_at),
        } satisfies SessionRow,
      ]),
    );
  });
  return {
    async create(s) {
      await db.query('INSERT INTO sf_sessions (token_hash, username, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
        s.tokenHash,
        s.username,
        s.createdAt,
        s.expiresAt,
      ]);
    },
    get: byHash,
    async delete(tokenHash) {
      await db.query('DELETE FROM sf_sessions WHERE token_hash = $1', [tokenHash]);
    },
    async deleteOf(username, exceptTokenHash) {
      if (exceptTokenHash === undefined) await db.query('DELETE FROM sf_sessions WHERE username = $1', [username]);
      else
        await db.query('DELETE FROM sf_sessions WHERE username = $1 AND token_hash <> $2', [username, exceptTokenHash]);
    },
    async deleteExpired(now) {
      const { rowCount } = await db.query('DELETE FROM sf_sessions WHERE expires_at <= $1', [now]);
      return rowCount ?? 0;
    },
  };
}
