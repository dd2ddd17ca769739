import { say } from '../definitions/said.ts';
import { CalendarError, CalendarErrorCode } from './calendar-error.ts';

/**
 * An IANA time zone reduced to what the calendar needs. Intl is slow (microseconds per call), so
 * callers use this only when they build a day's plan, never per addition.
 */
export interface Zone {
  readonly name: string;
  /** Local wall time minus UTC, in ms, at the instant `epoch`. */
  offsetAt(epoch: number): number;
  /**
   * The instant at which local clocks show `wall` (a local time encoded as if it were UTC).
   * A time skipped by a DST jump moves forward by the jump; a repeated time takes its first
   * occurrence (the behaviour Temporal calls "compatible").
   */
  wallToEpoch(wall: number): number;
}

export function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const HOUR = 3_600_000;

export function createZone(name: string): Zone {
  if (!isKnownTimeZone(name)) {
    throw new CalendarError(
      CalendarErrorCode.unknownTimeZone,
      say('calendar.error.unknownTimeZone', { timeZone: name }),
    );
  }
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offsetAt = (epoch: number): number => {
    const p: Record<string, number> = {};
    for (const part of format.formatToParts(epoch)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const wall = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
    return wall - (epoch - (((epoch % 1000) + 1000) % 1000));
  };
  const wallToEpoch = (wall: number): number => {
    // Offsets a day apart bracket any transition; real zones never change twice within two days.
    const before = offsetAt(wall - 24 * HOUR);
    const after = offsetAt(wall + 24 * HOUR);
    if (before === after) return wall - before;
    const early = wall - Math.max(before, after);
    const late = wall - Math.min(before, after);
    if (offsetAt(early) === Math.max(before, after)) return early; // exists, possibly twice: the first
    if (offsetAt(late) === Math.min(before, after)) return late;
    return wall - before; // skipped by a jump forward: read with the old offset, which lands after it
  };
  return { name, offsetAt, wallToEpoch };
}
