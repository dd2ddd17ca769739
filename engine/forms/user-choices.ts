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

/** One valid value of a field, as a schema's `oneOf` lists it. */
export interface Choice {
  readonly const: string;
  readonly title: string;
}

/**
 * When a field's choices are more than `inline`, its schema carries no `oneOf` but
 * `x-sf-choices`: the link `linkFor(field)` gives, where a client pages through them. `field` is
 * the field's path in the data: `/technician`, `/visits/*​/engineer` for a field of rows.
 */
export interface ChoiceLinks {
  readonly inline: number;
  linkFor(field: string): string;
}

/**
 * A form's JSON Schema with each `user` field's valid values listed as `oneOf: [{const, title}]`,
 * so a client that knows no workflow can offer (and a generic client pick) only people the engine
 * will accept. Each candidate is put to the field type's own `check` with the same People the
 * engine validates with, so the list and the validation cannot disagree. A field nobody may fill
 * gets `not: {}` (JSON Schema's "nothing is valid"), since `oneOf` must not be empty.
 * Returns the schema itself when it has no user field, so callers can keep their cached text.
 */
export function withUserChoices(
  schema: JsonSchema,
  people: People,
  candidates: Candidates,
  links?: ChoiceLinks,
  path = '',
): JsonSchema {
  if (schema['x-sf-type'] === 'user') return userSchema(schema, people, candidates, links, path);
  let changed = false;
  const out: JsonSchema = { ...schema };
  const props = schema.properties;
  if (props && typeof props === 'object') {
    const next: JsonSchema = {};
    for (const [name, sub] of Object.entries(props as Record<string, JsonSchema>)) {
      next[name] = withUserChoices(sub, people, candidates, links, `${path}/${name}`);
      if (next[name] !== sub) changed = true;
    }
    out.properties = next;
  }
  const items = schema.items;
  if (items && typeof items === 'object' && !Array.isArray(items)) {
    out.items = withUserChoices(items as JsonSchema, people, candidates, links, `${path}/*`);
    if (out.items !== items) changed = true;
  }
  return changed ? out : schema;
}

/**
 * Every valid value of the `user` field at `field` (a path as ChoiceLinks names it), in the order
 * the schema would list them; undefined when no user field is there.
 */
export function userChoicesAt(
  schema: JsonSchema,
  field: string,
  people: People,
  candidates: Candidates,
): readonly Choice[] | undefined {
  let at: JsonSchema | undefined = schema;
  for (const step of field.split('/').slice(1)) {
    if (!at) return undefined;
    const next: unknown = step === '*' ? at.items : (at.properties as Record<string, unknown> | undefined)?.[step];
    at = next && typeof next === 'object' && !Array.isArray(next) ? (next as JsonSchema) : undefined;
  }
  return at && at['x-sf-type'] === 'user' ? choicesOf(at, people, candidates) : undefined;
}

function userSchema(
  schema: JsonSchema,
  people: People,
  candidates: Candidates,
  links: ChoiceLinks | undefined,
  path: string,
): JsonSchema {
  const choices = choicesOf(schema, people, candidates);
  if (links && choices.length > links.inline) return { ...schema, 'x-sf-choices': links.linkFor(path) };
  return choices.length ? { ...schema, oneOf: choices } : { ...schema, not: {} };
}

function choicesOf(schema: JsonSchema, people: People, candidates: Candidates): Choice[] {
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
  return candidates(role)
    .filter((c) => user.check!(c.username, field, { people }) === undefined)
    .map((c) => ({ const: c.username, title: c.name ?? c.username }));
}
