import type { Zone } from '../calendar/time-zone.ts';
import type { Unit } from '../org/organization.ts';
import type { ScheduledRun } from './due-runs.ts';

/**
 * What a Schedule's `data` expressions see: `period` (label, start, end, date, time, year, month,
 * previousMonth, previousYear, runAt, endsAt), `unit` (name, type, title) and `schedule` (its name).
 * Dates are local "YYYY-MM-DD"; runAt and endsAt are ISO date-times with the zone's offset
 * (endsAt: local midnight after the period's last day, e.g. a due time "by the end of the period").
 */
export function periodScope(run: ScheduledRun, zone: Zone, unit: Unit, schedule: string): Record<string, unknown> {
  const [year, month] = run.start.split('-').map(Number) as [number, number];
  const previous = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  const endsAt = zone.wallToEpoch(Date.parse(`${run.end}T00:00:00Z`) + 86_400_000);
  return {
    period: {
      label: run.period,
      start: run.start,
      end: run.end,
      date: run.date,
      time: localIso(run.at, zone).slice(11, 16),
      year,
      month: run.start.slice(0, 7),
      previousMonth: previous,
      previousYear: year - 1,
      runAt: localIso(run.at, zone),
      endsAt: localIso(endsAt, zone),
    },
    unit: { name: unit.name, type: unit.type, title: unit.title },
    schedule: { name: schedule },
  };
}

/** "2026-11-01T09:00:00+08:00": the instant as local clocks in `zone` show it. */
export function localIso(at: number, zone: Zone): string {
  const offset = zone.offsetAt(at);
  const wall = new Date(at + offset).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / 60_000;
  return `${wall}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
