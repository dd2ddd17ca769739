import type { PostgresConnection } from '../connection.ts';
import type { CaseReportRow, LedgerRow, ProjectionStore } from '../../../ports/server-storage.ts';

type Entry = Parameters<ProjectionStore['put']>[0][number];

interface ReportDbRow {
  case_id: string;
  unit: string;
  month: string;
  workflow: string;
  state: string;
  done: boolean;
  clocks_met: number;
  clocks_breached: number;
  measures: string;
}

// Which cases of the batch this node projects: those whose stored projection is not newer. The
// row lock it takes on each case's sf_projected row is held to COMMIT, so two nodes projecting one
// case write its rows one after the other; REPLACE_SQL runs after it with a snapshot that sees
// what the other node committed meanwhile.
const CLAIM_SQL = `
  INSERT INTO sf_projected (case_id, version) SELECT * FROM unnest($1::text[], $2::int[])
  ON CONFLICT (case_id) DO UPDATE SET version = excluded.version WHERE sf_projected.version <= excluded.version
  RETURNING case_id`;

// The claimed cases' rows replaced in one statement: the deletes first (each insert waits for them
// through its one-time filter on their count, so a case's new rows never meet its old ones under a
// unique key), then the inserts of the rows of the cases given in $1.
const REPLACE_SQL = `
  WITH
  dl AS (DELETE FROM sf_ledger_rows WHERE case_id = ANY($1::text[]) RETURNING 1),
  dr AS (DELETE FROM sf_case_records WHERE case_id = ANY($1::text[]) RETURNING 1),
  dc AS (DELETE FROM sf_case_report WHERE case_id = ANY($1::text[]) RETURNING 1),
  gone AS (SELECT (SELECT count(*) FROM dl) + (SELECT count(*) FROM dr) + (SELECT count(*) FROM dc) AS n),
  il AS (
    INSERT INTO sf_ledger_rows (ledger, case_id, unit, at, row_values)
    SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[])
    WHERE (SELECT n FROM gone) >= 0
    RETURNING 1),
  ir AS (
    INSERT INTO sf_case_records (case_id, name, type, record_id)
    SELECT * FROM unnest($7::text[], $8::text[], $9::text[], $10::text[])
    WHERE (SELECT n FROM gone) >= 0
    RETURNING 1),
  ic AS (
    INSERT INTO sf_case_report (case_id, unit, month, workflow, state, done, clocks_met, clocks_breached, measures)
    SELECT * FROM unnest($11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::boolean[], $17::int[],
                         $18::int[], $19::text[])
    WHERE (SELECT n FROM gone) >= 0
    RETURNING 1)
  SELECT (SELECT count(*) FROM il) + (SELECT count(*) FROM ir) + (SELECT count(*) FROM ic) AS written`;

/**
 * Projections in PostgreSQL. Unlike the SQLite store, nothing about what the rows hold is kept in
 * memory: several nodes project cases into the same tables, so a node's memory of what it wrote
 * last may be behind another node's write. Instead each case's rows are guarded by the version they
 * were projected at — a node projecting an older version of a case than the one stored (it lost a
 * race to a node that committed later) leaves the rows alone. A batch is four round trips whatever
 * its size (BEGIN, CLAIM_SQL, REPLACE_SQL, COMMIT; arrays through unnest): it was seven (the
 * deletes and inserts one statement each), under load a third of the node's round trips.
 */
