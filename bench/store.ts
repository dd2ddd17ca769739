import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../adapters/sqlite/store/sqlite-store.ts';
import type { BenchResult } from './bench-result.ts';

const TIMERS = 1_000_000;
const DUE = 100;
const NOW = Date.UTC(2025, 0, 6, 9, 0, 0);
const DAY = 86_400_000;

/**
 * How long the scheduler's "what is due now?" takes with a million stored timers, 100 of them
 * due: the store's dueTimers (timers_by_due index) against the same query forced to scan the
 * table (no index used), i.e. what a missing or unused index would cost. Both run on one file in
 * the same run and must return the same timers.
 */
export async function benchStore(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serviceframe-bench-store-'));
  try {
    const file = path.join(dir, 'bench.db');
    const store = openSqliteStore(file);
    await store.commit({
      cases: [{ record: benchCase(), expectedVersion: 0 }],
      events: [
        {
          caseId: 'bench',
          seq: 1,
          type: 'create',
          actor: 'bench',
          actorUnit: null,
          at: NOW,
          definitionVersion: 'bench',
          data: {},
          from: [],
          to: ['open'],
          effects: [],
        },
      ],
      timers: { schedule: [], cancel: [] },
      outbox: [],
      scoreFacts: [],
    });
    await store.close();
    fillTimers(file);

    const indexed = openSqliteStore(file);
    const scan = new Database(file, { readonly: true });
    // '+due_at' keeps SQLite from using any index on the column (NOT INDEXED does not stop a
    // secondary index on a WITHOUT ROWID table): a full scan and a sort, as if the index were missing.
    const scanSql = 'SELECT id, case_id, due_at, event FROM timers WHERE +due_at <= ? ORDER BY +due_at, id LIMIT ?';
    if (!JSON.stringify(scan.prepare(`EXPLAIN QUERY PLAN ${scanSql}`).all(NOW, DUE)).includes('SCAN timers'))
      throw new Error('the baseline must scan the whole table');
    const scanStatement = scan.prepare(scanSql);
    const fromIndex = (await indexed.dueTimers(NOW, DUE)).map((t) => t.id);
    const fromScan = (scanStatement.all(NOW, DUE) as { id: string }[]).map((t) => t.id);
    if (fromIndex.length !== DUE || fromIndex.join() !== fromScan.join()) {
      throw new Error(
        `dueTimers returned ${fromIndex.length} timers, the full scan ${fromScan.length}; they must agree on ${DUE}`,
      );
    }
    const indexedMs = await timePerCall(() => indexed.dueTimers(NOW, DUE), 2000);
    const commitMs = await timeCommits(indexed);
    const scanMs = await timePerCall(async () => scanStatement.all(NOW, DUE), 1500);
    await indexed.close();
    scan.close();
    return [
      {
        name: 'scheduler.dueTimers',
        value: round(indexedMs),
        unit: 'ms/call',
        baseline: `full table scan and sort of ${TIMERS} timers, ${round(scanMs)} ms/call`,
        ratio: Math.round(scanMs / indexedMs),
      },
      {
        // No baseline: the figure is the price of durability (synchronous=FULL fsyncs the WAL at each commit) on this disk.
        name: 'store.commit',
        value: round(commitMs),
        unit: 'ms/commit',
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A million timers in one transaction through one prepared statement: DUE are past due, the rest
 * spread over the next 30 days in random order, as SLA thresholds of many open cases would be.
 * synchronous=OFF only for this fill, which is setup and not measured.
 */
function fillTimers(file: string): void {
  const db = new Database(file);
  db.pragma('synchronous = OFF');
  const insert = db.prepare('INSERT INTO timers (id, case_id, due_at, event) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < TIMERS; i += 1) {
      const dueAt =
        i < DUE ? NOW - 1 - Math.floor(Math.random() * DAY) : NOW + 1 + Math.floor(Math.random() * 30 * DAY);
      insert.run(
        `bench:t${i}`,
        'bench',
        dueAt,
        JSON.stringify({ type: 'sla.breach', data: { level: 'breach', n: i } }),
      );
    }
  })();
  db.close();
}

/** One event with its case snapshot and a timer per commit, as the engine writes for a typical step. */
async function timeCommits(store: ReturnType<typeof openSqliteStore>): Promise<number> {
  let version = 1;
  return timePerCall(async () => {
    await store.commit({
      cases: [{ record: { ...benchCase(), version: version + 1, updatedAt: NOW + version }, expectedVersion: version }],
      events: [
        {
          caseId: 'bench',
          seq: version + 1,
          type: 'note',
          actor: 'bench',
          actorUnit: null,
          at: NOW + version,
          definitionVersion: 'bench',
          data: { text: 'called the customer back' },
          from: ['open'],
          to: ['open'],
          effects: [],
        },
      ],
      timers: {
        schedule: [{ id: 'bench:next', caseId: 'bench', dueAt: NOW + DAY, event: { type: 'remind', data: {} } }],
        cancel: [],
      },
      outbox: [],
      scoreFacts: [],
    });
    version += 1;
  }, 1000);
}

/** Mean milliseconds per call, over as many calls as fit in `budgetMs` (at least 5), after one warm-up. */
async function timePerCall(call: () => Promise<unknown>, budgetMs: number): Promise<number> {
  await call();
  let calls = 0;
  const start = performance.now();
  while (calls < 5 || performance.now() - start < budgetMs) {
    await call();
    calls += 1;
  }
  return (performance.now() - start) / calls;
}

function round(ms: number): number {
  return Number(ms.toPrecision(3));
}

function benchCase() {
  return {
    id: 'bench',
    workflow: 'bench',
    definitionVersion: 'bench',
    unit: 'bench',
    owner: null,
    assignee: null,
    watchers: [],
    customerUser: null,
    records: {},
    state: 'open',
    activeStates: ['open'],
    done: false,
    data: {},
    version: 1,
    createdAt: NOW,
    updatedAt: NOW,
    clocks: {},
    links: [],
  };
}
