import type { JsonSchema } from './field-types/field-type.ts';
import { user } from './field-types/user.ts';
import type { FieldSpec, UserScope } from './form-model.ts';
import type { People } from './people.ts';

/** Someone a `user` field might name: a username and the name a reader knows them by. */
export interface Candidate {
  readonly username: string;
  readonly name?: string | undefined;
}

/** The people worth asking `user.check` about: the holders of `role`, or everyone enabled when the field names none. */
export type Candidates = (role: string | undefined) => readonly Candidate[];

/**
 * A form's JSON Schema with each `user` field's valid values listed as `oneOf: [{const, title}]`,
 * so a client that knows no workflow can offer (and a generic client pick) only people the engine
 * will accept. Each candidate is put to the field type's own `check` with the same People the
 * engine validates with, so the list and the validation cannot disagree. A field nobody may fill
 * gets `not: {}` (JSON Schema's "nothing is valid"), since `oneOf` must not be empty.
 * Returns the schema itself when it has no user field, so callers can keep their cached text.
 */
export function withUserChoices(schema: JsonSchema, people: People, candidates: Candidates): JsonSchema {
  if (schema['x-sf-type'] === 'user') return userSchema(schema, people, candidates);
  let changed = false;
  const out: JsonSchema = { ...schema };
  const props = schema.properties;
  if (props && typeof props === 'object') {
    const next: JsonSchema = {};
    for (const [name, sub] of Object.entries(props as Record<string, JsonSchema>)) {
      next[name] = withUserChoices(sub, people, candidates);
      if (next[name] !== sub) changed = true;
    }
    out.properties = next;
  }
  const items = schema.items;
  if (items && typeof items === 'object' && !Array.isArray(items)) {
    out.items = withUserChoices(items as JsonSchema, people, candidates);
    if (out.items !== items) changed = true;
  }
  return changed ? out : schema;
}

function userSchema(schema: JsonSchema, people: People, candidates: Candidates): JsonSchema {
  // The field as its spec said it: the schema's annotations are written from exactly these keys.
  const role = typeof schema['x-sf-role'] === 'string' ? schema['x-sf-role'] : undefined;
  const field: FieldSpec = {
    name: '',
    label: '',
    type: 'user',
    ...(role === undefined ? {} : { role }),
    within: (schema['x-sf-within'] as UserScope | undefined) ?? 'case',
    ...(schema['x-sf-upward'] === true ? { upward: true } : {}),
  };
  const choices = candidates(role)
    .filter((c) => user.check!(c.username, field, { people }) === undefined)
    .map((c) => ({ const: c.username, title: c.name ?? c.username }));
  return choices.length ? { ...schema, oneOf: choices } : { ...schema, not: {} };
}
