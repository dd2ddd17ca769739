import type Database from 'better-sqlite3';
import type { ScheduleRunRecord } from '../../../engine/store/store.ts';
import { SCHEDULE_RUN_COLUMNS as COLUMNS, type ScheduleRunRow, scheduleRunOf } from '../../rows/engine-rows.ts';

/** The schedule_runs statements of the SQLite store (migration 3), prepared once when it opens. */
export function prepareScheduleRuns(db: Database.Database) {
  const exists = db.prepare('SELECT 1 FROM schedule_runs WHERE schedule = ? AND period = ? AND unit = ?').pluck();
  const insert = db.prepare(
    `INSERT INTO schedule_runs (${COLUMNS}) VALUES (@schedule, @period, @unit, @runAt, @caseId, @error, @recordedAt)`,
  );
  // Served by schedule_runs_by_time (schedule, run_at, period, unit) without a sort.
  const last = db.prepare(
    `SELECT ${COLUMNS} FROM schedule_runs WHERE schedule = ? ORDER BY run_at DESC, period DESC, unit DESC LIMIT 1`,
  );
  const since = db.prepare(
    `SELECT ${COLUMNS} FROM schedule_runs WHERE schedule = ? AND run_at >= ? ORDER BY run_at, period, unit`,
  );
  return {
    exists: (schedule: string, period: string, unit: string) => exists.get(schedule, period, unit) !== undefined,
    insert: (run: ScheduleRunRecord) => insert.run(run),
    last: (schedule: string) => {
      const row = last.get(schedule) as ScheduleRunRow | undefined;
      return row && scheduleRunOf(row);
    },
    since: (schedule: string, from: number) => (since.all(schedule, from) as ScheduleRunRow[]).map(scheduleRunOf),
  };
}
