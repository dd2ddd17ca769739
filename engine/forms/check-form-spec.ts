import { checkCondition } from '../conditions/index.ts';
import type { DefinitionIndex, Report } from '../definitions/kind.ts';
import { compileExpression } from '../expressions/index.ts';
import type { Registry } from '../registry.ts';
import { COMMON_PROPERTIES, type FieldType } from './field-types/field-type.ts';
import type { FieldSpec, FormSpec } from './form-model.ts';
import { patternProblem } from '../patterns/index.ts';
import { codedSaid, say } from '../definitions/said.ts';

const CONDITION_FACTS = ['data', 'row', 'context'];

/**
 * Everything about a form the JSON Schema cannot see: field types exist, names are unique,
 * conditions and expressions are well-formed and name real fields, limits are consistent; with
 * the set's `index`, also what fields name outside the form (a user field's role).
 */
export function checkFormSpec(
  spec: FormSpec,
  types: Registry<FieldType>,
  report: Report,
  index?: DefinitionIndex,
): void {
  const top = spec.fields;
  checkFields(top, '/spec', { top, inRows: false, index }, types, report);
  const topNames = new Set(top.map((f) => f.name));
  (spec.sections ?? []).forEach((section, i) =>
    section.fields.forEach((name, j) => {
      if (!topNames.has(name)) {
        report(`/spec/sections/${i}/fields/${j}`, 'UNKNOWN_REFERENCE', say('form.sectionListsWhichIs', { name }), {
          hint: say('form.fields', { topNames: [...topNames] }),
        });
      }
    }),
  );
}

interface Scope {
  readonly top: readonly FieldSpec[];
  readonly inRows: boolean;
  readonly index: DefinitionIndex | undefined;
}

function checkFields(
  fields: readonly FieldSpec[],
  prefix: string,
  scope: Scope,
  types: Registry<FieldType>,
  report: Report,
): void {
  const seen = new Map<string, number>();
  fields.forEach((field, i) => {
    const p = `${prefix}/fields/${i}`;
    const earlier = seen.get(field.name);
    if (earlier !== undefined)
      report(`${p}/name`, 'DUPLICATE_NAME', say('form.fieldIsDefinedTwice', { field: field.name }), {
        hint: say('form.firstAtFields', { prefix, earlier }),
      });
    else seen.set(field.name, i);

    const type = types.get(field.type);
    if (!type) {
      report(`${p}/type`, 'UNKNOWN_FIELD_TYPE', say('form.unknownFieldType', { type: field.type }), {
        hint: say('form.knownTypes', { types: types.known() }),
      });
      return;
    }
    for (const key of Object.keys(field)) {
      if (!COMMON_PROPERTIES.includes(key) && !type.accepts.includes(key)) {
        report(`${p}/${key}`, 'UNUSED_PROPERTY', say('form.hasNoEffectOn', { key, type: field.type }), {
          severity: 'warning',
          hint: say('form.uses', {
            type: field.type,
            type2: type.accepts.length ? [...type.accepts] : say('form.commonOnly'),
          }),
        });
      }
    }
    if (field.within !== undefined && type.scopes && !type.scopes.includes(field.within))
      report(
        `${p}/within`,
        'INVALID_VALUE',
        say('form.cannotBeWithin', { type: field.type, within: String(field.within) }),
        {
          hint: say('form.knowsScopes', { type: field.type, scopes: type.scopes }),
        },
      );
    checkLimits(field, p, report);
    if (field.portalValue !== undefined && field.staffOnly !== true)
      report(`${p}/portalValue`, 'UNUSED_PROPERTY', say('form.portalvalueHasNoEffect'), {
        severity: 'warning',
        hint: say('form.aCustomerFillsA'),
      });
    if (field.portalValue !== undefined && field.options && !field.options.some((o) => o.value === field.portalValue)) {
      report(
        `${p}/portalValue`,
        'INVALID_VALUE',
        say('form.portalvalueIsNotOne', { portalValue: String(field.portalValue) }),
        { hint: say('form.options', { value: field.options.map((o) => o.value) }) },
      );
    }
    if (scope.index) type.references?.(field, p, scope.index, report);
    for (const key of ['visibleWhen', 'requiredWhen'] as const) {
      const cond = field[key];
      if (cond === undefined) continue;
      for (const issue of checkCondition(cond, CONDITION_FACTS)) {
        report(
          `${p}/${key}${issue.pointer}`,
          'INVALID_CONDITION',
          issue.said,
          issue.saidHint === undefined ? undefined : { hint: issue.saidHint },
        );
      }
    }
    if (field.compute !== undefined) checkCompute(field.compute, `${p}/compute`, fields, scope, report);
    if (type.container) {
      checkFields(
        field.fields ?? [],
        p,
        { ...scope, inRows: scope.inRows || type.container === 'rows' },
        types,
        report,
      );
    }
  });
}

