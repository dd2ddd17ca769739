import { say, sayIn, type Said } from '../definitions/said.ts';
/**
 * A duration as written in definitions. Days (and weeks, 7 days each) stay apart from the clock
 * part because in a business calendar they count working days, whereas h/m/s count working time.
 */
export interface Duration {
  readonly days: number;
  readonly ms: number;
}

export type DurationResult =
  | { readonly ok: true; readonly value: Duration }
  | { readonly ok: false; readonly message: string; readonly said: Said };

const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1_000 } as const;
const PART = /(\d+(?:\.\d+)?)\s*([wdhms])/y;

export function parseDuration(text: string): DurationResult {
  const source = text.trim();
  if (source === '') return fail(text, say('duration.empty'));
  let days = 0;
  let ms = 0;
  const seen = new Set<string>();
  PART.lastIndex = 0;
  while (PART.lastIndex < source.length) {
    const at = PART.lastIndex;
    const match = PART.exec(source);
    if (!match) return fail(text, say('duration.unexpected', { rest: source.slice(at) }));
    const amount = Number(match[1]);
    const unit = match[2] as 'w' | 'd' | 'h' | 'm' | 's';
    if (seen.has(unit)) return fail(text, say('duration.unitTwice', { unit }));
    seen.add(unit);
    if (unit === 'w' || unit === 'd') {
      // Half a working day has no single meaning (half the hours? until lunch?), so we ask for hours.
      if (!Number.isInteger(amount))
        return fail(text, say(unit === 'w' ? 'duration.wholeWeeks' : 'duration.wholeDays', { part: match[0] }));
      days += unit === 'w' ? amount * 7 : amount;
    } else {
      ms += amount * UNIT_MS[unit];
    }
    while (source[PART.lastIndex] === ' ') PART.lastIndex++;
  }
  return { ok: true, value: { days, ms: Math.round(ms) } };
}

function fail(text: string, why: Said): DurationResult {
  const said = say('duration.invalid', { text, why });
  return { ok: false, message: sayIn(said, 'en'), said };
}

/** Compact form such as "1h30m" or "45s"; the inverse of parseDuration for the clock part. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0m';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['h', UNIT_MS.h],
    ['m', UNIT_MS.m],
    ['s', UNIT_MS.s],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  if (rest > 0) parts.push(`${rest}ms`);
  return sign + parts.join('');
}
