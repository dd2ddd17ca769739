import fc from 'fast-check';

type Schema = Record<string, any>;

/**
 * A value that satisfies a JSON Schema as a generic client reads it: `const`, `oneOf` of consts
 * (people and records listed by the server), `enum`, `type`, `format`, `pattern`, lengths and
 * bounds, objects with every writable property (conditionally required fields are not in
 * `required`, so a client that cannot evaluate conditions fills them all), arrays of `minItems`
 * (at least one). `seed` varies the picks, so a refused value can be tried again differently.
 */
export function valueFor(schema: Schema, seed = 0): unknown {
  if ('const' in schema) return schema.const;
  // A value that depends on the organization or the case (a person or a unit: x-sf-type user or
  // unit, x-sf-role, x-sf-within) is never made up: the server must list it (oneOf, or an x-sf-choices link the client has read).
  if (dependsOnOrganization(schema) && !Array.isArray(schema.oneOf)) {
    // `not: {}`: the server says nobody is valid here (for this reader, this case, now).
    if (schema.not && Object.keys(schema.not).length === 0) throw new NoValidValueError(schema);
    throw new InventedValueError(schema);
  }
  if (Array.isArray(schema.oneOf) && schema.oneOf.every((o: Schema) => 'const' in o))
    return pick(schema.oneOf, seed).const;
  if (Array.isArray(schema.enum)) return pick(schema.enum, seed);
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return objectFor(schema, seed);
    case 'array': {
      const n = Math.max(1, schema.minItems ?? 0);
      return Array.from({ length: n }, (_, i) => valueFor(schema.items ?? {}, seed + i));
    }
    case 'boolean':
      return seed % 2 === 0;
    case 'integer':
    case 'number':
      return numberFor(schema, type === 'integer');
    default:
      return stringFor(schema, seed);
  }
}

function objectFor(schema: Schema, seed: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
    if (sub.readOnly) continue;
    out[name] = valueFor(sub, seed);
  }
  return out;
}

function numberFor(schema: Schema, integer: boolean): number {
  const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
  const high = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : low + 100);
  const n = Math.min(Math.max(low, 1), high);
  return integer ? Math.ceil(n) : n;
}

function stringFor(schema: Schema, seed: number): string {
  switch (schema.format) {
    case 'date':
      return '2026-03-10';
    case 'date-time':
      return '2026-03-10T02:00:00Z';
    case 'email':
      return `client${seed}@example.com`;
    case 'time':
      return '10:00:00';
  }
  if (typeof schema.pattern === 'string') {
    const samples = fc.sample(fc.stringMatching(new RegExp(schema.pattern), { size: 'xsmall' }), { numRuns: 1, seed });
    return samples[0]!;
  }
  const min = schema.minLength ?? 1;
  const max = schema.maxLength ?? Math.max(min, 8);
  const text = `text ${seed} `.padEnd(min, 'x');
  return text.slice(0, Math.max(min, Math.min(text.length, max)));
}

const pick = <T>(list: readonly T[], seed: number): T => list[seed % list.length]!;

/** Whether the field's valid values depend on the organization or the case (people and units, not text). */
export function dependsOnOrganization(schema: Schema): boolean {
  return (
    schema['x-sf-type'] === 'user' ||
    schema['x-sf-type'] === 'unit' ||
    typeof schema['x-sf-role'] === 'string' ||
    typeof schema['x-sf-within'] === 'string'
  );
}

/** Thrown rather than inventing a value the server did not list. */
export class InventedValueError extends Error {
  constructor(readonly schema: Schema) {
    super(
      `refusing to invent a value for a field whose values depend on the organization (${JSON.stringify(schema).slice(0, 200)}): the server sent neither oneOf nor x-sf-choices`,
    );
    this.name = 'InventedValueError';
  }
}

/** The server listed no valid value for the field: this reader cannot fill the form now. */
export class NoValidValueError extends Error {
  constructor(readonly schema: Schema) {
    super(`no valid value for ${JSON.stringify(schema).slice(0, 200)}`);
    this.name = 'NoValidValueError';
  }
}
