import { createZone, type Zone } from '../calendar/time-zone.ts';

/** A wall-clock reading in a time zone: what `clock.*` facts are made of. */
export interface LocalTime {
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly hour: number;
  readonly minute: number;
  /** 1 (Monday) – 7 (Sunday). */
  readonly weekday: number;
}

const QUARTER_MS = 900_000;
// Past these years the arithmetic below is not checked against Intl's way of writing them (eras).
const FIRST_YEAR = 1000;
const LAST_YEAR = 9999;

interface ZoneOffsets {
  readonly zone: Zone;
  /** Offset (ms) by quarter hour since the epoch; null for a quarter in which the offset changes. */
  readonly quarters: Map<number, number | null>;
}
const zones = new Map<string, ZoneOffsets>();

/**
 * The local time of `t` in `timeZone`, as Intl would read it, without asking Intl each time:
 * formatToParts costs microseconds, and every step that reads `clock` facts or renders a
 * notification asks for it (a sixth of an impact replay's CPU went there). UTC offsets are asked
 * once per quarter hour and zone — at both ends, to the second, since a zone's historical local
 * mean time changed at odd instants — and the wall clock is then arithmetic on the instant plus
 * the offset. A quarter in which the offset changes, and years Intl writes with an era, are read
 * through Intl itself, so the answer is always Intl's.
 */
export function localTime(t: number, timeZone: string): LocalTime {
  let z = zones.get(timeZone);
  if (!z) zones.set(timeZone, (z = { zone: createZone(timeZone), quarters: new Map() }));
  const quarter = Math.floor(t / QUARTER_MS);
  let offset = z.quarters.get(quarter);
  if (offset === undefined) {
    const start = quarter * QUARTER_MS;
    const first = z.zone.offsetAt(start);
    offset = first === z.zone.offsetAt(start + QUARTER_MS - 1000) ? first : null;
    if (z.quarters.size > 50_000) z.quarters.clear();
    z.quarters.set(quarter, offset);
  }
  if (offset !== null) {
    const wall = new Date(t + offset);
    const year = wall.getUTCFullYear();
    if (year >= FIRST_YEAR && year <= LAST_YEAR)
      return {
        date: `${year}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`,
        hour: wall.getUTCHours(),
        minute: wall.getUTCMinutes(),
        weekday: ((wall.getUTCDay() + 6) % 7) + 1,
      };
  }
  return intlLocalTime(t, timeZone);
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local time as Intl reads it (as clock facts were always made), for what the arithmetic leaves alone. */
export function intlLocalTime(now: number, timeZone: string): LocalTime {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(now)).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday ?? '') + 1,
  };
}
