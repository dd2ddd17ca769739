import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readDefinitionFiles } from '../engine/definitions/index.ts';
import type { CaseEvent, CaseRecord } from '../engine/runtime/case-record.ts';
import { openSqliteStore } from '../adapters/sqlite/store/sqlite-store.ts';
import { createApp } from '../server/app.ts';
import { projectCase } from '../server/projection/project-case.ts';
import { monthlyReport } from '../server/reports/monthly-report.ts';
import { createServices } from '../server/services.ts';
import { openServerStorage } from '../adapters/sqlite/server/open-sqlite-server-storage.ts';
import type { BenchResult } from './bench-result.ts';

const EVENTS = Number(process.env['BENCH_REPORT_EVENTS'] ?? 1_000_000);
const EVENTS_PER_CASE = 10;
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
  const file = join(dir, 'report.sqlite');
  const store = openSqliteStore(file);
  const storage = openServerStorage(file);
  const initialFiles = () => [
    ...readDefinitionFiles('tests/fixtures/engine'),
    ...readDefinitionFiles('tests/fixtures/server'),
  ];
  const services = await createServices({ store, storage, initialFiles, adminPassword: 'bench-password' });
  try {
    const set = services.registry.current();
    seed(file, set.version, (record, history) => projectCase(set, record, history, []), storage);
    // The baseline folds every case's history: it must read whole ones (a seed the store cannot walk would hollow it out).
    const sample = await store.history('c00000000');
    if (sample.length !== EVENTS_PER_CASE)
      throw new Error(`seeded history reads ${sample.length} events, not ${EVENTS_PER_CASE}`);
    const app = createApp(services);
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'bench-password' }),
    });
    const token = ((await login.json()) as { token: string }).token;
    const url = '/api/reports/monthly?unit=b1&month=2025-06';
    const once = async () => {
      const res = await app.request(url, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`report: ${res.status} ${await res.text()}`);
      return (await res.json()) as { cases: number };
    };
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
    const report = await once();
    const derived = await fromLog();
    if (derived.cases !== report.cases)
      throw new Error(`projection and event log disagree: ${report.cases} vs ${derived.cases} cases`);
    const projected = await median(once, 15);
    const baseline = await median(fromLog, 3);
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
    await storage.close();
    await store.close();
  }
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
      const record: CaseRecord = {
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
      insertCase.run(
        id,
        unit,
        record.version,
        createdAt,
        record.updatedAt,
        `${id}\ncustomer ${i}`,
        JSON.stringify(record),
        pos + EVENTS_PER_CASE,
      );
      const history: CaseEvent[] = [];
      for (let seq = 1; seq <= EVENTS_PER_CASE; seq++) {
        const type = seq === 1 ? 'create' : seq === EVENTS_PER_CASE ? 'finish' : 'note';
        const at = createdAt + seq * 60_000;
        const e: CaseEvent = {
          caseId: id,
          seq,
          type,
          actor: 'b1.staff',
          actorUnit: unit,
          at,
          definitionVersion: version,
          data: seq === 1 ? data : {},
          from: [],
          to: [],
          effects: [],
          hash: `h${pos}`,
          prevHash: `h${pos - 1}`,
        };
        insertEvent.run(
          id,
          seq,
          ++pos,
          seq === 1 ? null : pos - 1,
          type,
          unit,
          at,
          version,
          JSON.stringify(e.data),
          e.hash,
          e.prevHash,
        );
        history.push(e);
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

async function median(f: () => Promise<unknown>, runs: number): Promise<number> {
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
