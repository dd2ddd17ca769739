import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openServerStorage } from '../../adapters/sqlite/server/open-sqlite-server-storage.ts';
import type { ServerStorage } from '../../ports/server-storage.ts';

let dir: string;
let file: string;
let storage: ServerStorage;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sf-projections-'));
  file = join(dir, 'serviceframe.sqlite');
  storage = openServerStorage(file);
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const entry = (caseId: string, version: number, state = 'open') => ({
  caseId,
  version,
  ledger: [],
  records: [],
  report: {
    caseId,
    unit: 'b1',
    month: '2026-11',
    workflow: 'ticket',
    state,
    done: false,
    clocksMet: 0,
    clocksBreached: 0,
    measures: {},
  },
});

/** The versions on disk, as another connection (a restarted server's catch-up) reads them. */
function onDisk(caseId: string): number | undefined {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT version FROM sf_projected WHERE case_id = ?').pluck().get(caseId) as number | undefined;
  } finally {
    db.close();
  }
}

describe('projected versions', () => {
  it('keeps back a version that moved without any row changing, answers it at once, and writes it at close', async () => {
    // given a case projected at version 1
    await storage.projections.put([entry('c1', 1)]);
    expect(onDisk('c1')).toBe(1);
    // when a note moves it to 2 without changing its rows
    await storage.projections.put([entry('c1', 2)]);
    // then this server knows 2 at once, the file still says 1 (catch-up would project it again)
    expect(await storage.projections.projectedVersion('c1')).toBe(2);
    expect(onDisk('c1')).toBe(1);
    // and closing writes it
    await storage.close();
    expect(onDisk('c1')).toBe(2);
    storage = openServerStorage(file);
  });

  it("writes versions kept back with the next change of any case's rows", async () => {
    // given c1 moved alone to version 2
    await storage.projections.put([entry('c1', 1)]);
    await storage.projections.put([entry('c1', 2)]);
    // when another case's rows change
    await storage.projections.put([entry('c2', 1)]);
    // then c1's version is written with them
    expect(onDisk('c1')).toBe(2);
    expect(onDisk('c2')).toBe(1);
    // and a case whose rows change after moving alone is written with its rows
    await storage.projections.put([entry('c1', 3)]);
    await storage.projections.put([entry('c1', 4, 'closed')]);
    expect(onDisk('c1')).toBe(4);
    expect(await storage.projections.report({ month: '2026-11' })).toContainEqual(
      expect.objectContaining({ caseId: 'c1', state: 'closed' }),
    );
  });
});
