import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type AuditReport, auditStore } from '../engine/store/audit-store.ts';
import { openSqliteStore } from '../adapters/sqlite/store/sqlite-store.ts';

/**
 * Audits a consistent snapshot of `file`: SQLite's online backup copies it (WAL included) to a
 * temporary file, so a server may keep writing while the audit reads, and the audited file itself
 * is opened read-only and never migrated. Throws when `file` is not a database.
 */
export async function auditDatabaseFile(file: string): Promise<AuditReport> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-audit-'));
  try {
    const snapshot = join(dir, 'snapshot.db');
    const source = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(snapshot);
    } finally {
      source.close();
    }
    const store = openSqliteStore(snapshot);
    try {
      return await auditStore(store);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * True when another connection (a running server, another command) has `file` open: in WAL mode
 * every open connection holds a shared lock that keeps an exclusive lock from being taken.
 * Opening and closing cleanly, as the last connection, also folds a leftover WAL into the file.
 */
export function databaseInUse(file: string): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw error;
  } finally {
    db.close();
  }
}

/** The line `audit verify` prints for a report: `ok: …` or the first problem, named. */
export function describeAudit(report: AuditReport): { ok: boolean; lines: string[] } {
  const counts = `${report.events} events, ${report.cases} cases, ${report.days} days`;
  const [first, ...rest] = report.problems;
  if (!first) return { ok: true, lines: [`ok: ${counts}`] };
  const where = first.caseId !== undefined ? `case ${first.caseId}, seq ${first.seq}` : `day ${first.day}`;
  const lines = [`FAIL: first problem at ${where} (${first.code}): ${first.message}`];
  for (const p of rest.slice(0, 20))
    lines.push(
      `  also ${p.caseId !== undefined ? `case ${p.caseId}, seq ${p.seq}` : `day ${p.day}`} (${p.code}): ${p.message}`,
    );
  if (rest.length > 20) lines.push(`  … and ${rest.length - 20} more`);
  lines.push(`checked ${counts}; ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}`);
  return { ok: false, lines };
}
