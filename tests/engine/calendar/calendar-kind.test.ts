import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import envelopeSchema from '../../../engine/definitions/schemas/envelope.schema.json' with { type: 'json' };
import { calendarKind, scheduleWarnings, type CalendarSpec } from '../../../engine/calendar/index.ts';
import type { Definition, DefinitionIndex } from '../../../engine/definitions/kind.ts';
import { sayIn } from '../../../engine/definitions/said.ts';

const fixture = (name: string): Definition =>
  parse(readFileSync(new URL(`../../fixtures/calendar/${name}.yaml`, import.meta.url), 'utf8'));

const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(envelopeSchema);
const validate = ajv.compile(calendarKind.schema);

const noIndex: DefinitionIndex = { get: () => undefined, all: () => [], names: () => [] };
function check(doc: Definition) {
  const reports: { pointer: string; code: string; message: string; hint?: string }[] = [];
  calendarKind.check?.(doc, noIndex, (pointer, code, message, options) =>
    reports.push({
      pointer,
      code,
      message: sayIn(message, 'en'),
      ...(options?.hint ? { hint: sayIn(options.hint, 'en') } : {}),
    }),
  );
  return reports;
}
const schemaErrors = (doc: Definition) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => e.instancePath));

describe('Calendar definitions', () => {
  it('accepts the standard calendar without a report', () => {
    const doc = fixture('standard');
    expect(schemaErrors(doc)).toEqual([]);
    expect(check(doc)).toEqual([]);
  });

  // One fixture per invalid calendar; each passes the schema, so the check must catch it, once.
  it.each([
    ['overlapping-hours', '/spec/week/mon/1/from', 'INVALID_CALENDAR'],
    ['unsorted-hours', '/spec/week/tue/1/from', 'INVALID_CALENDAR'],
    ['span-ends-before-start', '/spec/week/wed/0/to', 'INVALID_CALENDAR'],
    ['overlapping-make-up-hours', '/spec/makeUpDayHours/1/from', 'INVALID_CALENDAR'],
    ['unknown-time-zone', '/spec/timeZone', 'INVALID_CALENDAR'],
    ['unknown-official', '/spec/official', 'UNKNOWN_REFERENCE'],
    ['duplicate-date', '/spec/days/1/date', 'INVALID_CALENDAR'],
    ['not-a-date', '/spec/days/0/date', 'INVALID_CALENDAR'],
    ['holiday-with-hours', '/spec/days/0/hours', 'INVALID_CALENDAR'],
    ['no-working-hours', '/spec', 'INVALID_CALENDAR'],
  ])('%s: reported at %s as %s', (name, pointer, code) => {
    const doc = fixture(name);
    expect(schemaErrors(doc)).toEqual([]);
    const reports = check(doc);
    expect(reports).toEqual([expect.objectContaining({ pointer, code, hint: expect.any(String) })]);
  });

  it('rejects a time that is not HH:MM in the schema, and in the check when called directly', () => {
    const doc = fixture('time-not-hh-mm');
    expect(schemaErrors(doc)).toContain('/spec/week/thu/0/from');
    expect(check(doc)).toEqual([
      expect.objectContaining({ pointer: '/spec/week/thu/0/from', code: 'INVALID_CALENDAR' }),
    ]);
  });

  it('names the known official schedules in the hint', () => {
    expect(check(fixture('unknown-official'))[0]?.hint).toContain('cn');
  });

  it('rejects unknown fields and a wrong day type in the schema', () => {
    const doc = fixture('standard') as unknown as { spec: Record<string, unknown> };
    const bad = { ...doc, spec: { ...doc.spec, weekends: [], days: [{ date: '2027-01-01', type: 'vacation' }] } };
    const paths = schemaErrors(bad as unknown as Definition);
    expect(paths).toContain('/spec');
    expect(paths).toContain('/spec/days/0/type');
  });
});

describe('scheduleWarnings', () => {
  const spec = fixture('standard').spec as CalendarSpec;

  it('warns about years with neither official data nor a declaration', () => {
    // given chinese-days covers 2026 and the YAML declares 2027
    const warnings = scheduleWarnings(spec, [2026, 2027, 2028]);
    expect(warnings.map((w) => w.year)).toEqual([2028]);
    expect(warnings[0]).toMatchObject({ pointer: '/spec/official', code: 'CALENDAR_NO_SCHEDULE' });
  });

  it('warns about 2027 when the administrator has not declared it', () => {
    expect(scheduleWarnings({ ...spec, years: undefined }, [2026, 2027]).map((w) => w.year)).toEqual([2027]);
  });

  it('stays quiet for a calendar that follows no holidays', () => {
    expect(scheduleWarnings({ week: spec.week }, [2027])).toEqual([]);
  });
});
