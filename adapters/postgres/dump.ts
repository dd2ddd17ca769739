/**
 * `serviceframe backup` and `restore` on PostgreSQL, through PostgreSQL's own pg_dump and
 * pg_restore (Debian's `postgresql-client` binaries: PG_BIN, else the newest
 * /usr/lib/postgresql/<major>/bin, else the PATH; pg_dump must be at least the server's major).
 *
 * - backup: pg_dump (custom format) dumps exactly the snapshot the audit checks: a REPEATABLE READ
 *   transaction exports its snapshot, pg_dump --snapshot reads it, and `audit verify` runs in that
 *   transaction meanwhile, so the dump is known to verify, while the nodes keep serving.
 * - restore: into an empty database only (create one; stop the nodes first), in one transaction
 *   (pg_restore --single-transaction: a failure leaves it empty), then audited.
 *
 * The password never reaches a command line (other users can read those): it travels in PGPASSWORD.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AuditReport } from '../../engine/store/audit-store.ts';
import { auditPostgres, auditSnapshot, requireCurrentEngineSchema } from './audit.ts';
import { openPostgres } from './connection.ts';
import { openSnapshot } from './snapshot.ts';

const run = promisify(execFile);

/** A PostgreSQL client binary: PG_BIN, else the newest Debian major's, else the name for the PATH. */
export function postgresTool(name: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): string {
  if (env.PG_BIN) return join(env.PG_BIN, name);
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((d) => /^\d+$/.test(d))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const major of majors) if (existsSync(join(root, major, 'bin', name))) return join(root, major, 'bin', name);
  return name;
}

/** The URL without its password, and the password for PGPASSWORD. */
function splitPassword(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

async function tool(name: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const file = postgresTool(name);
  try {
    await run(file, args, { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const e = error as { code?: string; stderr?: string; message: string };
    if (e.code === 'ENOENT')
      throw new Error(
        `${name} is not installed (${file}): install Debian's postgresql-client, or set PG_BIN to the folder holding it`,
      );
    throw new Error(`${name} failed: ${(e.stderr ?? e.message).trim()}`);
  }
}

/** Dumps the database at `url` to `file` (custom format) and returns the audit of the snapshot dumped. */
export async function backupPostgres(url: string, file: string): Promise<AuditReport> {
  const conn = await openPostgres(url, { max: 2, applicationName: 'serviceframe backup' });
  try {
    await requireCurrentEngineSchema(conn);
    const snapshot = await openSnapshot(conn);
    try {
      const id = await snapshot.exportSnapshot();
      const { url: dbname, env } = splitPassword(url);
      const [, report] = await Promise.all([
        tool('pg_dump', ['--format=custom', `--snapshot=${id}`, `--file=${file}`, `--dbname=${dbname}`], env),
        auditSnapshot(snapshot),
      ]);
      return report;
    } finally {
      await snapshot.close();
    }
  } finally {
    await conn.close();
  }
}

/** Restores `file` (a backupPostgres dump) into the empty database at `url`, then audits it. */
export async function restorePostgres(file: string, url: string): Promise<AuditReport> {
  const conn = await openPostgres(url, { max: 1, applicationName: 'serviceframe restore' });
  try {
    const { rows } = await conn.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
    );
    if ((rows[0]?.n ?? 0) > 0)
      throw new Error(
        `the database at ${conn.target} already has tables; restore into a new, empty database (createdb), with every node stopped`,
      );
  } finally {
    await conn.close();
  }
  const { url: dbname, env } = splitPassword(url);
  await tool(
    'pg_restore',
    ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`, file],
    env,
  );
  return auditPostgres(url);
}
