// Issue 13, item 2: regular expressions written in definitions (a form field's `pattern`, the
// `matches` operator) run in time linear in the text, with a length cap before matching, in the
// server and in the browser (which compiles forms with this same engine code).
import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../../engine/conditions/index.ts';
import { formatIssue, validateDefinitions } from '../../../engine/definitions/index.ts';
import type { Definition } from '../../../engine/definitions/kind.ts';
import { compileForm } from '../../../engine/forms/index.ts';
import type { FormSpec } from '../../../engine/forms/form-model.ts';
import { PATTERN_INPUT_LIMIT } from '../../../engine/patterns/index.ts';

/** Patterns that take a backtracking engine exponential or polynomial time on a near miss. */
export const CATASTROPHIC = [
  '^(a+)+$',
  '^(a|a)*$',
  '^(a|aa)+$',
  '^(a*)*b$',
  '^([a-zA-Z]+)*$',
  '^(\\w+\\s?)*$',
  '(a+)+b',
  '^(.*a){12}$',
];

const form = (pattern: string): Definition<FormSpec> =>
  ({
    apiVersion: 'serviceframe/v1',
    kind: 'Form',
    metadata: { name: 'probe' },
    // a maximum above the pattern cap, so that the cap, not the length, decides long texts
    spec: { fields: [{ name: 'code', type: 'text', label: 'Code', pattern, maxLength: 20_000 }] },
  }) as unknown as Definition<FormSpec>;

/** Milliseconds `work` takes. */
function timed(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

// 25 characters and a near miss: about two seconds on a backtracking engine (28 took 14.6 s in
// the review), well under a millisecond on a linear one.
const NEAR_MISS = `${'a'.repeat(25)}!`;

describe('patterns from definitions', () => {
  for (const validator of ['ajv', 'interpreter'] as const) {
    it(`checks a form field's pattern in linear time (${validator}, as the server and the browser do)`, () => {
      const compiled = compileForm(form('^(a+)+$'), undefined, { schemaValidator: validator });
      let result: ReturnType<typeof compiled.validate> | undefined;
      const ms = timed(() => (result = compiled.validate({ code: NEAR_MISS }, { locale: 'en' })));
      expect(result!.ok).toBe(false);
      expect(ms).toBeLessThan(250);
      // every known catastrophic pattern on a 10,000-character near miss
      for (const pattern of CATASTROPHIC) {
        const f = compileForm(form(pattern), undefined, { schemaValidator: validator });
        expect(
          timed(() => f.validate({ code: `${'a'.repeat(PATTERN_INPUT_LIMIT - 1)}!` })),
          pattern,
        ).toBeLessThan(1000);
      }
      expect(
        compileForm(form('^(a+)+$'), undefined, { schemaValidator: validator }).validate({ code: 'aaaa' }).ok,
      ).toBe(true);
    });
  }

  it('runs the matches operator in linear time', () => {
    const holds = compileCondition({ fact: 'x', operator: 'matches', value: '^(a+)+$' });
    let result: boolean | undefined;
    expect(timed(() => (result = holds({ x: NEAR_MISS })))).toBeLessThan(250);
    expect(result).toBe(false);
    expect(holds({ x: 'aaa' })).toBe(true);
  });

  it('never matches a text longer than the cap', () => {
    const holds = compileCondition({ fact: 'x', operator: 'matches', value: '^a+$' });
    expect(holds({ x: 'a'.repeat(PATTERN_INPUT_LIMIT) })).toBe(true);
    expect(holds({ x: 'a'.repeat(PATTERN_INPUT_LIMIT + 1) })).toBe(false);
    const f = compileForm(form('^a+$'));
    expect(f.validate({ code: 'a'.repeat(PATTERN_INPUT_LIMIT) }).ok).toBe(true);
    const long = f.validate({ code: 'a'.repeat(PATTERN_INPUT_LIMIT + 1) }, { locale: 'en' });
    expect(long.ok ? [] : long.errors.map((e) => [e.path, e.code])).toEqual([['/code', 'pattern']]);
  });

  it('keeps JavaScript syntax the definitions use: \\u escapes, classes, named groups', () => {
    const f = compileForm(form('^[\\u4e00-\\u9fa5]{2,4}$'));
    expect(f.validate({ code: '张三' }).ok).toBe(true);
    expect(f.validate({ code: 'Zhang' }).ok).toBe(false);
    expect(compileCondition({ fact: 'x', operator: 'matches', value: '^(?<area>0\\d{2,3})-' })({ x: '010-1234' })).toBe(
      true,
    );
  });

  it('refuses at validation what the linear engine cannot run, at the pattern', () => {
    const text = [
      'apiVersion: serviceframe/v1',
      'kind: Form',
      'metadata: { name: probe }',
      'spec:',
      '  fields:',
      "    - { name: code, type: text, label: Code, pattern: '^(a)\\1$' }",
      '',
    ].join('\n');
    const result = validateDefinitions([{ path: 'probe.yaml', text }]);
    const lines = result.issues.filter((i) => i.pointer.endsWith('/pattern')).map(formatIssue);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^probe\.yaml:6:\d+: .*linear-time engine/);
  });
});