export function postgresProjections(db: PostgresConnection): ProjectionStore {
  return {
    async put(entries) {
      if (entries.length === 0) return;
      // One entry per case (the latest version), in id order so concurrent batches lock rows alike.
      const latest = new Map<string, Entry>();
      for (const e of entries) if ((latest.get(e.caseId)?.version ?? -1) <= e.version) latest.set(e.caseId, e);
      const batch = [...latest.values()].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
      await db.transaction(async (client) => {
        const claimed = await client.query<{ case_id: string }>({
          name: 'sf_claim_projections',
          text: CLAIM_SQL,
          values: [batch.map((e) => e.caseId), batch.map((e) => e.version)],
        });
        const mine = new Set(claimed.rows.map((r) => r.case_id));
        const writes = batch.filter((e) => mine.has(e.caseId));
        if (writes.length === 0) return;
        const ledger = writes.flatMap((e) => e.ledger);
        const links = writes.flatMap((e) => e.records.map((r) => ({ caseId: e.caseId, ...r })));
        const reports = writes.flatMap((e) => (e.report ? [e.report] : []));
        await client.query({
          name: 'sf_replace_projections',
          text: REPLACE_SQL,
          values: [
            writes.map((e) => e.caseId),
            ledger.map((r) => r.ledger),
            ledger.map((r) => r.caseId),
            ledger.map((r) => r.unit),
            ledger.map((r) => r.at),
            ledger.map((r) => JSON.stringify(r.values)),
            links.map((r) => r.caseId),
            links.map((r) => r.name),
            links.map((r) => r.type),
            links.map((r) => r.id),
            reports.map((r) => r.caseId),
            reports.map((r) => r.unit),
            reports.map((r) => r.month),
            reports.map((r) => r.workflow),
            reports.map((r) => r.state),
            reports.map((r) => r.done),
            reports.map((r) => r.clocksMet),
            reports.map((r) => r.clocksBreached),
            reports.map((r) => JSON.stringify(r.measures)),
          ],
        });
      });
    },
    async flush() {
      // Nothing is kept back: every put is written before it resolves.
    },
    async ledger({ ledger, units, from, to, after, limit }) {
      const values: unknown[] = [ledger, from, to];
      const param = (value: unknown) => {
        values.push(value);
        return `$${values.length}`;
      };
      const unitFilter = units ? `AND unit = ANY(${param(units)}::text[])` : '';
      const afterFilter = after
        ? `AND (unit, at, case_id) > (${param(after.unit)}, ${param(after.at)}, ${param(after.caseId)})`
        : '';
      const limitClause = limit === undefined ? '' : `LIMIT ${param(limit)}`;
      const { rows } = await db.query<{
        ledger: string;
        case_id: string;
        unit: string;
        at: string;
        row_values: string;
      }>(
        `SELECT ledger, case_id, unit, at, row_values FROM sf_ledger_rows
         WHERE ledger = $1 ${unitFilter} AND at >= $2 AND at < $3 ${afterFilter} ORDER BY unit, at, case_id ${limitClause}`,
        values,
      );
      return rows.map((r): LedgerRow => ({
        ledger: r.ledger,
        caseId: r.case_id,
        unit: r.unit,
        at: Number(r.at),
        values: JSON.parse(r.row_values) as Record<string, unknown>,
      }));
    },
    async report({ units, month }) {
      const { rows } = units
        ? await db.query<ReportDbRow>('SELECT * FROM sf_case_report WHERE unit = ANY($1::text[]) AND month = $2', [
            units,
            month,
          ])
        : await db.query<ReportDbRow>('SELECT * FROM sf_case_report WHERE month = $1', [month]);
      return rows.map((r): CaseReportRow => ({
        caseId: r.case_id,
        unit: r.unit,
        month: r.month,
        workflow: r.workflow,
        state: r.state,
        done: r.done,
        clocksMet: r.clocks_met,
        clocksBreached: r.clocks_breached,
        measures: JSON.parse(r.measures) as CaseReportRow['measures'],
      }));
    },
    async casesByState() {
      const { rows } = await db.query<{ workflow: string; state: string; count: number }>(
        'SELECT workflow, state, count(*)::int AS count FROM sf_case_report GROUP BY workflow, state ORDER BY workflow, state',
      );
      return rows;
    },
    async projectedVersions(caseIds) {
      if (caseIds.length === 0) return new Map();
      const { rows } = await db.query<{ case_id: string; version: number }>(
        'SELECT case_id, version FROM sf_projected WHERE case_id = ANY($1::text[])',
        [caseIds],
      );
      return new Map(rows.map((r) => [r.case_id, r.version]));
    },
    async projectedVersion(caseId) {
      const { rows } = await db.query<{ version: number }>('SELECT version FROM sf_projected WHERE case_id = $1', [
        caseId,
      ]);
      return rows[0]?.version;
    },
  };
}
