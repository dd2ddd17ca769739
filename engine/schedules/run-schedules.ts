import { ExpressionError } from '../expressions/index.ts';
import { SYSTEM_ACTOR } from '../runtime/actor.ts';
import type { CompiledSet } from '../runtime/compiled-set.ts';
import type { Engine } from '../runtime/engine.ts';
import { EngineError } from '../runtime/engine-error.ts';
import { evaluateValue } from '../runtime/value.ts';
import { ScheduleRunDoneError } from '../store/store-errors.ts';
import type { ScheduleRunRecord, Store } from '../store/store.ts';
import { schedulesOf, type CompiledSchedule } from './compile-schedule.ts';
import { dueRuns, nextRun } from './due-runs.ts';
import { periodScope } from './period-scope.ts';

export interface RunSchedulesOptions {
  /**
   * When a schedule has never run: the time it counts from (runs due at or after it are made
   * up). Default `now`, i.e. a schedule published today starts with its next run. The simulator
   * passes the scenario's start.
   */
  readonly startedAt?: number;
}

/** The mark a schedule gets when first seen: period and unit '' (see ScheduleRunRecord). */
const startMark = (schedule: string, at: number, now: number): ScheduleRunRecord => ({
  schedule,
  period: '',
  unit: '',
  runAt: at,
  caseId: null,
  error: null,
  recordedAt: now,
});

/**
 * Creates, as the system actor acting for each target unit, the cases of every schedule run due
 * at `now` that is not recorded yet, earliest first. Each case is committed together with the
 * record of its run, so a crash, a restart or a second scheduler never repeats or loses a run:
 * what was recorded is skipped, what was not is done on the next call. A run the definitions
 * refuse (start form, permission, expression) is recorded with its error instead of a case, so it
 * is visible and not retried forever. Returns the runs recorded by this call.
 */
export async function runSchedules(
  engine: Engine,
  set: CompiledSet,
  store: Store,
  now: number,
  options: RunSchedulesOptions = {},
): Promise<ScheduleRunRecord[]> {
  const recorded: ScheduleRunRecord[] = [];
  for (const schedule of schedulesOf(set))
    recorded.push(...(await runSchedule(engine, set, store, schedule, now, options)));
  return recorded;
}

/** The earliest time a schedule of the set has a run due after what is recorded, or null. */
export async function nextScheduleRun(
  set: CompiledSet,
  store: Store,
  options: RunSchedulesOptions & { now: number },
): Promise<number | null> {
  let earliest: number | null = null;
  for (const schedule of schedulesOf(set)) {
    if (schedule.units.length === 0) continue; // nothing would be recorded, so it would stay due
    const last = await store.lastScheduleRun(schedule.name);
    // Runs at the last recorded time are done; from a start that is not recorded yet, they are due.
    const after = last ? last.runAt : (options.startedAt ?? options.now) - 1;
    const run = nextRun(schedule.timing, after);
    if (run && (earliest === null || run.at < earliest)) earliest = run.at;
  }
  return earliest;
}

async function runSchedule(
  engine: Engine,
  set: CompiledSet,
  store: Store,
  schedule: CompiledSchedule,
  now: number,
  options: RunSchedulesOptions,
): Promise<ScheduleRunRecord[]> {
  const last = await store.lastScheduleRun(schedule.name);
  let from = last?.runAt;
  if (from === undefined) {
    from = Math.min(options.startedAt ?? now, now);
    await recordQuietly(store, startMark(schedule.name, from, now));
  }
  // Runs at `from` itself are looked at again: a crash may have left some of their units undone.
  const due = dueRuns(schedule.timing, from - 1, now);
  if (due.length === 0) return [];
  const done = new Set((await store.scheduleRuns(schedule.name, from)).map((r) => `${r.period}\u0000${r.unit}`));
  const recorded: ScheduleRunRecord[] = [];
  for (const run of due) {
    for (const unitName of schedule.units) {
      if (done.has(`${run.period}\u0000${unitName}`)) continue;
      const unit = set.org.unit(unitName)!;
      const record = {
        schedule: schedule.name,
        period: run.period,
        unit: unitName,
        runAt: run.at,
        error: null,
        recordedAt: now,
      };
      try {
        const data = evaluateValue(
          schedule.spec.data ?? {},
          periodScope(run, schedule.timing.zone, unit, schedule.name),
        );
        const created = await engine.createCase({ ...SYSTEM_ACTOR, unit: unitName }, schedule.spec.workflow, data, {
          scheduleRun: record,
        });
        recorded.push({ ...record, caseId: created.id });
      } catch (e) {
        if (e instanceof ScheduleRunDoneError) continue; // another scheduler did this run
        // Anything else is the store failing: the next call retries.
        if (!(e instanceof EngineError || e instanceof ExpressionError)) throw e;
        const failed: ScheduleRunRecord = {
          ...record,
          caseId: null,
          error: `${e.message}${e instanceof EngineError && e.errors.length ? ` (${e.errors.map((x) => `${x.path}: ${x.message}`).join('; ')})` : ''}`,
        };
        if (await recordQuietly(store, failed)) recorded.push(failed);
      }
    }
  }
  return recorded;
}

/** Records a run without a case; false when another scheduler recorded it first. */
async function recordQuietly(store: Store, run: ScheduleRunRecord): Promise<boolean> {
  try {
    await store.commit({
      cases: [],
      events: [],
      timers: { schedule: [], cancel: [] },
      outbox: [],
      scoreFacts: [],
      scheduleRuns: [run],
    });
    return true;
  } catch (e) {
    if (e instanceof ScheduleRunDoneError) return false;
    throw e;
  }
}
