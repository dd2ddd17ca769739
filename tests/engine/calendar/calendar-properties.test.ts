import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCalendar, type CalendarSpec, type HoursSpan } from '../../../engine/calendar/index.ts';
import { referenceCalendar } from '../../../engine/calendar/reference.ts';

const MINUTE = 60_000;
const span = (from: string, to: string): HoursSpan => ({ from, to });
const office = [span('08:30', '12:00'), span('13:30', '18:00')];

// Calendars chosen to hit breaks, nights, midnight, make-up days and DST changes (Berlin and New
// York change at 02:00/03:00 on Sundays, Lord Howe by half an hour).
const calendars: Record<string, CalendarSpec> = {
  standard: { official: 'cn', week: { mon: office, tue: office, wed: office, thu: office, fri: office } },
  berlin: {
    timeZone: 'Europe/Berlin',
    week: {
      sun: [span('01:00', '04:00'), span('10:00', '12:00')],
      mon: [span('00:00', '02:30'), span('09:00', '17:00')],
      wed: [span('09:00', '17:00')],
      fri: [span('09:00', '12:00'), span('12:00', '17:00')],
      sat: [span('02:15', '03:15')],
    },
    days: [
      { date: '2025-12-24', type: 'holiday' },
      { date: '2026-04-04', type: 'workday', hours: [span('02:00', '05:00')] },
    ],
  },
  newYork: {
    timeZone: 'America/New_York',
    week: {
      sun: [span('00:30', '03:00')],
      mon: [span('20:00', '24:00')],
      tue: [span('00:00', '02:00'), span('22:00', '24:00')],
      thu: [span('06:00', '06:01')],
    },
  },
  lordHowe: { timeZone: 'Australia/Lord_Howe', week: { sun: [span('01:00', '03:00')], wed: [span('01:45', '02:45')] } },
};

const from2025 = Date.UTC(2025, 0, 1);
const minutesIn2025And2026 = 2 * 365 * 24 * 60;
const start = fc.integer({ min: 0, max: minutesIn2025And2026 }).map((m) => from2025 + m * MINUTE);
// Mostly short clocks, some up to three days of working time.
const workingMs = fc
  .oneof(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 3 * 24 * 60 }))
  .map((m) => m * MINUTE);
const offset = fc.integer({ min: -10 * 24 * 60, max: 10 * 24 * 60 }).map((m) => m * MINUTE);

describe.each(Object.entries(calendars))('calendar %s against the minute-by-minute reference', (name, spec) => {
  const cal = compileCalendar(name, spec);
  const ref = referenceCalendar(spec);
  const numRuns = name === 'standard' ? 500 : 250;

  it('adds working time', () => {
    fc.assert(
      fc.property(start, workingMs, (t, ms) => {
        expect(cal.addWorkingTime(t, ms)).toBe(ref.addWorkingTime(t, ms));
      }),
      { numRuns },
    );
  });

  it('measures working time between two instants', () => {
    fc.assert(
      fc.property(start, offset, (a, d) => {
        expect(cal.workingTimeBetween(a, a + d)).toBe(ref.workingTimeBetween(a, a + d));
      }),
      { numRuns },
    );
  });

  it('tells working minutes', () => {
    fc.assert(
      fc.property(start, (t) => {
        expect(cal.isWorkingTime(t)).toBe(ref.isWorkingMinute(t));
      }),
      { numRuns: numRuns * 4 },
    );
  });

  it('returns the earliest instant with exactly the working time asked, for any ms', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: from2025, max: from2025 + minutesIn2025And2026 * MINUTE }),
        fc.integer({ min: 1, max: 72 * 3_600_000 }),
        (t, ms) => {
          const end = cal.addWorkingTime(t, ms);
          expect(cal.workingTimeBetween(t, end)).toBe(ms);
          expect(cal.workingTimeBetween(t, end - 1)).toBeLessThan(ms);
        },
      ),
      { numRuns: numRuns * 4 },
    );
  });
});

describe('working days on a calendar whose working days all last 8 hours', () => {
  const cal = compileCalendar('standard', calendars.standard!);

  it('equal 8 working hours each', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 10 }), (t, days) => {
        expect(cal.addWorkingDays(t, days)).toBe(cal.addWorkingTime(t, days * 8 * 3_600_000));
      }),
      { numRuns: 2000 },
    );
  });
});
