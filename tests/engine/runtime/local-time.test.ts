// SPEC CAL (time zones) and the workflow `clock` facts: the local time the engine computes from
// cached UTC offsets reads exactly as Intl reads it, in every zone and at every instant.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intlLocalTime, localTime } from '../../../engine/runtime/local-time.ts';

// Whole-hour, half-hour and 45-minute offsets, DST north and south (Lord Howe by half an hour),
// a zone that skipped a whole day (Apia, 2011-12-30), and Shanghai's local mean time before 1901.
const ZONES = [
  'UTC',
  'Asia/Shanghai',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Pacific/Chatham',
  'Pacific/Apia',
];
const YEAR_MS = 365.25 * 86_400_000;
const at = (iso: string) => Date.parse(iso);

describe('local time from cached offsets', () => {
  it('reads as Intl at random instants from 1890 to 2100 in every zone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Math.round(-80 * YEAR_MS), max: Math.round(130 * YEAR_MS) }),
        (zone, t) => {
          expect(localTime(t, zone)).toEqual(intlLocalTime(t, zone));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('reads as Intl minute by minute across DST changes, a skipped day and the end of local mean time', () => {
    const around: [string, number][] = [
      ['Europe/Berlin', at('2026-03-29T01:00:00Z')],
      ['Europe/Berlin', at('2026-10-25T01:00:00Z')],
      ['America/New_York', at('2026-03-08T07:00:00Z')],
      ['Australia/Lord_Howe', at('2026-04-04T15:00:00Z')],
      ['Australia/Lord_Howe', at('2026-10-03T15:30:00Z')],
      ['Pacific/Apia', at('2011-12-30T10:00:00Z')],
      ['Asia/Shanghai', at('1900-12-31T15:54:17Z')],
    ];
    for (const [zone, t0] of around)
      for (let t = t0 - 3_600_000; t <= t0 + 3_600_000; t += 60_000 - 17)
        expect(localTime(t, zone), `${zone} ${new Date(t).toISOString()}`).toEqual(intlLocalTime(t, zone));
  });

  it('reads 2026-11-01 10:30 in Shanghai as a Sunday morning', () => {
    expect(localTime(at('2026-11-01T02:30:00Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-11-01',
      hour: 10,
      minute: 30,
      weekday: 7,
    });
  });
});
