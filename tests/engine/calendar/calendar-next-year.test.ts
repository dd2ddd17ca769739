// covers: NORM-4, NORM-5
// The official data ends with 2026. docs/operations.md tells administrators to add a year by writing
// its notice under a Calendar's `days` and `years`; this test takes that very block and shows the
// path is real: written out by hand, 2026 counts exactly as the shipped data counts it, and the
// override wins over the shipped data and is loaded as an ordinary definition.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileCalendar, type CalendarSpec } from '../../../engine/calendar/index.ts';
import {
  allKinds,
  formatIssue,
  loadDefinitions,
  readDefinitionFiles,
  validateDefinitions,
} from '../../../engine/definitions/index.ts';

const OPS = 'docs/operations.md';
const ops = readFileSync(OPS, 'utf8');
const section = ops.slice(ops.indexOf("## The calendar's next year"));
const start = ops
  .split('\n')
  .findIndex(
    (l, i, all) => /^```yaml\s*$/.test(l) && all.slice(0, i).join('\n').includes("## The calendar's next year"),
  );
const end = ops.split('\n').findIndex((l, i) => i > start && /^```\s*$/.test(l));
// Padded so that positions are the document's own lines.
const block =
  '\n'.repeat(start + 1) +
  ops
    .split('\n')
    .slice(start + 1, end)
    .join('\n') +
  '\n';
const loaded = loadDefinitions([{ path: OPS, text: block }], allKinds);
const written = loaded.docs[0]?.def.spec as CalendarSpec;

const DAY = 86_400_000;
const days2026 = Array.from({ length: 365 }, (_, i) => Date.parse('2026-01-01T12:00:00+08:00') + i * DAY);

describe("the calendar's next year, as docs/operations.md says to add it", () => {
  it('is a complete Calendar definition that loads', () => {
    expect(section).toContain('Never write dates that have not been announced');
    expect(loaded.issues.map(formatIssue)).toEqual([]);
    expect(loaded.docs.map((d) => d.def.kind)).toEqual(['Calendar']);
    expect(written.years).toEqual([2026]);
  });

  it('counts 2026 written out by hand exactly as the shipped official data does, day by day', () => {
    const handWritten = compileCalendar('by-hand', { ...written, official: undefined });
    const shipped = compileCalendar('shipped', { ...written, days: undefined, years: undefined });
    expect(handWritten.hasSchedule(2026)).toBe(true);
    const differ = days2026.filter((t) => {
      const a = handWritten.describeDay(t).replace(/ \(.*?\)/, '');
      const b = shipped.describeDay(t).replace(/ \(.*?\)/, '');
      return (
        a !== b ||
        handWritten.addWorkingTime(t - 12 * 3_600_000, 3_600_000) !==
          shipped.addWorkingTime(t - 12 * 3_600_000, 3_600_000)
      );
    });
    expect(differ.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual([]);
    // and what the hand-written days count on: 39 dates of the State Council's 2026 notice
    expect(written.days).toHaveLength(39);
  });

  it('makes a year count with holidays once it is declared, and not before', () => {
    // Without data for 2027 (the real state today), 2027-01-01 is an ordinary Friday.
    const standard = compileCalendar('standard', { ...written, days: undefined, years: undefined });
    const newYear = Date.parse('2027-01-01T10:00:00+08:00');
    expect(standard.hasSchedule(2027)).toBe(false);
    expect(standard.isWorkingDay(newYear)).toBe(true);
    // New Year's Day is a statutory holiday every year; an administrator adding 2027's notice writes
    // it (with the rest of the notice) under days. Only that date is used here: no 2027 date is guessed.
    const declared = compileCalendar('standard', {
      ...written,
      days: [{ date: '2027-01-01', type: 'holiday', name: { en: "New Year's Day" } }],
      years: [2027],
    });
    expect(declared.hasSchedule(2027)).toBe(true);
    expect(declared.isWorkingDay(newYear)).toBe(false);
    expect(declared.describeDay(newYear)).toBe("2027-01-01 holiday (New Year's Day)");
  });

  it('silences the warning of validate for that year when the seed calendar is given the year', () => {
    const seed = readDefinitionFiles('definitions');
    const now = Date.parse('2026-12-07T12:00:00+08:00');
    const warnings = (files: typeof seed) =>
      validateDefinitions(files, now)
        .issues.filter((i) => i.severity === 'warning')
        .map((i) => i.message);
    expect(warnings(seed)).toEqual([expect.stringContaining('has no data for 2027')]);
    const withYear = seed.map((f) =>
      f.path.endsWith('calendars/standard.yaml')
        ? {
            ...f,
            text: f.text.replace(
              'official: cn',
              'official: cn\n  years: [2027]\n  days: [ { date: "2027-01-01", type: holiday } ]',
            ),
          }
        : f,
    );
    expect(warnings(withYear)).toEqual([]);
  });
});
