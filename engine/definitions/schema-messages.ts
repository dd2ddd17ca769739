import type { ErrorObject } from 'ajv';
import { joinPointer } from './yaml-source.ts';

/** An ajv error turned into a plain-words message at a JSON pointer. */
export interface SchemaProblem {
  readonly pointer: string;
  /** Point at the key rather than the value (unknown properties). */
  readonly atKey: boolean;
  readonly message: string;
  readonly hint?: string;
}

/**
 * ajv reports every failed branch of a `oneOf`; users want one sentence per place. We keep the
 * deepest errors, merge type alternatives, and drop the combinator summaries when a more specific
 * error exists beneath them.
 */
export function schemaProblems(errors: readonly ErrorObject[]): SchemaProblem[] {
  const specific = errors.filter(
    (e) =>
      !['oneOf', 'anyOf', 'if', 'then', 'else'].includes(e.keyword) ||
      !errors.some((o) => o !== e && !['oneOf', 'anyOf'].includes(o.keyword) && o.instancePath.startsWith(e.instancePath)),
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
      const expected = types.map((t) => (t.params as { type: string }).type).join(' or ');
      push({ pointer: path, atKey: false, message: `expected ${expected}` });
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
  const where = lastToken(e.instancePath);
  switch (e.keyword) {
    case 'required':
      return { pointer: e.instancePath, atKey: false, message: `missing required property "${String(params.missingProperty)}"` };
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const allowed = schema && typeof schema.properties === 'object' ? Object.keys(schema.properties as object) : [];
      return {
        pointer: e.instancePath + joinPointer(name),
        atKey: true,
        message: `unknown property "${name}"`,
        ...(allowed.length ? { hint: `allowed here: ${allowed.join(', ')}` } : {}),
      };
    }
    case 'unevaluatedProperties': {
      const name = String(params.unevaluatedProperty);
      return { pointer: e.instancePath + joinPointer(name), atKey: true, message: `unknown property "${name}"` };
    }
    case 'type':
      return { pointer: e.instancePath, atKey: false, message: `${label(where)}expected ${String(params.type)}` };
    case 'enum':
      return {
        pointer: e.instancePath,
        atKey: false,
        message: `${label(where)}must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'const':
      return { pointer: e.instancePath, atKey: false, message: `${label(where)}must be ${JSON.stringify(params.allowedValue)}` };
    case 'pattern':
      return {
        pointer: e.instancePath,
        atKey: false,
        message: `${label(where)}has the wrong form`,
        hint: description ?? `expected to match ${String(params.pattern)}`,
      };
    case 'minItems':
    case 'maxItems':
    case 'minLength':
    case 'maxLength':
    case 'minimum':
    case 'maximum':
    case 'minProperties':
      return { pointer: e.instancePath, atKey: false, message: `${label(where)}${e.message ?? 'is out of range'}` };
    default:
      return {
        pointer: e.instancePath,
        atKey: false,
        message: `${label(where)}${e.message ?? 'is invalid'}`,
        ...(description ? { hint: description } : {}),
      };
  }
}

function lastToken(pointer: string): string {
  const i = pointer.lastIndexOf('/');
  return i < 0 ? '' : pointer.slice(i + 1);
}

function label(where: string): string {
  return where && !/^\d+$/.test(where) ? `"${where}" ` : '';
}
