import type { ErrorObject } from 'ajv';
import { say, sayIn, type Said, type SaidKey, type SaidParam } from './said.ts';
import { joinPointer } from './yaml-source.ts';

/** An ajv error turned into a plain-words message (a catalogue key) at a JSON pointer. */
export interface SchemaProblem {
  readonly pointer: string;
  /** Point at the key rather than the value (unknown properties). */
  readonly atKey: boolean;
  readonly said: Said;
  readonly hint?: Said;
  /** The message in English (programs, logs, the CLI). */
  readonly message: string;
}

const problem = (pointer: string, atKey: boolean, said: Said, hint?: Said): SchemaProblem => ({
  pointer,
  atKey,
  said,
  message: sayIn(said, 'en'),
  ...(hint ? { hint } : {}),
});

/** A JSON type as the catalogue names it (string, number, object…). */
const typeSaid = (type: string): SaidParam => {
  const key = `type.${type}`;
  return ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'].includes(type)
    ? say(key as SaidKey)
    : type;
};

/**
 * ajv reports every failed branch of a `oneOf`; users want one sentence per place. We keep the
 * deepest errors, merge type alternatives, and drop the combinator summaries when a more specific
 * error exists beneath them.
 */
export function schemaProblems(errors: readonly ErrorObject[]): SchemaProblem[] {
  const specific = errors.filter(
    (e) =>
      !['oneOf', 'anyOf', 'if', 'then', 'else'].includes(e.keyword) ||
      !errors.some(
        (o) => o !== e && !['oneOf', 'anyOf'].includes(o.keyword) && o.instancePath.startsWith(e.instancePath),
      ),
  );
  // Within one place, a specific error about content beats a "wrong type" from another branch.
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of specific) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const [path, list] of byPath) {
    const deeper = specific.some((o) => o.instancePath.startsWith(path + '/'));
    const types = list.filter((e) => e.keyword === 'type');
    const others = list.filter((e) => e.keyword !== 'type');
    const chosen: ErrorObject[] = others.length > 0 ? others : deeper ? [] : types.slice(0, 1);
    if (others.length === 0 && types.length > 1 && !deeper) {
      const expected = types.map((t) => typeSaid((t.params as { type: string }).type));
      push(problem(path, false, say('expected', { label: '', type: { or: expected } })));
      continue;
    }
    for (const e of chosen) push(toProblem(e));
  }
  return out;

  function push(p: SchemaProblem) {
    const key = `${p.pointer}|${p.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(p);
  }
}

function toProblem(e: ErrorObject): SchemaProblem {
  const params = e.params as Record<string, unknown>;
  const schema = e.parentSchema as Record<string, unknown> | undefined;
  const description = typeof schema?.description === 'string' ? schema.description : undefined;
  const where = label(lastToken(e.instancePath));
  const at = e.instancePath;
  switch (e.keyword) {
    case 'required':
      return problem(at, false, say('missingProperty', { name: String(params.missingProperty) }));
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const allowed = schema && typeof schema.properties === 'object' ? Object.keys(schema.properties as object) : [];
      return problem(
        at + joinPointer(name),
        true,
        say('unknownProperty', { name }),
        allowed.length ? say('allowedHere', { names: allowed }) : undefined,
      );
    }
    case 'unevaluatedProperties': {
      const name = String(params.unevaluatedProperty);
      return problem(at + joinPointer(name), true, say('unknownProperty', { name }));
    }
    case 'type':
      return problem(at, false, say('expected', { label: where, type: typeSaid(String(params.type)) }));
    case 'enum':
      return problem(
        at,
        false,
        say('mustBeOneOf', { label: where, values: (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)) }),
      );
    case 'const':
      return problem(at, false, say('mustBe', { label: where, value: JSON.stringify(params.allowedValue) }));
    case 'pattern':
      // The schema's description says the form in the schema author's words (English, like the YAML keys).
      return problem(
        at,
        false,
        say('wrongForm', { label: where }),
        description
          ? say('schemaDescription', { text: description })
          : say('expectedPattern', { pattern: String(params.pattern) }),
      );
    case 'minItems':
    case 'maxItems':
    case 'minLength':
    case 'maxLength':
    case 'minimum':
    case 'maximum':
    case 'minProperties':
      return problem(at, false, say(`limit.${e.keyword}` as SaidKey, { label: where, limit: String(params.limit) }));
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'uniqueItems':
    case 'format':
    case 'maxProperties':
      return problem(
        at,
        false,
        say(`limit.${e.keyword}` as SaidKey, {
          label: where,
          limit: String(params.limit ?? ''),
          format: String(params.format ?? ''),
        }),
      );
    default:
      return problem(
        at,
        false,
        say('invalidValue', { label: where }),
        description ? say('schemaDescription', { text: description }) : undefined,
      );
  }
}

function lastToken(pointer: string): string {
  const i = pointer.lastIndexOf('/');
  return i < 0 ? '' : pointer.slice(i + 1);
}

/** The key the problem is at, as the message names it (an array index names nothing). */
function label(where: string): SaidParam {
  return where && !/^\d+$/.test(where) ? say('label', { name: where }) : '';
}
