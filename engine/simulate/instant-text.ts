import { formatInstant } from '../sla/explain-clock.ts';

/**
 * An instant as ISO 8601 in a time zone, with its offset ("2026-09-21T10:00:00+08:00"): what a
 * scenario writes, so a failure can be read next to the explanations and pasted back.
 */
export function isoInZone(t: number, timeZone: string): string {
  const local = formatInstant(t, timeZone); // "2026-09-21 10:00", minutes in the zone
  const minute = Math.floor(t / 60_000) * 60_000;
  const offset = Math.round((Date.parse(`${local.replace(' ', 'T')}:00Z`) - minute) / 60_000);
  const rest = t - minute;
  const seconds = `${String(Math.floor(rest / 1000)).padStart(2, '0')}${rest % 1000 ? `.${String(rest % 1000).padStart(3, '0')}` : ''}`;
  const abs = Math.abs(offset);
  const zone =
    offset === 0
      ? 'Z'
      : `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local.replace(' ', 'T')}:${seconds}${zone}`;
}