function checkLimits(field: FieldSpec, p: string, report: Report): void {
  if (field.type === 'enum' && !(field.options && field.options.length > 0)) {
    report(`${p}`, 'INVALID_VALUE', say('form.enumFieldHasNo', { field: field.name }), {
      hint: say('form.addOptionsValueLabel'),
    });
  }
  const pairs = [
    ['min', 'max'],
    ['minLength', 'maxLength'],
    ['minRows', 'maxRows'],
  ] as const;
  for (const [lo, hi] of pairs) {
    const a = field[lo],
      b = field[hi];
    if (a !== undefined && b !== undefined && a > b)
      report(`${p}/${lo}`, 'INVALID_VALUE', say('form.isGreaterThan', { lo, a, hi, b }));
  }
  if (field.pattern !== undefined) {
    const problem = patternProblem(field.pattern);
    if (problem)
      report(`${p}/pattern`, 'INVALID_VALUE', say('form.patternIs', { problem }), {
        hint: say('form.reSyntaxAsIn'),
      });
  }
  if ((field.type === 'group' || field.type === 'rows') && !(field.fields && field.fields.length > 0)) {
    report(`${p}`, 'INVALID_VALUE', say('form.fieldHasNoFields', { type: field.type, field: field.name }), {
      hint: say('form.addFields'),
    });
  }
}

/** A compute expression may read its siblings, top-level fields, data.X, row.X (inside rows) and context. */
function checkCompute(src: string, p: string, siblings: readonly FieldSpec[], scope: Scope, report: Report): void {
  const compiled = compileExpression(src);
  if (!compiled.ok) {
    report(
      p,
      'INVALID_EXPRESSION',
      say('prefill.column', {
        message: codedSaid('expression', compiled.code, compiled.message, compiled.reason),
        column: compiled.column,
      }),
    );
    return;
  }
  for (const ref of compiled.references) {
    const [root, ...rest] = ref.replaceAll('[]', '').split('.') as [string, ...string[]];
    if (root === 'context') continue;
    let fields: readonly FieldSpec[] | undefined;
    let segments = rest;
    if (root === 'data') fields = scope.top;
    else if (root === 'row' && scope.inRows) fields = siblings;
    else {
      fields = siblings.some((f) => f.name === root) ? siblings : scope.top;
      segments = [root, ...rest];
    }
    const unknown = firstUnknown(segments, fields);
    if (unknown) {
      const known = [...new Set([...siblings, ...scope.top].map((f) => f.name))];
      report(p, 'UNKNOWN_REFERENCE', say('form.expressionReadsButIs', { ref, unknown }), {
        hint: say(scope.inRows ? 'form.fieldsAlsoRow' : 'form.fieldsAlso', { known }),
      });
    }
  }
}

function firstUnknown(segments: readonly string[], fields: readonly FieldSpec[]): string | undefined {
  let level: readonly FieldSpec[] | undefined = fields;
  for (const seg of segments) {
    if (!level) return undefined; // past a leaf value (e.g. a signature's parts): not ours to check
    const f: FieldSpec | undefined = level.find((x) => x.name === seg);
    if (!f) return seg;
    level = f.fields;
  }
  return undefined;
}
