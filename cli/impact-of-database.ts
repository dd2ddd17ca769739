import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { passesOnThreads } from '../adapters/impact/replay-threads.ts';
import { runImpact, type ImpactProgress, type ImpactReport } from '../engine/impact/index.ts';
import type { CompiledSet } from '../engine/runtime/compiled-set.ts';
import { openSqliteStore } from '../adapters/sqlite/store/sqlite-store.ts';
import { compileFiles } from '../server/definitions/definition-registry.ts';
import { openServerStorage } from '../adapters/sqlite/server/open-sqlite-server-storage.ts';
import { impactInputs } from '../server/impact/impact-inputs.ts';

/**
 * The impact report of `candidate` over [from, to) on an installation's database file, for
 * `serviceframe impact`. The file is opened read-only and copied with SQLite's online backup (a
 * server may keep writing meanwhile); the replay reads the copy, which is deleted afterwards.
 */
export async function impactOfDatabase(
  file: string,
  candidate: CompiledSet,
  from: number,
  to: number,
  onProgress?: (p: ImpactProgress) => void,
): Promise<ImpactReport> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-impact-'));
  try {
    const snapshot = join(dir, 'snapshot.db');
    const source = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(snapshot);
    } finally {
      source.close();
    }
    const store = openSqliteStore(snapshot);
    const storage = openServerStorage(snapshot);
    try {
      const now = Date.now();
      const sets = new Map<string, CompiledSet>();
      for (const row of await storage.versions.distinct()) sets.set(row.version, compileFiles(row.files, now));
      const latest = await storage.versions.latest();
      // A database no version was published to yet has no cases either: the candidate stands in.
      const published = (latest && sets.get(latest.version)) ?? candidate;
      const sources = {
        store,
        users: storage.users,
        records: storage.records,
        published,
        version: (v: string) => sets.get(v),
      };
      const inputs = await impactInputs(sources, candidate, from, to);
      return await runImpact({
        ...inputs,
        every: 5000,
        passes: passesOnThreads,
        ...(onProgress ? { onProgress } : {}),
      });
    } finally {
      await storage.close();
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
