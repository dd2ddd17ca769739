import { openPostgres, type PostgresConnection } from '../adapters/postgres/connection.ts';
import { postgresServerStorage } from '../adapters/postgres/server/open-postgres-server-storage.ts';
import { migratePostgresServer } from '../adapters/postgres/server-migrations.ts';
import { openPostgresStore } from '../adapters/postgres/store/postgres-store.ts';
import type { CaseRecord } from '../engine/runtime/case-record.ts';
import { searchTextOf } from '../engine/store/case-index-fields.ts';
import { projectCase } from '../server/projection/project-case.ts';
import { createServices } from '../server/services.ts';
import type { BenchResult } from './bench-result.ts';
import {
  EVENTS,
  EVENTS_PER_CASE,
  median,
  REPORT_RUNS,
  REPORT_URL,
  reportFiles,
  reportRequest,
  seededCase,
  seededHistory,
  sqliteReportNode,
} from './http-report.ts';

/** Cases written per statement while seeding (their events follow in one INSERT … SELECT). */
const SEED_BATCH = 10_000;

/**
 * `report.monthly.postgres` (issue 17): milliseconds for GET /api/reports/monthly for one unit and
 * month from a server on PostgreSQL holding 1,000,000 events (100,000 cases across three units and
 * a year, the very cases and histories `report.monthly` seeds), against the same request on the
 * SQLite node seeded alike in the same run. Both answer through the app in process (no network),
 * from the projection the server keeps (sf_case_report, indexed by unit and month); the two
 * answers must be identical.
 */
export async function benchMonthlyReportPostgres(dir: string, databaseUrl: string): Promise<BenchResult[]> {
  const sqlite = await sqliteReportNode(dir);
  let sqliteMs: number;
  let sqliteAnswer: string;
  try {
    sqliteAnswer = JSON.stringify(await sqlite.once());
    sqliteMs = await median(sqlite.once, REPORT_RUNS);
  } finally {
    await sqlite.close();
  }

  const conn = await openPostgres(databaseUrl, { applicationName: 'bench report' });
  try {
    const store = await openPostgresStore(conn);
    await migratePostgresServer(conn);
    const storage = postgresServerStorage(conn);
    const services = await createServices({
      store,
      storage,
      initialFiles: reportFiles,
      adminPassword: 'bench-password',
    });
    const started = performance.now();
    const set = services.registry.current();
    await seed(conn, set.version, (record, history) => projectCase(set, record, history, []), storage);
    const seedSeconds = (performance.now() - started) / 1000;
    const sample = await store.history('c00000000');
    if (sample.length !== EVENTS_PER_CASE)
      throw new Error(`seeded history reads ${sample.length} events, not ${EVENTS_PER_CASE}`);
    const once = await reportRequest(services);
    const answer = JSON.stringify(await once());
    if (answer !== sqliteAnswer) throw new Error(`PostgreSQL and SQLite answer ${REPORT_URL} differently`);
    const ms = await median(once, REPORT_RUNS);
    const { cases } = JSON.parse(answer) as { cases: number };
    const { rows } = await conn.query<{ events: string }>('SELECT count(*) AS events FROM events');
    return [
      {
        name: 'report.monthly.postgres',
        value: round(ms),
        unit: 'ms',
        baseline: `the same request on the SQLite node seeded alike, same run: ${round(sqliteMs)} ms (${cases} cases of the unit and month; ${rows[0]!.events} events stored in each, PostgreSQL's seeded in ${round(seedSeconds)} s)`,
        ratio: round(sqliteMs / ms),
      },
    ];
  } finally {
    await conn.close();
  }
}

/**
 * The SQLite bench's cases and histories, written straight into PostgreSQL: each batch's cases in
 * one multi-row INSERT (arrays through unnest), their events in one INSERT … SELECT that expands
 * each case into its history on the server (the same types, times, data, positions and hashes as
 * seededHistory), and their projections as the server writes them.
 */
async function seed(
  conn: PostgresConnection,
  version: string,
  project: (
    record: ReturnType<typeof seededCase>,
    history: ReturnType<typeof seededHistory>,
  ) => ReturnType<typeof projectCase>,
  storage: ReturnType<typeof postgresServerStorage>,
): Promise<void> {
  const cases = Math.ceil(EVENTS / EVENTS_PER_CASE);
  for (let from = 0; from < cases; from += SEED_BATCH) {
    const records: CaseRecord[] = [];
    const projections: ReturnType<typeof projectCase>[] = [];
    for (let i = from; i < Math.min(cases, from + SEED_BATCH); i++) {
      const record = seededCase(i, cases, version);
      records.push(record);
      projections.push(project(record, seededHistory(record, i * EVENTS_PER_CASE)));
    }
    await conn.transaction(async (client) => {
      await client.query('SET LOCAL synchronous_commit = off');
      await client.query(
        `INSERT INTO cases (id, workflow, unit, state, active_states, done, owner, assignee, watchers, customer_user,
                            version, created_at, updated_at, next_deadline, search_text, record, last_hash)
         SELECT id, 'ticket', unit, 'closed', '{closed}', true, 'b1.staff', 'b1.tech', '{}', NULL, $1, created_at,
                created_at + $1 * 60000, NULL, search_text, record, 'h' || (n * $1 + $1)
         FROM unnest($2::int[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[])
           AS t(n, id, unit, created_at, search_text, record)`,
        [
          EVENTS_PER_CASE,
          records.map((_, k) => from + k),
          records.map((r) => r.id),
          records.map((r) => r.unit),
          records.map((r) => r.createdAt),
          records.map((r) => searchTextOf(r)),
          records.map((r) => JSON.stringify(r)),
        ],
      );
      // seededHistory, on the server: create (with the case's data), notes, finish, a minute apart
      await client.query(
        `INSERT INTO events (pos, case_id, seq, type, actor, actor_unit, at, definition_version, data, from_states,
                             to_states, effects, hash, prev_hash)
         SELECT n * $1 + s, id, s, CASE s WHEN 1 THEN 'create' WHEN $1 THEN 'finish' ELSE 'note' END, 'b1.staff', unit,
                created_at + s * 60000, $2, CASE s WHEN 1 THEN (record::json -> 'data')::text ELSE '{}' END, '[]', '[]',
                '[]', 'h' || (n * $1 + s), 'h' || (n * $1 + s - 1)
         FROM unnest($3::int[], $4::text[], $5::text[], $6::bigint[], $7::text[]) AS t(n, id, unit, created_at, record),
              generate_series(1, $1) AS s`,
        [
          EVENTS_PER_CASE,
          version,
          records.map((_, k) => from + k),
          records.map((r) => r.id),
          records.map((r) => r.unit),
          records.map((r) => r.createdAt),
          records.map((r) => JSON.stringify(r)),
        ],
      );
    });
    await storage.projections.put(projections);
  }
  await conn.query('UPDATE event_tail SET pos = $1', [cases * EVENTS_PER_CASE]);
  // What autovacuum would have done by the time anyone asks for a report of a year's cases.
  await conn.query('ANALYZE');
}

const round = (x: number) => Math.round(x * 100) / 100;
