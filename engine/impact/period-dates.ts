import { createZone } from '../calendar/time-zone.ts';
import type { CompiledSet } from '../runtime/compiled-set.ts';

/** The longest period one replay takes. */
export const MAX_PERIOD_DAYS = 366;

export type PeriodDates =
  | { readonly ok: true; readonly from: number; readonly to: number; readonly timeZone: string }
  | { readonly ok: false; readonly errors: readonly { readonly path: '/from' | '/to'; readonly message: string }[] };

/**
 * `from` and `to` (inclusive) as local dates (YYYY-MM-DD) in the zone of the set's calendar for
 * its root unit, UTC without one: [start of `from`, start of the day after `to`).
 */
export function periodOfDates(from: unknown, to: unknown, set: CompiledSet): PeriodDates {
  const timeZone = set.calendarForUnit(set.org.root)?.timeZone ?? 'UTC';
  const zone = createZone(timeZone);
  const errors: { path: '/from' | '/to'; message: string }[] = [];
  const day = (value: unknown, path: '/from' | '/to'): number | null => {
    const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
    const wall = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
    if (!m || !Number.isFinite(wall) || new Date(wall).toISOString().slice(0, 10) !== value) {
      errors.push({ path, message: 'a date as YYYY-MM-DD, e.g. 2026-11-01' });
      return null;
    }
    return wall;
  };
  const a = day(from, '/from');
  const b = day(to, '/to');
  if (a !== null && b !== null) {
    if (b < a) errors.push({ path: '/to', message: 'on or after from' });
    else if ((b - a) / 86_400_000 + 1 > MAX_PERIOD_DAYS)
      errors.push({ path: '/to', message: `at most ${MAX_PERIOD_DAYS} days after from` });
  }
  if (errors.length || a === null || b === null) return { ok: false, errors };
  return { ok: true, from: zone.wallToEpoch(a), to: zone.wallToEpoch(b + 86_400_000), timeZone };
}
