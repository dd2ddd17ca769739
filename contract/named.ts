import type { TSchema } from 'typebox';

// By identity: a schema object declared once is the same object wherever it is used.
const NAMES = new WeakMap<object, string>();

/**
 * Gives a schema the name it has in the OpenAPI document (`#/components/schemas/NAME`) and in
 * problem details ("the body is not a valid NAME"). The schema itself stays plain JSON Schema.
 */
export function named<T extends TSchema>(name: string, schema: T): T {
  NAMES.set(schema, name);
  return schema;
}

export function nameOf(schema: object): string | undefined {
  return NAMES.get(schema);
}
