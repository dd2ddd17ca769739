import { describe, expect, it } from 'vitest';
import { checkCondition } from '../../../engine/conditions/index.ts';

const facts = ['data', 'row', 'context'];

describe('checkCondition', () => {
  it('accepts a well-formed condition', () => {
    expect(
      checkCondition(
        {
          all: [
            { fact: 'data', path: '$.a[0].b', operator: 'equal', value: 1 },
            { not: { fact: 'context', operator: 'exists', value: true } },
          ],
        },
        facts,
      ),
    ).toEqual([]);
  });

  it('names an unknown operator and lists the known ones', () => {
    const [issue, ...rest] = checkCondition(
      {
        any: [
          { fact: 'data', operator: 'equal', value: 1 },
          { fact: 'data', operator: 'equals', value: 1 },
        ],
      },
      facts,
    );
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      code: 'CONDITION_UNKNOWN_OPERATOR',
      pointer: '/any/1/operator',
      message: 'unknown operator "equals"',
    });
    expect(issue?.hint).toContain('equal, exists, greaterThan');
  });

  it('names an unknown fact on either side', () => {
    const issues = checkCondition({ fact: 'dta', operator: 'equal', value: { fact: 'ctx' } }, facts);
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([
      ['CONDITION_UNKNOWN_FACT', '/fact'],
      ['CONDITION_UNKNOWN_FACT', '/value/fact'],
    ]);
    expect(issues[0]?.hint).toBe('known facts: data, row, context');
  });

  it('reports structure errors with pointers', () => {
    const issues = checkCondition(
      {
        all: [
          { fact: 'data', operator: 'equal' },
          { not: [] },
          'x',
          { any: {} },
          { fact: 'data', operator: 'equal', value: 1, vaule: 2 },
        ],
      },
      facts,
    );
    expect(issues.map((i) => [i.code, i.pointer, i.message])).toEqual([
      ['CONDITION_STRUCTURE', '/all/0', 'missing "value"'],
      ['CONDITION_STRUCTURE', '/all/1/not', '"not" takes one condition, not an array'],
      ['CONDITION_STRUCTURE', '/all/2', 'a condition must be an object'],
      ['CONDITION_STRUCTURE', '/all/3/any', '"any" must be an array of conditions'],
      ['CONDITION_STRUCTURE', '/all/4/vaule', 'unknown property "vaule"'],
    ]);
  });

  it('rejects JSONPath it does not support (filters, recursive descent), and bad regular expressions', () => {
    const issues = checkCondition(
      {
        all: [
          { fact: 'data', path: '$.fees[?(@.amount > 1)].amount', operator: 'equal', value: 1 },
          { fact: 'data', operator: 'matches', value: '(' },
        ],
      },
      facts,
    );
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([
      ['CONDITION_INVALID_PATH', '/all/0/path'],
      ['CONDITION_INVALID_VALUE', '/all/1/value'],
    ]);
  });

  it('accepts [*], every row of a list, and the distinctCount decorator', () => {
    expect(
      checkCondition(
        { fact: 'data', path: '$.fees[*].amount', operator: 'distinctCount:greaterThanInclusive', value: 2 },
        facts,
      ),
    ).toEqual([]);
    expect(
      checkCondition({ fact: 'data', path: '$..amount', operator: 'equal', value: 1 }, facts).map((i) => i.message),
    ).toEqual([
      "unsupported JSONPath \"$..amount\": use $.name, $['name'], $.list[0], or $.rows[*].name for every row's name (no recursive descent or filters)",
    ]);
  });

  it('checks structure only when known facts are not given', () => {
    expect(checkCondition({ fact: 'anything', operator: 'equal', value: 1 }, null)).toEqual([]);
  });
});
