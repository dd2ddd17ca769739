import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readDefinitionFiles } from '../engine/definitions/index.ts';
import type { CaseEvent, CaseRecord } from '../engine/runtime/case-record.ts';
import { openSqliteStore } from '../adapters/sqlite/store/sqlite-store.ts';
import { createApp } from '../server/app.ts';
import { projectCase } from '../server/projection/project-case.ts';
import { monthlyReport } from '../server/reports/monthly-report.ts';
import { createServices, type Services } from '../server/services.ts';
import { openServerStorage } from '../adapters/sqlite/server/open-sqlite-server-storage.ts';
import type { BenchResult } from './bench-result.ts';

export const EVENTS = Number(process.env['BENCH_REPORT_EVENTS'] ?? 1_000_000);
export const EVENTS_PER_CASE = 10;
const UNITS = ['b1', 'b2', 'hq'];
const YEAR_START = Date.parse('2025-01-01T00:00:00+08:00');
const YEAR_MS = 365 * 86_400_000;

/**
 * `report.monthly`: milliseconds for GET /api/reports/monthly for one unit and month over a
 * database of 1,000,000 stored events (100,000 cases across three units and a year), read from the
 * projection the server keeps. Baseline, same run: the same report derived from the event log on
 * request (every case's history of that unit and month read and folded).
 */
export async function benchMonthlyReport(dir: string): Promise<BenchResult[]> {
  const node = await sqliteReportNode(dir);
  try {
    const report = await node.once();
    const derived = await node.fromLog();
    if (derived.cases !== report.cases)
      throw new Error(`projection and event log disagree: ${report.cases} vs ${derived.cases} cases`);
    const projected = await median(node.once, REPORT_RUNS);
    const baseline = await median(node.fromLog, 3);
    return [
      {
        name: 'report.monthly',
        value: round(projected),
        unit: 'ms',
        baseline: `the same report derived from the event log per request: ${round(baseline)} ms (${report.cases} cases of the unit and month, ${EVENTS} events stored)`,
        ratio: round(baseline / projected),
      },
    ];
  } finally {
    await node.close();
  }
}

/** The measured request: the monthly report of one unit and month, as an administrator asks for it. */
export const REPORT_URL = '/api/reports/monthly?unit=b1&month=2025-06';
/** Requests timed per figure (the median counts). */
export const REPORT_RUNS = 15;

export interface ReportNode {
  /** GET REPORT_URL through the app (no network), its answer. */
  once(): Promise<{ cases: number }>;
  /** The same report folded from the event log. */
  fromLog(): Promise<{ cases: number }>;
  close(): Promise<void>;
}

/** A server (the app, in process) on an SQLite file seeded with EVENTS events and their projections. */
export async function sqliteReportNode(dir: string): Promise<ReportNode> {
  const file = join(dir, 'report.sqlite');
  const store = openSqliteStore(file);
  const storage = openServerStorage(file);
  const services = await createServices({ store, storage, initialFiles: reportFiles, adminPassword: 'bench-password' });
  const set = services.registry.current();
  seed(file, set.version, (record, history) => projectCase(set, record, history, []), storage);
  // The baseline folds every case's history: it must read whole ones (a seed the store cannot walk would hollow it out).
  const sample = await store.history('c00000000');
  if (sample.length !== EVENTS_PER_CASE)
    throw new Error(`seeded history reads ${sample.length} events, not ${EVENTS_PER_CASE}`);
  const once = await reportRequest(services);
  const fromLog = async () => {
    const from = Date.parse('2025-06-01T00:00:00+08:00');
    const to = Date.parse('2025-07-01T00:00:00+08:00');
    const rows = [];
    for (let cursor: string | undefined; ;) {
      const page = await store.listCases({ units: ['b1'], limit: 200, ...(cursor ? { cursor } : {}) });
      for (const c of page.items)
        if (c.createdAt >= from && c.createdAt < to)
          rows.push(projectCase(set, c, await store.history(c.id), []).report);
      if (!page.next) break;
      cursor = page.next;
    }
    return monthlyReport(set, rows, 'en');
  };
  return {
    once,
    fromLog,
    async close() {
      await storage.close();
      await store.close();
    },
  };
}

export const reportFiles = () => [
  ...readDefinitionFiles('tests/fixtures/engine'),
  ...readDefinitionFiles('tests/fixtures/server'),
];

