// The worklist's dates without an Intl formatter (ui.firstWorklist): formatInstant lays out an
// instant in the browser's own time zone from Date's local fields, and must read exactly as
// Intl.DateTimeFormat reads it in each of the app's languages, across the year, daylight saving
// changes and midnight, in zones east and west of UTC.
import { afterEach, describe, expect, it } from 'vitest';
import { formatInstant, formatLocalInstant } from '../../ui/components/case-format.ts';

const OPTIONS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

// Instants around midnight, daylight saving changes (Europe, America) and the turn of a year.
const INSTANTS = [
  Date.UTC(2026, 0, 5, 3, 7),
  Date.UTC(2026, 2, 8, 6, 59),
  Date.UTC(2026, 2, 8, 7, 1),
  Date.UTC(2026, 2, 29, 0, 30),
  Date.UTC(2026, 2, 29, 1, 30),
  Date.UTC(2026, 9, 25, 0, 59),
  Date.UTC(2026, 11, 31, 15, 59),
  Date.UTC(2026, 11, 31, 16, 0),
  Date.UTC(2026, 11, 31, 23, 59),
  Date.UTC(1999, 6, 1, 12, 0),
  0,
];

const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Auckland'];

describe('formatInstant in the browser zone (ui.firstWorklist)', () => {
  const saved = process.env['TZ'];
  afterEach(() => {
    if (saved === undefined) delete process.env['TZ'];
    else process.env['TZ'] = saved;
  });

  for (const zone of ZONES)
    it(`reads as Intl reads it in zh-CN and en, in ${zone}`, () => {
      process.env['TZ'] = zone;
      for (const locale of ['zh-CN', 'en'] as const) {
        const intl = new Intl.DateTimeFormat(locale, OPTIONS);
        for (const t of INSTANTS) {
          expect(formatLocalInstant(t, locale), `${locale} ${new Date(t).toISOString()} in ${zone}`).toBe(
            intl.format(t),
          );
          expect(formatInstant(t, locale)).toBe(intl.format(t));
          expect(formatInstant(new Date(t).toISOString(), locale)).toBe(intl.format(t));
        }
      }
    });

  it('follows the zone the browser is in', () => {
    const t = Date.UTC(2026, 0, 5, 20, 7);
    process.env['TZ'] = 'Asia/Shanghai';
    expect(formatInstant(t, 'zh-CN')).toBe('2026/01/06 04:07');
    process.env['TZ'] = 'America/New_York';
    expect(formatInstant(t, 'en')).toBe('01/05/2026, 15:07');
  });

  it('still formats in another zone through Intl, and nothing for no instant', () => {
    process.env['TZ'] = 'UTC';
    const t = Date.UTC(2026, 0, 5, 20, 7);
    expect(formatInstant(t, 'zh-CN', 'Asia/Shanghai')).toBe('2026/01/06 04:07');
    expect(formatInstant(t, 'en', 'America/New_York')).toBe('01/05/2026, 15:07');
    expect(formatInstant(null, 'zh-CN')).toBe('');
    expect(formatInstant('not a date', 'en')).toBe('');
  });
});
