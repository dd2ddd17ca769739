import { createZone } from '../calendar/time-zone.ts';

/** A scored period: a month ('2026-09') or a year ('2026'), as local time in a time zone. */
export interface ScorePeriod {
  readonly label: string;
  readonly kind: 'month' | 'year';
  readonly year: number;
  /** 1..12 for a month. */
  readonly month: number | null;
  /** [from, to) in epoch ms. */
  readonly from: number;
  readonly to: number;
}

export function parsePeriod(label: string, timeZone: string): ScorePeriod {
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(label);
  if (!m || (m[2] !== undefined && !(Number(m[2]) >= 1 && Number(m[2]) <= 12))) {
    throw new RangeError(`period '${label}' is neither a month (YYYY-MM) nor a year (YYYY)`);
  }
  const zone = createZone(timeZone);
  const year = Number(m[1]);
  const local = (y: number, mo: number) => zone.wallToEpoch(Date.UTC(y, mo - 1, 1));
  if (m[2] === undefined)
    return { label, kind: 'year', year, month: null, from: local(year, 1), to: local(year + 1, 1) };
  const month = Number(m[2]);
  return {
    label,
    kind: 'month',
    year,
    month,
    from: local(year, month),
    to: month === 12 ? local(year + 1, 1) : local(year, month + 1),
  };
}

export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}
