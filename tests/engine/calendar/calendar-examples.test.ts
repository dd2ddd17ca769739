import { describe, expect, it } from 'vitest';
import {
  CalendarError,
  compileCalendar,
  parseDuration,
  type CalendarSpec,
  type HoursSpan,
} from '../../../engine/calendar/index.ts';

const office: HoursSpan[] = [
  { from: '08:30', to: '12:00' },
  { from: '13:30', to: '18:00' },
];
const standard: CalendarSpec = {
  official: 'cn',
  week: { mon: office, tue: office, wed: office, thu: office, fri: office },
};
const cal = compileCalendar('standard', standard);
const HOUR = 3_600_000;

// Shanghai wall time <-> epoch ms, written out so the tests do not lean on the code under test.
const at = (local: string): number => Date.parse(`${local}:00+08:00`);
const local = (t: number): string => new Date(t + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');

describe('working time on the standard calendar (official: cn)', () => {
  it('carries a report at 17:50 before National Day over the whole holiday (NORM-5)', () => {
    // given a complaint at 17:50 on Wednesday 2026-09-30; 2026-10-01..07 are holidays
    // when the 1-hour feedback clock runs
    // then 10 minutes count today and 50 minutes on Thursday 2026-10-08
    expect(local(cal.addWorkingTime(at('2026-09-30T17:50'), HOUR))).toBe('2026-10-08 09:20');
  });

  it('starts counting at the next working instant for an 18:05 arrival', () => {
    // given an inquiry at 18:05 on Friday 2026-09-11, after hours
    expect(local(cal.addWorkingTime(at('2026-09-11T18:05'), HOUR))).toBe('2026-09-14 09:30');
  });

  it('skips the lunch break', () => {
    expect(local(cal.addWorkingTime(at('2026-09-14T11:30'), HOUR))).toBe('2026-09-14 14:00');
    expect(cal.isWorkingTime(at('2026-09-14T12:00'))).toBe(false);
    expect(cal.isWorkingTime(at('2026-09-14T11:59'))).toBe(true);
  });

  it('ends at the end of a span rather than after the break that follows it', () => {
    expect(local(cal.addWorkingTime(at('2026-09-14T11:00'), HOUR))).toBe('2026-09-14 12:00');
  });

  it('works the official make-up Sunday 2026-09-20 and Saturday 2026-10-10', () => {
    expect(cal.isWorkingDay(at('2026-09-20T10:00'))).toBe(true);
    expect(cal.isWorkingDay(at('2026-09-19T10:00'))).toBe(false);
    expect(local(cal.addWorkingTime(at('2026-09-19T10:00'), HOUR))).toBe('2026-09-20 09:30');
    expect(local(cal.addWorkingTime(at('2026-10-09T17:30'), HOUR))).toBe('2026-10-10 09:00');
  });

  it('counts 24 working hours as three working days across a weekend (NORM-4 in working time)', () => {
    expect(local(cal.addWorkingTime(at('2026-09-11T10:00'), 24 * HOUR))).toBe('2026-09-16 10:00');
  });

  it('measures working time between instants, negative backwards', () => {
    expect(cal.workingTimeBetween(at('2026-09-11T17:00'), at('2026-09-14T09:30'))).toBe(2 * HOUR);
    expect(cal.workingTimeBetween(at('2026-09-14T09:30'), at('2026-09-11T17:00'))).toBe(-2 * HOUR);
    expect(cal.workingTimeBetween(at('2026-09-30T00:00'), at('2026-10-09T00:00'))).toBe(16 * HOUR);
  });

  it('finds the next working instant', () => {
    expect(local(cal.nextWorkingTime(at('2026-10-01T09:00')))).toBe('2026-10-08 08:30');
    expect(cal.nextWorkingTime(at('2026-09-30T09:00'))).toBe(at('2026-09-30T09:00'));
  });

  it('explains days in English', () => {
    expect(cal.describeDay(at('2026-10-01T10:00'))).toBe('2026-10-01 holiday (National Day)');
    expect(cal.describeDay(at('2026-09-20T10:00'))).toBe(
      '2026-09-20 make-up working day (National Day), 08:30-12:00, 13:30-18:00',
    );
    expect(cal.describeDay(at('2026-09-19T10:00'))).toBe('2026-09-19 rest day');
    expect(cal.describeDay(at('2026-09-30T23:59'))).toBe('2026-09-30 working day, 08:30-12:00, 13:30-18:00');
  });

  it('knows which years have a schedule', () => {
    expect(cal.hasSchedule(2026)).toBe(true);
    expect(cal.hasSchedule(2027)).toBe(false);
    expect(compileCalendar('x', { ...standard, years: [2027] }).hasSchedule(2027)).toBe(true);
  });
});

describe('working days', () => {
  it('keeps the working position: 17:50 before National Day + 1 working day is 17:50 on 2026-10-08', () => {
    expect(local(cal.addWorkingDays(at('2026-09-30T17:50'), 1))).toBe('2026-10-08 17:50');
  });

  it('treats the start of hours as the end of the previous working day', () => {
    expect(local(cal.addWorkingDays(at('2026-09-14T08:30'), 1))).toBe('2026-09-14 18:00');
    expect(local(cal.addWorkingDays(at('2026-09-14T07:00'), 2))).toBe('2026-09-15 18:00');
  });

  it('counts from the next working day when started after hours or on a rest day', () => {
    expect(local(cal.addWorkingDays(at('2026-09-14T19:00'), 1))).toBe('2026-09-15 18:00');
    expect(local(cal.addWorkingDays(at('2026-09-12T10:00'), 1))).toBe('2026-09-14 18:00');
  });

  it('caps the position at a shorter target day', () => {
    const short = compileCalendar('short', {
      ...standard,
      days: [{ date: '2026-09-15', type: 'workday', hours: [{ from: '09:00', to: '12:00' }] }],
    });
    expect(local(short.addWorkingDays(at('2026-09-14T16:00'), 1))).toBe('2026-09-15 12:00');
    expect(local(short.addWorkingDays(at('2026-09-14T10:00'), 1))).toBe('2026-09-15 10:30');
  });

  it('adds a parsed duration: days first, then hours', () => {
    const d = parseDuration('1d1h');
    if (!d.ok) throw new Error(d.message);
    expect(local(cal.add(at('2026-09-30T17:50'), d.value))).toBe('2026-10-09 09:20');
  });
});

describe('days written in the definition', () => {
  const with2027 = compileCalendar('with-2027', {
    ...standard,
    makeUpDayHours: [{ from: '09:00', to: '17:00' }],
    days: [
      { date: '2027-01-01', type: 'holiday', name: { en: 'New Year' } },
      { date: '2027-02-07', type: 'workday' },
      { date: '2027-03-01', type: 'workday', hours: [{ from: '09:00', to: '12:00' }] },
      { date: '2026-10-08', type: 'holiday', name: { en: 'Company day' } },
    ],
    years: [2027],
  });

  it('adds holidays, make-up days and special hours for a year the package lacks', () => {
    expect(with2027.isWorkingDay(at('2027-01-01T10:00'))).toBe(false);
    expect(with2027.describeDay(at('2027-02-07T10:00'))).toBe('2027-02-07 make-up working day, 09:00-17:00');
    expect(with2027.workingTimeBetween(at('2027-03-01T00:00'), at('2027-03-02T00:00'))).toBe(3 * HOUR);
  });

  it('wins over the official schedule', () => {
    expect(local(with2027.addWorkingTime(at('2026-09-30T17:50'), HOUR))).toBe('2026-10-09 09:20');
  });
});

describe('time zones with daylight saving', () => {
  const night: HoursSpan[] = [{ from: '01:00', to: '04:00' }];
  const berlin = compileCalendar('berlin', {
    timeZone: 'Europe/Berlin',
    week: { sun: night, mon: [{ from: '09:00', to: '17:00' }] },
  });

  it('loses the skipped hour in spring and works the repeated hour in autumn', () => {
    // 2026-03-29 02:00 CET jumps to 03:00 CEST; 2026-10-25 03:00 CEST goes back to 02:00 CET
    expect(berlin.workingTimeBetween(Date.parse('2026-03-28T12:00Z'), Date.parse('2026-03-29T12:00Z'))).toBe(2 * HOUR);
    expect(berlin.workingTimeBetween(Date.parse('2026-10-24T12:00Z'), Date.parse('2026-10-25T12:00Z'))).toBe(4 * HOUR);
  });

  it('reads hours in local time on either side of the change', () => {
    expect(berlin.nextWorkingTime(Date.parse('2026-03-29T12:00Z'))).toBe(Date.parse('2026-03-30T09:00+02:00'));
    expect(berlin.nextWorkingTime(Date.parse('2026-03-27T12:00Z'))).toBe(Date.parse('2026-03-29T01:00+01:00'));
    expect(berlin.addWorkingTime(Date.parse('2026-03-29T01:30+01:00'), HOUR)).toBe(
      Date.parse('2026-03-29T03:30+02:00'),
    );
  });
});

describe('errors', () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof CalendarError ? e.code : 'not a CalendarError';
    }
    return 'no error';
  };

  it('rejects negative or fractional amounts', () => {
    expect(code(() => cal.addWorkingTime(0, -1))).toBe('CALENDAR_INVALID_ARGUMENT');
    expect(code(() => cal.addWorkingDays(0, 1.5))).toBe('CALENDAR_INVALID_ARGUMENT');
    expect(code(() => cal.addWorkingTime(Number.NaN, HOUR))).toBe('CALENDAR_INVALID_ARGUMENT');
  });

  it('stops on a calendar without working time instead of looping', () => {
    expect(code(() => compileCalendar('never', {}).addWorkingTime(0, HOUR))).toBe('CALENDAR_NO_WORKING_TIME');
  });

  it('rejects unknown official schedules and time zones', () => {
    expect(code(() => compileCalendar('x', { official: 'jp' }))).toBe('CALENDAR_UNKNOWN_OFFICIAL');
    expect(code(() => compileCalendar('x', { timeZone: 'Asia/Beijing' }))).toBe('CALENDAR_UNKNOWN_TIME_ZONE');
  });
});
