import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../../engine/definitions/load-definitions.ts';
import { formKind } from '../../../engine/forms/index.ts';
import { formFixtureText } from './forms-fixture.ts';

function issuesOf(name: string) {
  const path = `tests/fixtures/forms/${name}.yaml`;
  return loadDefinitions([{ path, text: formFixtureText(name) }], [formKind]).issues;
}
const brief = (name: string) =>
  issuesOf(name).map((i) => ({
    code: i.code,
    pointer: i.pointer,
    line: i.at.line,
    message: i.message,
    hint: i.hint,
    severity: i.severity,
  }));

describe('kind: Form', () => {
  it('accepts the work order and the fee lines without a word', () => {
    expect(issuesOf('work-order')).toEqual([]);
    expect(issuesOf('fee-lines')).toEqual([]);
  });

  it('names an unknown field type and lists the known ones', () => {
    expect(brief('invalid/unknown-field-type')).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_FIELD_TYPE',
        pointer: '/spec/fields/1/type',
        line: 8,
        message: 'unknown field type "telephone"',
        hint: 'known types: address, attachment, date, datetime, email, enum, group, mobile, money, number, phone, postcode, rows, signature, text, textarea, unit, uscc, user, yesno',
      }),
    ]);
  });

  it('finds duplicate names among siblings, also inside groups', () => {
    expect(brief('invalid/duplicate-field').map((i) => [i.code, i.pointer, i.line, i.hint])).toEqual([
      ['DUPLICATE_NAME', '/spec/fields/1/fields/1/name', 13, 'first at /spec/fields/1/fields/0'],
      ['DUPLICATE_NAME', '/spec/fields/2/name', 14, 'first at /spec/fields/0'],
    ]);
  });

  it('checks conditions: operators and facts', () => {
    expect(brief('invalid/invalid-condition').map((i) => [i.code, i.pointer, i.message, i.hint])).toEqual([
      [
        'INVALID_CONDITION',
        '/spec/fields/1/visibleWhen/all/0/operator',
        'unknown operator "equals"',
        expect.stringContaining('known operators: after, before, contains'),
      ],
      [
        'INVALID_CONDITION',
        '/spec/fields/1/visibleWhen/all/1/fact',
        'unknown fact "case"',
        'known facts: data, row, context',
      ],
    ]);
  });

  it('checks compute expressions, with the column', () => {
    expect(brief('invalid/invalid-compute').map((i) => [i.code, i.pointer, i.message])).toEqual([
      ['INVALID_EXPRESSION', '/spec/fields/1/compute', 'Expected expression after + (column 5)'],
      ['INVALID_EXPRESSION', '/spec/fields/2/compute', '"constructor" is not allowed (column 3)'],
    ]);
  });

  it('finds computations that read fields that do not exist', () => {
    expect(brief('invalid/compute-unknown-field').map((i) => [i.code, i.pointer, i.message])).toEqual([
      [
        'UNKNOWN_REFERENCE',
        '/spec/fields/1/compute',
        'expression reads "travelFee", but "travelFee" is not a field here',
      ],
      [
        'UNKNOWN_REFERENCE',
        '/spec/fields/2/fields/1/compute',
        'expression reads "row.qty", but "qty" is not a field here',
      ],
      [
        'UNKNOWN_REFERENCE',
        '/spec/fields/3/compute',
        'expression reads "lines[].cost", but "cost" is not a field here',
      ],
    ]);
  });

  it('requires options on an enum', () => {
    expect(brief('invalid/enum-without-options').map((i) => [i.code, i.pointer, i.message])).toEqual([
      ['INVALID_VALUE', '/spec/fields/0', 'enum field "a" has no options'],
    ]);
  });

  it('finds a minimum above its maximum', () => {
    expect(brief('invalid/min-greater-than-max').map((i) => [i.code, i.pointer, i.message])).toEqual([
      ['INVALID_VALUE', '/spec/fields/0/min', 'min (10) is greater than max (1)'],
      ['INVALID_VALUE', '/spec/fields/1/minRows', 'minRows (3) is greater than maxRows (2)'],
    ]);
  });

  it('finds a pattern that is not a regular expression', () => {
    expect(brief('invalid/invalid-pattern')).toEqual([
      expect.objectContaining({ code: 'INVALID_VALUE', pointer: '/spec/fields/0/pattern', line: 7 }),
    ]);
  });

  it('reports schema errors (unknown property, missing label, bad name) before any check', () => {
    const issues = brief('invalid/schema-error');
    expect(issues.every((i) => i.code === 'SCHEMA')).toBe(true);
    expect(issues.map((i) => i.pointer)).toEqual(
      expect.arrayContaining(['/spec/fields/0/colour', '/spec/fields/1', '/spec/fields/1/name']),
    );
  });
});
