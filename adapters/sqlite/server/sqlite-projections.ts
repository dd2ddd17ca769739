import type Database from 'better-sqlite3';
import type { CaseReportRow, LedgerRow, ProjectionStore } from '../../../ports/server-storage.ts';

type Entry = Parameters<ProjectionStore['put']>[0][number];

/** How long, and for how many cases, a projected version that moved alone may wait to be written. */
const VERSIONS_WAIT_MS = 1000;
const VERSIONS_MAX = 5000;

export function sqliteProjections(db: Database.Database): ProjectionStore {
  const q = {
    projected: db.prepare(
      'INSERT INTO sf_projected (case_id, version) VALUES (?, ?) ON CONFLICT (case_id) DO UPDATE SET version = excluded.version',
    ),
    version: db.prepare('SELECT version FROM sf_projected WHERE case_id = ?').pluck(),
    byState: db.prepare(
      'SELECT workflow, state, count(*) AS count FROM sf_case_report GROUP BY workflow, state ORDER BY workflow, state',
    ),
    dropLedger: db.prepare('DELETE FROM sf_ledger_rows WHERE case_id = ?'),
    putLedger: db.prepare('INSERT INTO sf_ledger_rows (ledger, case_id, unit, at, row_values) VALUES (?, ?, ?, ?, ?)'),
    dropRecords: db.prepare('DELETE FROM sf_case_records WHERE case_id = ?'),
    putRecord: db.prepare('INSERT INTO sf_case_records (case_id, name, type, record_id) VALUES (?, ?, ?, ?)'),
    dropReport: db.prepare('DELETE FROM sf_case_report WHERE case_id = ?'),
    putReport:
      db.prepare(`INSERT INTO sf_case_report (case_id, unit, month, workflow, state, done, clocks_met, clocks_breached, measures)
      VALUES (@caseId, @unit, @month, @workflow, @state, @done, @clocksMet, @clocksBreached, @measures)`),
  };
  const dynamic = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let s = dynamic.get(sql);
    if (!s) dynamic.set(sql, (s = db.prepare(sql)));
    return s;
  };
  // What each case's rows hold, as last written by this connection: most events change none of
  // them (a note, an assignment), and then only the projected version moves. Only put writes these
  // tables, so this is never behind them; kept for the most recently projected cases.
  const written = new Map<string, string>();
  // Versions that moved without any row changing, not yet written. The projected version only tells
  // the start-up catch-up which cases to project again, so these wait for the next transaction that
  // writes rows, for the oldest to be VERSIONS_WAIT_MS old, or for flush (at close): a crash before
  // then has catch-up project those cases again, which changes nothing in their rows, as after a
  // crash between a commit and its projection. Until written, projectedVersion answers from here.
  const moved = new Map<string, number>();
  let movedSince = 0;
  const put = db.transaction((entries: readonly Entry[], contents: readonly string[]) => {
    entries.forEach((e, i) => {
      q.dropLedger.run(e.caseId);
      for (const row of e.ledger) q.putLedger.run(row.ledger, row.caseId, row.unit, row.at, JSON.stringify(row.values));
      q.dropRecords.run(e.caseId);
      for (const r of e.records) q.putRecord.run(e.caseId, r.name, r.type, r.id);
      q.dropReport.run(e.caseId);
      if (e.report)
        q.putReport.run({ ...e.report, done: e.report.done ? 1 : 0, measures: JSON.stringify(e.report.measures) });
      q.projected.run(e.caseId, e.version);
      moved.delete(e.caseId);
      written.delete(e.caseId);
      if (written.size >= 10_000) written.delete(written.keys().next().value as string);
      written.set(e.caseId, contents[i]!);
    });
    for (const [caseId, version] of moved) q.projected.run(caseId, version);
  });
  const writeRows = (entries: readonly Entry[], contents: readonly string[]) => {
    try {
      put.immediate(entries, contents);
      moved.clear();
    } catch (error) {
      // Rolled back: what the rows hold is no longer known for these cases.
      for (const e of entries) written.delete(e.caseId);
      throw error;
    }
  };
  return {
    async put(entries) {
      const changed: Entry[] = [];
      const contents: string[] = [];
      for (const e of entries) {
        const content = JSON.stringify([e.ledger, e.records, e.report]);
        if (written.get(e.caseId) === content) {
          if (moved.size === 0) movedSince = Date.now();
          moved.set(e.caseId, e.version);
        } else {
          changed.push(e);
          contents.push(content);
        }
      }
      if (changed.length || (moved.size && (moved.size >= VERSIONS_MAX || Date.now() - movedSince >= VERSIONS_WAIT_MS)))
        writeRows(changed, contents);
    },
    async flush() {
      if (moved.size) writeRows([], []);
    },
    async ledger({ ledger, units, from, to, after, limit }) {
      const unitFilter = units ? 'AND unit IN (SELECT value FROM json_each(@units))' : '';
      const afterFilter = after ? 'AND (unit, at, case_id) > (@afterUnit, @afterAt, @afterCase)' : '';
      const sql = `SELECT ledger, case_id AS caseId, unit, at, row_values AS vals FROM sf_ledger_rows
        WHERE ledger = @ledger ${unitFilter} AND at >= @from AND at < @to ${afterFilter} ORDER BY unit, at, case_id${limit === undefined ? '' : ' LIMIT @limit'}`;
      const params = {
        ledger,
        from,
        to,
        ...(units ? { units: JSON.stringify(units) } : {}),
        ...(after ? { afterUnit: after.unit, afterAt: after.at, afterCase: after.caseId } : {}),
        ...(limit === undefined ? {} : { limit }),
      };
      const rows = prepared(sql).all(params) as (Omit<LedgerRow, 'values'> & { vals: string })[];
      return rows.map(({ vals, ...r }) => ({ ...r, values: JSON.parse(vals) as Record<string, unknown> }));
    },
    async report({ units, month }) {
      // One unit (the usual report) reads sf_case_report_by_unit directly; several go through json_each.
      const sql = !units
        ? 'SELECT * FROM sf_case_report WHERE month = @month'
        : units.length === 1
          ? 'SELECT * FROM sf_case_report WHERE unit = @unit AND month = @month'
          : 'SELECT * FROM sf_case_report WHERE unit IN (SELECT value FROM json_each(@units)) AND month = @month';
      const params = {
        month,
        ...(units?.length === 1 ? { unit: units[0] } : units ? { units: JSON.stringify(units) } : {}),
      };
      const rows = prepared(sql).all(params) as Record<string, unknown>[];
      return rows.map((r): CaseReportRow => ({
        caseId: r.case_id as string,
        unit: r.unit as string,
        month: r.month as string,
        workflow: r.workflow as string,
        state: r.state as string,
        done: r.done === 1,
        clocksMet: r.clocks_met as number,
        clocksBreached: r.clocks_breached as number,
        measures: JSON.parse(r.measures as string) as CaseReportRow['measures'],
      }));
    },
    async casesByState() {
      return q.byState.all() as { workflow: string; state: string; count: number }[];
    },
    async projectedVersion(caseId) {
      return moved.get(caseId) ?? (q.version.get(caseId) as number | undefined);
    },
    async projectedVersions(caseIds) {
      const out = new Map<string, number>();
      for (const id of caseIds) {
        const version = moved.get(id) ?? (q.version.get(id) as number | undefined);
        if (version !== undefined) out.set(id, version);
      }
      return out;
    },
  };
}
