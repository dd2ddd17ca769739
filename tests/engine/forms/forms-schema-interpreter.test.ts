// covers: P-4
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDefinitionFiles, validateDefinitions } from '../../../engine/definitions/index.ts';
import type { Definition } from '../../../engine/definitions/kind.ts';
import { compileForm } from '../../../engine/forms/index.ts';
import type { FieldError, FormSpec } from '../../../engine/forms/form-model.ts';
import { interpretSchema, UnsupportedSchemaError } from '../../../engine/forms/schema-interpreter.ts';
import type { JsonSchema } from '../../../engine/forms/field-types/field-type.ts';
import { compileFormWithoutEval } from '../../../ui/components/compile-without-eval.ts';

// Every form a company has written, and the test fixtures' (which use every field type).
const forms = ['definitions', 'tests/fixtures/engine', 'tests/fixtures/second-company', 'tests/fixtures/forms']
  .flatMap((dir) => validateDefinitions(readDefinitionFiles(dir)).docs.map((d) => d.def))
  .filter((def): def is Definition<FormSpec> => def.kind === 'Form');

/** Values around what a schema accepts: valid ones, edge cases, and anything JSON. */
function valueFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  const s = schema as Record<string, unknown>;
  const anyJson = fc.jsonValue({ maxDepth: 2 });
  const near = (n: number | undefined) => (n === undefined ? [] : [n - 1, n, n + 1]);
  let own: fc.Arbitrary<unknown>;
  switch (s['type']) {
    case 'string': {
      const lengths = [
        ...near(s['minLength'] as number | undefined),
        ...near(s['maxLength'] as number | undefined),
      ].filter((n) => n >= 0 && n < 400);
      const samples = [
        '',
        '2026-11-26',
        '2026-02-30',
        '2026-11-26T10:00:00+08:00',
        '2026-11-26T25:00:00Z',
        'zhang@example.cn',
        'not an email',
        '13800138000',
        '12345678901',
        '010-12345678',
        '100000',
        '10000',
        '91350100M000100Y43',
        '91350100M000100Y44',
        'data:image/png;base64,iVBORw0KGgo=',
        'image/png',
        '华北电力物资公司',
        '😀😀',
        ...((s['enum'] as string[] | undefined) ?? []),
        ...lengths.map((n) => 'x'.repeat(n)),
        ...lengths.map((n) => '字'.repeat(n)),
      ];
      own = fc.oneof(fc.constantFrom(...samples), fc.string({ maxLength: 30 }), fc.stringMatching(/^[0-9A-Z-]{0,20}$/));
      break;
    }
    case 'number':
    case 'integer': {
      const edges = [
        ...near(s['minimum'] as number | undefined),
        ...near(s['maximum'] as number | undefined),
        0,
        1,
        1.5,
        12.345,
        -3,
        1e12,
      ];
      own = fc.oneof(fc.constantFrom(...edges), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
      break;
    }
    case 'boolean':
      own = fc.boolean();
      break;
    case 'array':
      own = fc.array(valueFor((s['items'] ?? {}) as JsonSchema), { maxLength: 4 });
      break;
    case 'object': {
      const properties = (s['properties'] ?? {}) as Record<string, JsonSchema>;
      const record = fc.record(Object.fromEntries(Object.entries(properties).map(([k, sub]) => [k, valueFor(sub)])), {
        requiredKeys: [],
      });
      own = fc.oneof(
        { weight: 5, arbitrary: record },
        {
          weight: 1,
          arbitrary: fc
            .tuple(record, fc.string({ minLength: 1, maxLength: 6 }), anyJson)
            .map(([r, k, v]) => ({ ...r, [k]: v })),
        },
      );
      break;
    }
    default:
      own = anyJson;
  }
  return fc.oneof({ weight: 6, arbitrary: own }, { weight: 1, arbitrary: anyJson });
}

const key = (e: FieldError) => `${e.path} ${e.code} ${e.message}`;
const sorted = (errors: readonly FieldError[]) => errors.map(key).sort();

describe('the validator without compiled code (for pages that forbid eval)', () => {
  it('has forms to check, using every field type', () => {
    expect(forms.length).toBeGreaterThan(20);
    const types = new Set(forms.flatMap((f) => JSON.stringify(f.spec).match(/"type":"[a-z]+"/g) ?? []));
    for (const t of [
      'text',
      'textarea',
      'number',
      'money',
      'date',
      'datetime',
      'enum',
      'yesno',
      'phone',
      'mobile',
      'postcode',
      'uscc',
      'email',
      'signature',
      'attachment',
      'group',
      'rows',
    ]) {
      expect(types.has(`"type":"${t}"`), t).toBe(true);
    }
  });

  it.each(forms.map((f) => [f.metadata.name, f] as const))(
    'finds in %s exactly the errors ajv finds, with the same messages',
    (_name, def) => {
      const withAjv = compileForm(def);
      const without = compileFormWithoutEval(def);
      fc.assert(
        fc.property(valueFor(withAjv.schema), fc.constantFrom('zh-CN' as const, 'en' as const), (data, locale) => {
          const a = withAjv.validate(data, { locale });
          const b = without.validate(data, { locale });
          expect(b.ok).toBe(a.ok);
          if (!a.ok && !b.ok) expect(sorted(b.errors)).toEqual(sorted(a.errors));
          if (a.ok && b.ok) expect(b.data).toEqual(a.data);
        }),
        { numRuns: 150 },
      );
    },
  );

  it('refuses a schema keyword it does not know rather than skipping it', () => {
    expect(() => interpretSchema({ type: 'object', properties: { n: { type: 'number', multipleOf: 2 } } })).toThrow(
      UnsupportedSchemaError,
    );
    expect(() => interpretSchema({ type: 'string', format: 'uri' })).toThrow(/format uri/);
  });
});
