/**
 * `serviceframe audit verify` on PostgreSQL: the same audit as on SQLite (engine/store/audit-store.ts:
 * every hash chain, every case against its history, every day anchor), over one snapshot of the
 * database (snapshot.ts), so nodes may keep writing meanwhile. Reads only: a database whose engine
 * schema is behind this code is refused rather than migrated.
 */
import { type AuditReport, auditStore } from '../../engine/store/audit-store.ts';
import { pendingSteps } from '../../engine/store/migration-runner.ts';
import { openPostgres, type PostgresConnection } from './connection.ts';
import { ENGINE_POSTGRES_STEPS, enginePostgresVersionKeeper } from './engine-migrations.ts';
import { openSnapshot, type SnapshotConnection } from './snapshot.ts';
import { postgresStoreOn } from './store/postgres-store.ts';

/** Throws unless the engine's tables exist at exactly this code's version. */
export async function requireCurrentEngineSchema(conn: PostgresConnection): Promise<void> {
  const { rows } = await conn.query<{ t: string | null }>("SELECT to_regclass('migrations')::text AS t");
  if (!rows[0]?.t)
    throw new Error(
      `no Serviceframe database at ${conn.target}: it has no engine tables (start \`serviceframe serve\` on it once, or copy-data into it)`,
    );
  const version = (await conn.query<{ v: number | null }>('SELECT max(version) AS v FROM migrations')).rows[0]?.v ?? 0;
  const pending = pendingSteps(ENGINE_POSTGRES_STEPS, version, enginePostgresVersionKeeper.where);
  if (pending.length > 0)
    throw new Error(
      `the database at ${conn.target} is at engine schema version ${version}, this Serviceframe expects ${ENGINE_POSTGRES_STEPS.length}; start \`serviceframe serve\` on it once to migrate it`,
    );
}

/** Audits the database in `snapshot` (already open). */
export async function auditSnapshot(snapshot: SnapshotConnection): Promise<AuditReport> {
  const store = postgresStoreOn(snapshot, false);
  try {
    return await auditStore(store);
  } finally {
    await store.close();
  }
}

export async function auditPostgres(url: string): Promise<AuditReport> {
  const conn = await openPostgres(url, { max: 2, applicationName: 'serviceframe audit' });
  try {
    await requireCurrentEngineSchema(conn);
    const snapshot = await openSnapshot(conn);
    try {
      return await auditSnapshot(snapshot);
    } finally {
      await snapshot.close();
    }
  } finally {
    await conn.close();
  }
}
