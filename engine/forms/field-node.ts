import { compileCondition, type CompiledCondition } from '../conditions/index.ts';
import { compileExpression, type CompiledExpression } from '../expressions/index.ts';
import type { Registry } from '../registry.ts';
import type { FieldType } from './field-types/field-type.ts';
import type { FieldSpec } from './form-model.ts';
import { FormCompileError } from './form-error.ts';

/** A field with everything the validator needs prepared once: its type, conditions and expression. */
export interface FieldNode {
  readonly name: string;
  /** `name` escaped for a JSON pointer segment. */
  readonly key: string;
  readonly spec: FieldSpec;
  readonly type: FieldType;
  /** JSON pointer of the value; inside rows the index is "-" ("/history/-/amount"). Outside rows
   *  it is the pointer itself, so the hot path never builds strings for it. */
  readonly pattern: string;
  /** Pointer of the spec inside the definition document, for compile errors. */
  readonly specPointer: string;
  // The hot path reads the properties below on every field of every validation. They are always
  // present (undefined when unused) and copied off `spec` and `type`, so every node has one shape
  // and V8's property caches stay monomorphic; that halved validation time.
  readonly visible: CompiledCondition | undefined;
  readonly requiredWhen: CompiledCondition | undefined;
  readonly compute: CompiledExpression | undefined;
  readonly required: boolean;
  readonly container: 'group' | 'rows' | undefined;
  readonly check: FieldType['check'];
  readonly normalize: FieldType['normalize'];
  /** The first names the compute expression reads ("fees" of "fees[].amount"): its scope is built from these alone. */
  readonly computeNames: readonly string[];
  /** Required with no condition attached: left to JSON Schema's `required`. */
  readonly staticRequired: boolean;
  readonly children: readonly FieldNode[];
  readonly childByName: ReadonlyMap<string, FieldNode>;
}

export const escapePointer = (s: string): string => s.replaceAll('~', '~0').replaceAll('/', '~1');

export function buildFieldNodes(
  fields: readonly FieldSpec[],
  types: Registry<FieldType>,
  valuePrefix = '',
  specPrefix = '/spec',
): FieldNode[] {
  return fields.map((spec, i) => {
    const specPointer = `${specPrefix}/fields/${i}`;
    const type = types.get(spec.type);
    if (!type)
      throw new FormCompileError(
        `${specPointer}/type`,
        `unknown field type "${spec.type}"`,
        `known types: ${types.known().join(', ')}`,
      );
    const pattern = `${valuePrefix}/${escapePointer(spec.name)}`;
    const childPrefix = type.container === 'rows' ? `${pattern}/-` : pattern;
    const children = type.container ? buildFieldNodes(spec.fields ?? [], types, childPrefix, specPointer) : [];
    let compute: CompiledExpression | undefined;
    if (spec.compute !== undefined) {
      const compiled = compileExpression(spec.compute);
      if (!compiled.ok)
        throw new FormCompileError(`${specPointer}/compute`, `${compiled.message} at column ${compiled.column}`);
      compute = compiled;
    }
    const node: FieldNode = {
      name: spec.name,
      key: escapePointer(spec.name),
      spec,
      type,
      pattern,
      specPointer,
      computeNames: compute ? [...new Set(compute.references.map((r) => r.split(/[.[]/)[0] as string))] : [],
      staticRequired: spec.required === true && !spec.visibleWhen && !spec.requiredWhen,
      children,
      childByName: new Map(children.map((c) => [c.name, c])),
      visible: spec.visibleWhen ? condition(spec.visibleWhen, `${specPointer}/visibleWhen`) : undefined,
      requiredWhen: spec.requiredWhen ? condition(spec.requiredWhen, `${specPointer}/requiredWhen`) : undefined,
      compute,
      required: spec.required === true,
      container: type.container,
      check: type.check,
      normalize: type.normalize,
    };
    return node;
  });
}

function condition(cond: unknown, pointer: string): CompiledCondition {
  try {
    return compileCondition(cond);
  } catch (e) {
    throw new FormCompileError(pointer, (e as Error).message);
  }
}
