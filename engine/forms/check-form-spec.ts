import { checkCondition } from '../conditions/index.ts';
import type { DefinitionIndex, Report } from '../definitions/kind.ts';
import { compileExpression } from '../expressions/index.ts';
import type { Registry } from '../registry.ts';
import { COMMON_PROPERTIES, type FieldType } from './field-types/field-type.ts';
import type { FieldSpec, FormSpec } from './form-model.ts';
import { patternProblem } from '../patterns/index.ts';

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
        report(
          `/spec/sections/${i}/fields/${j}`,
          'UNKNOWN_REFERENCE',
          `section lists "${name}", which is not a top-level field`,
          { hint: `fields: ${[...topNames].join(', ')}` },
        );
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
      report(`${p}/name`, 'DUPLICATE_NAME', `field "${field.name}" is defined twice`, {
        hint: `first at ${prefix}/fields/${earlier}`,
      });
    else seen.set(field.name, i);

    const type = types.get(field.type);
    if (!type) {
      report(`${p}/type`, 'UNKNOWN_FIELD_TYPE', `unknown field type "${field.type}"`, {
        hint: `known types: ${types.known().join(', ')}`,
      });
      return;
    }
    for (const key of Object.keys(field)) {
      if (!COMMON_PROPERTIES.includes(key) && !type.accepts.includes(key)) {
        report(`${p}/${key}`, 'UNUSED_PROPERTY', `"${key}" has no effect on a ${field.type} field`, {
          severity: 'warning',
          hint: `${field.type} uses: ${[...type.accepts].join(', ') || 'only the common properties'}`,
        });
      }
    }
    if (field.within !== undefined && type.scopes && !type.scopes.includes(field.within))
      report(`${p}/within`, 'INVALID_VALUE', `a ${field.type} field cannot be within "${String(field.within)}"`, {
        hint: `${field.type} knows: ${type.scopes.join(', ')}`,
      });
    checkLimits(field, p, report);
    if (field.portalValue !== undefined && field.staffOnly !== true)
      report(`${p}/portalValue`, 'UNUSED_PROPERTY', '"portalValue" has no effect without staffOnly: true', {
        severity: 'warning',
        hint: 'a customer fills a field that is not staff-only themself',
      });
    if (field.portalValue !== undefined && field.options && !field.options.some((o) => o.value === field.portalValue)) {
      report(
        `${p}/portalValue`,
        'INVALID_VALUE',
        `portalValue "${String(field.portalValue)}" is not one of the options`,
        { hint: `options: ${field.options.map((o) => o.value).join(', ')}` },
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
          issue.message,
          issue.hint === undefined ? undefined : { hint: issue.hint },
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
    report(`${p}`, 'INVALID_VALUE', `enum field "${field.name}" has no options`, {
      hint: 'add options: [{value, label}, ...]',
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
      report(`${p}/${lo}`, 'INVALID_VALUE', `${lo} (${a}) is greater than ${hi} (${b})`);
  }
  if (field.pattern !== undefined) {
    const problem = patternProblem(field.pattern);
    if (problem)
      report(`${p}/pattern`, 'INVALID_VALUE', `pattern is ${problem}`, {
        hint: 'RE2 syntax, as in JavaScript without backreferences and lookaround',
      });
  }
  if ((field.type === 'group' || field.type === 'rows') && !(field.fields && field.fields.length > 0)) {
    report(`${p}`, 'INVALID_VALUE', `${field.type} field "${field.name}" has no fields`, { hint: 'add fields: [...]' });
  }
}

/** A compute expression may read its siblings, top-level fields, data.X, row.X (inside rows) and context. */
function checkCompute(src: string, p: string, siblings: readonly FieldSpec[], scope: Scope, report: Report): void {
  const compiled = compileExpression(src);
  if (!compiled.ok) {
    report(p, 'INVALID_EXPRESSION', `${compiled.message} (column ${compiled.column})`);
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
      report(p, 'UNKNOWN_REFERENCE', `expression reads "${ref}", but "${unknown}" is not a field here`, {
        hint: `fields: ${known.join(', ')}; also data, ${scope.inRows ? 'row, ' : ''}context`,
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
