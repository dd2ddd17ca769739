import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../../engine/calendar/index.ts';
import { createZone } from '../../../engine/calendar/time-zone.ts';
import { dueRuns, nextRun, type ScheduleTiming } from '../../../engine/schedules/index.ts';

const shanghai = createZone('Asia/Shanghai');
// Monday to Friday; the National Day week 2026-10-01..07 off, Saturday 2026-10-10 a make-up working day.
const office = compileCalendar('office', {
  timeZone: 'Asia/Shanghai',
  week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '17:00' }]])),
  days: [
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, type: 'holiday' as const })),
    { date: '2026-10-10', type: 'workday' as const },
  ],
});

const timing = (t: Partial<ScheduleTiming> & Pick<ScheduleTiming, 'every'>): ScheduleTiming => ({
  month: 1,
  day: 1,
  minutes: 9 * 60,
  zone: shanghai,
  workingDay: 'any',
  ...t,
});
const at = (iso: string) => Date.parse(iso);
const brief = (runs: ReturnType<typeof dueRuns>) => runs.map((r) => `${r.period}@${new Date(r.at).toISOString()}`);

describe('dueRuns', () => {
  it('gives one run per month at the local time, in (after, now]', () => {
    // given the 1st of each month at 09:00 in Shanghai (UTC+8, no daylight saving)
    const monthly = timing({ every: 'month' });
    // when asked from mid-October to 10 January
    const runs = dueRuns(monthly, at('2026-10-15T00:00:00+08:00'), at('2027-01-10T00:00:00+08:00'));
    // then
    expect(brief(runs)).toEqual([
      '2026-11@2026-11-01T01:00:00.000Z',
      '2026-12@2026-12-01T01:00:00.000Z',
      '2027-01@2027-01-01T01:00:00.000Z',
    ]);
    expect(runs[0]).toMatchObject({ date: '2026-11-01', start: '2026-11-01', end: '2026-11-30' });
    // a run exactly at `now` is due; one exactly at `after` was already given
    expect(brief(dueRuns(monthly, at('2026-11-01T09:00:00+08:00'), at('2026-12-01T09:00:00+08:00')))).toEqual([
      '2026-12@2026-12-01T01:00:00.000Z',
    ]);
    expect(dueRuns(monthly, at('2026-12-01T09:00:00+08:00'), at('2026-12-01T09:00:00+08:00'))).toEqual([]);
  });

  it('runs a day the month lacks on its last day', () => {
    const runs = dueRuns(
      timing({ every: 'month', day: 31 }),
      at('2027-01-31T12:00:00+08:00'),
      at('2027-05-01T00:00:00+08:00'),
    );
    expect(runs.map((r) => r.date)).toEqual(['2027-02-28', '2027-03-31', '2027-04-30']);
  });

  it('labels weeks by ISO week and years by number', () => {
    const weekly = dueRuns(
      timing({ every: 'week', day: 1, minutes: 8 * 60 + 30 }),
      at('2026-12-20T00:00:00+08:00'),
      at('2027-01-12T00:00:00+08:00'),
    );
    expect(weekly.map((r) => `${r.period} ${r.date} ${r.start}..${r.end}`)).toEqual([
      '2026-W52 2026-12-21 2026-12-21..2026-12-27',
      '2026-W53 2026-12-28 2026-12-28..2027-01-03',
      '2027-W01 2027-01-04 2027-01-04..2027-01-10',
      '2027-W02 2027-01-11 2027-01-11..2027-01-17',
    ]);
    const yearly = dueRuns(
      timing({ every: 'year', month: 12, day: 31, minutes: 17 * 60 }),
      at('2025-06-01T00:00:00Z'),
      at('2027-12-31T09:00:00Z'),
    );
    expect(brief(yearly)).toEqual([
      '2025@2025-12-31T09:00:00.000Z',
      '2026@2026-12-31T09:00:00.000Z',
      '2027@2027-12-31T09:00:00.000Z',
    ]);
  });

  it('moves a run off a holiday to the next or previous working day, or skips it', () => {
    const window = [at('2026-09-15T00:00:00+08:00'), at('2026-11-15T00:00:00+08:00')] as const;
    const monthly = (workingDay: ScheduleTiming['workingDay']) =>
      dueRuns(timing({ every: 'month', calendar: office, workingDay }), ...window).map((r) => `${r.period} ${r.date}`);
    // 1 October is a holiday (through the 7th); 1 November 2026 is a Sunday
    expect(monthly('any')).toEqual(['2026-10 2026-10-01', '2026-11 2026-11-01']);
    expect(monthly('next')).toEqual(['2026-10 2026-10-08', '2026-11 2026-11-02']);
    expect(monthly('previous')).toEqual(['2026-10 2026-09-30', '2026-11 2026-10-30']);
    expect(monthly('skip')).toEqual([]);
  });

  it('runs a daily schedule on working days only with skip, make-up Saturday included', () => {
    const runs = dueRuns(
      timing({ every: 'day', calendar: office, workingDay: 'skip' }),
      at('2026-09-30T00:00:00+08:00'),
      at('2026-10-13T00:00:00+08:00'),
    );
    expect(runs.map((r) => r.date)).toEqual(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']);
  });

  it('keeps one run per day across a daylight-saving jump, at the shifted time when the local time does not exist', () => {
    const berlin = createZone('Europe/Berlin');
    const runs = dueRuns(
      timing({ every: 'day', zone: berlin, minutes: 2 * 60 + 30 }),
      at('2026-03-27T12:00:00Z'),
      at('2026-03-31T12:00:00Z'),
    );
    expect(brief(runs)).toEqual([
      '2026-03-28@2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29@2026-03-29T01:30:00.000Z', // 02:30 does not exist: 03:30 CEST
      '2026-03-30@2026-03-30T00:30:00.000Z', // 02:30 CEST
      '2026-03-31@2026-03-31T00:30:00.000Z',
    ]);
  });
});

describe('dueRuns properties', () => {
  const START = at('2026-01-01T00:00:00+08:00');
  const SPAN = 800 * 86_400_000;
  const timings = fc
    .record({
      every: fc.constantFrom('day', 'week', 'month', 'year') as fc.Arbitrary<ScheduleTiming['every']>,
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      minutes: fc.integer({ min: 0, max: 24 * 60 - 1 }),
      workingDay: fc.constantFrom('any', 'next', 'previous', 'skip') as fc.Arbitrary<ScheduleTiming['workingDay']>,
    })
    .map((t) => timing({ ...t, day: t.every === 'week' ? ((t.day - 1) % 7) + 1 : t.day, calendar: office }));
  const cuts = fc
    .array(fc.integer({ min: 0, max: SPAN }), { maxLength: 12 })
    .map((xs) => [...new Set(xs)].sort((a, b) => a - b).map((x) => START + x));

  it('asking in pieces gives exactly the runs of asking once: no duplicate, no gap', () => {
    fc.assert(
      fc.property(timings, cuts, (t, points) => {
        const end = START + SPAN;
        const whole = dueRuns(t, START, end);
        let after = START;
        const pieces = [];
        for (const p of [...points, end]) {
          pieces.push(...dueRuns(t, after, p));
          after = Math.max(after, p);
        }
        expect(pieces).toEqual(whole);
        // each period at most once, times never decreasing
        expect(new Set(whole.map((r) => r.period)).size).toBe(whole.length);
        whole.slice(1).forEach((r, i) => expect(r.at).toBeGreaterThanOrEqual(whole[i]!.at));
        // without skipping, every period in between has its run
        if (t.workingDay !== 'skip' && whole.length > 2) {
          const expected = { day: 800, week: 114, month: 26, year: 2 }[t.every];
          expect(Math.abs(whole.length - expected)).toBeLessThanOrEqual(2);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('nextRun is the first of the runs due after a time', () => {
    fc.assert(
      fc.property(timings, fc.integer({ min: 0, max: SPAN }), (t, offset) => {
        const after = START + offset;
        const next = nextRun(t, after);
        // nothing is due before it, and it is the first run due up to its own time
        const until = next ? next.at : after + 3000 * 86_400_000;
        expect(dueRuns(t, after, until)[0] ?? null).toEqual(next);
        if (next) expect(dueRuns(t, after, next.at - 1)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
