import type { Locale } from '../../engine/localized.ts';

/** A period as its reader says it: 2026-12 as 2026年12月 or December 2026, a year as 2026年; anything else as it is. */
export function monthName(period: string, locale: Locale): string {
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(period);
  if (!m) return period;
  const at = Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, 1);
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    ...(m[2] ? { month: 'long' } : {}),
    timeZone: 'UTC',
  }).format(at);
}
