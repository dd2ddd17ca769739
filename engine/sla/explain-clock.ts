import type { BusinessCalendar } from '../calendar/index.ts';
import { formatDuration } from '../calendar/index.ts';

const DAY_MS = 86_400_000;
const QUARTER_MS = 900_000;
const MAX_LISTED_DAYS = 12;
const offsetCaches = new Map<string, { format: Intl.DateTimeFormat; offsets: Map<number, number> }>();

/**
 * "2026-09-30 17:50" in the given time zone. UTC offsets change only on quarter hours, so Intl
 * (slow) is asked once per quarter hour and zone; the rest is arithmetic.
 */
export function formatInstant(t: number, timeZone: string): string {
  let cache = offsetCaches.get(timeZone);
  if (!cache) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    offsetCaches.set(timeZone, (cache = { format, offsets: new Map() }));
  }
  const quarter = Math.floor(t / QUARTER_MS);
  let offset = cache.offsets.get(quarter);
  if (offset === undefined) {
    const p: Record<string, number> = {};
    for (const part of cache.format.formatToParts(quarter * QUARTER_MS))
      if (part.type !== 'literal') p[part.type] = Number(part.value);
    offset = Date.UTC(p['year']!, p['month']! - 1, p['day']!, p['hour']!, p['minute']!) - quarter * QUARTER_MS;
    if (cache.offsets.size > 50_000) cache.offsets.clear();
    cache.offsets.set(quarter, offset);
  }
  return new Date(t + offset).toISOString().slice(0, 16).replace('T', ' ');
}

export function formatSpan(ms: number): string {
  return formatDuration(Math.round(ms / 60_000) * 60_000);
}

/**
 * Days between `a` and `b` that a reader would ask about: days off (weekends, holidays) and
 * make-up working days, as "2026-10-01 holiday (National Day)" (the calendar's words), at most
 * twelve and how many more; null when there are none.
 */
export function skippedDays(calendar: BusinessCalendar, a: number, b: number): { days: string[]; more: number } | null {
  if (b <= a) return null;
  const seen = new Set<string>();
  const listed: string[] = [];
  for (let t = a; ; t = Math.min(t + DAY_MS / 2, b)) {
    const line = calendar.describeDay(t);
    const date = line.slice(0, 10);
    if (!seen.has(date)) {
      seen.add(date);
      if (!calendar.isWorkingDay(t) || line.includes('make-up')) listed.push(line.replace(/, \d\d:\d\d-.*$/, ''));
    }
    if (t >= b) break;
  }
  if (listed.length === 0) return null;
  return { days: listed.slice(0, MAX_LISTED_DAYS), more: Math.max(0, listed.length - MAX_LISTED_DAYS) };
}

/** Years between `a` and `b` (local to the calendar) for which it has no holiday schedule. */
export function unscheduledYears(calendar: BusinessCalendar, a: number, b: number): number[] {
  const year = (t: number) => Number(formatInstant(t, calendar.timeZone).slice(0, 4));
  const out: number[] = [];
  for (let y = year(a); y <= year(Math.max(a, b)); y++) if (!calendar.hasSchedule(y)) out.push(y);
  return out;
}

export function missingScheduleLine(calendar: BusinessCalendar, year: number): string {
  return `calendar '${calendar.name}' has no holiday schedule for ${year}: only its weekly hours and its own days count there, so public holidays of ${year} are not skipped (add them under spec.days and list ${year} in spec.years)`;
}