/** Logs in as the administrator and returns a function asking for REPORT_URL (its JSON answer). */
export async function reportRequest(services: Services): Promise<() => Promise<{ cases: number }>> {
  const app = createApp(services);
  const login = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'bench-password' }),
  });
  const token = ((await login.json()) as { token: string }).token;
  return async () => {
    const res = await app.request(REPORT_URL, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`report: ${res.status} ${await res.text()}`);
    return (await res.json()) as { cases: number };
  };
}

/** Case `i` of `cases` as seeded: a closed ticket of one of three units, created at its share of the year. */
export function seededCase(i: number, cases: number, version: string): CaseRecord {
  const id = `c${String(i).padStart(8, '0')}`;
  const unit = UNITS[i % UNITS.length]!;
  const createdAt = YEAR_START + Math.floor((i / cases) * YEAR_MS);
  const data = {
    customerName: `Customer ${i}`,
    phone: '13800000009',
    inWarranty: i % 3 === 0,
    visitFee: 100,
    partsFee: i % 50,
    total: 100 + (i % 50),
  };
  return {
    id,
    workflow: 'ticket',
    definitionVersion: version,
    unit,
    owner: 'b1.staff',
    assignee: 'b1.tech',
    watchers: [],
    customerUser: null,
    records: {},
    state: 'closed',
    activeStates: ['closed'],
    done: true,
    data,
    version: EVENTS_PER_CASE,
    createdAt,
    updatedAt: createdAt + EVENTS_PER_CASE * 60_000,
    clocks: {},
    links: [],
  };
}

/** The history of a seeded case whose first event is at position `pos + 1`: create, notes, finish, a minute apart. */
export function seededHistory(record: CaseRecord, pos: number): CaseEvent[] {
  return Array.from({ length: EVENTS_PER_CASE }, (_, k) => {
    const seq = k + 1;
    return {
      caseId: record.id,
      seq,
      type: seq === 1 ? 'create' : seq === EVENTS_PER_CASE ? 'finish' : 'note',
      actor: 'b1.staff',
      actorUnit: record.unit,
      at: record.createdAt + seq * 60_000,
      definitionVersion: record.definitionVersion,
      data: seq === 1 ? record.data : {},
      from: [],
      to: [],
      effects: [],
      hash: `h${pos + seq}`,
      prevHash: `h${pos + seq - 1}`,
    };
  });
}

/** Writes cases and events with prepared statements in one transaction, and their projections. */
function seed(
  file: string,
  version: string,
  project: (record: CaseRecord, history: CaseEvent[]) => ReturnType<typeof projectCase>,
  storage: ReturnType<typeof openServerStorage>,
): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  // As the store writes them: each event links to its case's previous one, the case to its last (history() walks that chain).
  const insertCase =
    db.prepare(`INSERT INTO cases (id, workflow, unit, state, active_states, done, owner, assignee, watchers, customer_user, version, created_at, updated_at, next_deadline, search_text, record, last_pos)
    VALUES (?, 'ticket', ?, '"closed"', '["closed"]', 1, 'b1.staff', 'b1.tech', '[]', NULL, ?, ?, ?, NULL, ?, ?, ?)`);
  const insertEvent =
    db.prepare(`INSERT INTO events (case_id, seq, pos, prev_pos, type, actor, actor_unit, at, definition_version, data, from_states, to_states, effects, hash, prev_hash)
    VALUES (?, ?, ?, ?, ?, 'b1.staff', ?, ?, ?, ?, '[]', '[]', '[]', ?, ?)`);
  const cases = Math.ceil(EVENTS / EVENTS_PER_CASE);
  let pos = 0;
  const batch: ReturnType<typeof projectCase>[] = [];
  const write = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const record = seededCase(i, cases, version);
      insertCase.run(
        record.id,
        record.unit,
        record.version,
        record.createdAt,
        record.updatedAt,
        `${record.id}\ncustomer ${i}`,
        JSON.stringify(record),
        pos + EVENTS_PER_CASE,
      );
      const history = seededHistory(record, pos);
      for (const e of history) {
        insertEvent.run(
          e.caseId,
          e.seq,
          ++pos,
          e.seq === 1 ? null : pos - 1,
          e.type,
          e.actorUnit,
          e.at,
          version,
          JSON.stringify(e.data),
          e.hash,
          e.prevHash,
        );
      }
      batch.push(project(record, history));
    }
  });
  for (let from = 0; from < cases; from += 10_000) {
    write(from, Math.min(cases, from + 10_000));
    void storage.projections.put(batch.splice(0));
  }
  db.close();
}

export async function median(f: () => Promise<unknown>, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const round = (x: number) => Math.round(x * 100) / 100;
