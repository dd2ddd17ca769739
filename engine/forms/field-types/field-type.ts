import type { DefinitionIndex, Report } from '../../definitions/kind.ts';
import type { FieldScope, FieldSpec } from '../form-model.ts';
import type { People } from '../people.ts';
import type { Units } from '../units.ts';

export type JsonSchema = Record<string, unknown>;

/** A failed extra check: the message code (see messages/*.json) and an optional `{limit}`. */
export interface ValueProblem {
  readonly code: string;
  readonly limit?: string | number;
}

/** What a check may know beyond the form; absent where it is not known (a browser has no People or Units). */
export interface CheckEnv {
  readonly people?: People | undefined;
  readonly units?: Units | undefined;
}

/**
 * One field type. The compiler asks it for the JSON Schema of a value, the validator maps the
 * schema's failures to `code` and runs `check` for what JSON Schema cannot say (a checksum, a
 * fen). `check` runs only on a visible, present value that already passed the schema.
 */
export interface FieldType {
  readonly type: string;
  /** Spec properties this type uses beyond the common ones (see COMMON_PROPERTIES). */
  readonly accepts: readonly string[];
  /** With `within` accepted: the scopes this type knows (the loader refuses any other). */
  readonly scopes?: readonly FieldScope[];
  /** The JSON Schema of one value; group and rows call `nested` for their fields. */
  schema(field: FieldSpec, nested: (fields: readonly FieldSpec[]) => JsonSchema): JsonSchema;
  /** Message code for this type's own format failures (schema `type`, `pattern`, `format`, and
   *  anything inside a composite value such as a signature). Omitted: the generic codes. */
  readonly code?: string;
  check?(value: unknown, field: FieldSpec, env?: CheckEnv): ValueProblem | undefined;
  /** Reports names the field refers to that the rest of the set does not define (the loader runs it). */
  references?(field: FieldSpec, pointer: string, index: DefinitionIndex, report: Report): void;
  /** Normalizes a computed value (money rounds to the fen). */
  normalize?(value: unknown): unknown;
  /** group and rows hold fields; their values are walked rather than checked whole. */
  readonly container?: 'group' | 'rows';
  /** A short line of text a person reads to recognise a case (a name, a model), not a code or a
   *  long description: a workflow without `summary` lists its start form's first two such fields. */
  readonly textLike?: boolean;
  /** Free text: the longest value, in characters, a field of this type takes when neither it
   *  (`maxLength`) nor its form (`spec.defaultMaxLength`) says, so no field takes anything. */
  readonly defaultMaxLength?: number;
}

/** Properties every field may carry whatever its type. */
export const COMMON_PROPERTIES: readonly string[] = [
  'name',
  'type',
  'label',
  'hint',
  'placeholder',
  'required',
  'requiredWhen',
  'visibleWhen',
  'compute',
  'readOnly',
  'default',
  'width',
  'staffOnly',
  'portalValue',
];

/** Copies the listed spec properties to JSON Schema keywords when they are set. */
export function keywords(field: FieldSpec, map: Readonly<Record<string, string>>): JsonSchema {
  const out: JsonSchema = {};
  for (const [prop, keyword] of Object.entries(map)) {
    const v = (field as unknown as Record<string, unknown>)[prop];
    if (v !== undefined) out[keyword] = v;
  }
  return out;
}
