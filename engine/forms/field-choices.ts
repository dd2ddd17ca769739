import type { JsonSchema } from './field-types/field-type.ts';
import { unit } from './field-types/unit.ts';
import { user } from './field-types/user.ts';
import type { FieldScope, FieldSpec } from './form-model.ts';
import type { People } from './people.ts';
import type { Units } from './units.ts';

/** Someone a `user` field might name: a username and the name a reader knows them by. */
export interface Candidate {
  readonly username: string;
  readonly name?: string | undefined;
}

/** The people worth asking `user.check` about: the holders of `role`, or everyone enabled when the field names none. */
export type Candidates = (role: string | undefined) => readonly Candidate[];

/** A unit a `unit` field might name: its name and its title in the reader's language. */
export interface UnitCandidate {
  readonly name: string;
  readonly title: string;
}

/**
 * What the valid values of the fields that depend on the Organization are chosen from, for one
 * reader, one case (or the case a start form would open) and now: the same People and Units the
 * engine validates with, and the candidates to put to them.
 */
export interface ChoiceSources {
  readonly people: People;
  readonly candidates: Candidates;
  readonly units: Units;
  /** Every unit of the Organization, in the order of its tree. */
  readonly unitCandidates: readonly UnitCandidate[];
}

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
 * The field types whose valid values depend on the Organization, the actor or the case, each
 * with how to list them. Each candidate is put to the field type's own `check` with the same
 * People and Units the engine validates with, so the list and the validation cannot disagree.
 */
const LISTED: Readonly<Record<string, (schema: JsonSchema, sources: ChoiceSources) => Choice[]>> = {
  user: userChoices,
  unit: unitChoices,
};

/** The field types whose valid values are listed. */
export const listedTypes: readonly string[] = Object.keys(LISTED);

/** Whether the schema is of a field whose valid values the server lists (user, unit). */
export const isListedField = (schema: JsonSchema): boolean =>
  typeof schema['x-sf-type'] === 'string' && Object.hasOwn(LISTED, schema['x-sf-type']);

/**
 * A form's JSON Schema with the valid values of each field that depends on the Organization
 * (`user`, `unit`) listed as `oneOf: [{const, title}]`, so a client that knows no workflow can
 * offer (and a generic client pick) only values the engine will accept. A field nothing may fill
 * gets `not: {}` (JSON Schema's "nothing is valid"), since `oneOf` must not be empty.
 * Returns the schema itself when it has no such field, so callers can keep their cached text.
 */
export function withFieldChoices(
  schema: JsonSchema,
  sources: ChoiceSources,
  links?: ChoiceLinks,
  path = '',
): JsonSchema {
  if (isListedField(schema)) return listedSchema(schema, sources, links, path);
  let changed = false;
  const out: JsonSchema = { ...schema };
  const props = schema.properties;
  if (props && typeof props === 'object') {
    const next: JsonSchema = {};
    for (const [name, sub] of Object.entries(props as Record<string, JsonSchema>)) {
      next[name] = withFieldChoices(sub, sources, links, `${path}/${name}`);
      if (next[name] !== sub) changed = true;
    }
    out.properties = next;
  }
  const items = schema.items;
  if (items && typeof items === 'object' && !Array.isArray(items)) {
    out.items = withFieldChoices(items as JsonSchema, sources, links, `${path}/*`);
    if (out.items !== items) changed = true;
  }
  return changed ? out : schema;
}

/**
 * Every valid value of the listed field at `field` (a path as ChoiceLinks names it), in the
 * order the schema would list them; undefined when no such field is there.
 */
export function fieldChoicesAt(
  schema: JsonSchema,
  field: string,
  sources: ChoiceSources,
): readonly Choice[] | undefined {
  let at: JsonSchema | undefined = schema;
  for (const step of field.split('/').slice(1)) {
    if (!at) return undefined;
    const next: unknown = step === '*' ? at.items : (at.properties as Record<string, unknown> | undefined)?.[step];
    at = next && typeof next === 'object' && !Array.isArray(next) ? (next as JsonSchema) : undefined;
  }
  return at && isListedField(at) ? LISTED[at['x-sf-type'] as string]!(at, sources) : undefined;
}

function listedSchema(
  schema: JsonSchema,
  sources: ChoiceSources,
  links: ChoiceLinks | undefined,
  path: string,
): JsonSchema {
  const choices = LISTED[schema['x-sf-type'] as string]!(schema, sources);
  if (links && choices.length > links.inline) return { ...schema, 'x-sf-choices': links.linkFor(path) };
  return choices.length ? { ...schema, oneOf: choices } : { ...schema, not: {} };
}

// The field as its spec said it: the schema's annotations are written from exactly these keys.
const scopeOf = (schema: JsonSchema): FieldScope => (schema['x-sf-within'] as FieldScope | undefined) ?? 'case';
const roleOf = (schema: JsonSchema): { role?: string } =>
  typeof schema['x-sf-role'] === 'string' ? { role: schema['x-sf-role'] } : {};

function userChoices(schema: JsonSchema, sources: ChoiceSources): Choice[] {
  const field: FieldSpec = {
    name: '',
    label: '',
    type: 'user',
    ...roleOf(schema),
    within: scopeOf(schema),
    ...(schema['x-sf-upward'] === true ? { upward: true } : {}),
  };
  return sources
    .candidates(field.role)
    .filter((c) => user.check!(c.username, field, { people: sources.people }) === undefined)
    .map((c) => ({ const: c.username, title: c.name ?? c.username }));
}

function unitChoices(schema: JsonSchema, sources: ChoiceSources): Choice[] {
  const types = schema['x-sf-unit-types'];
  const field: FieldSpec = {
    name: '',
    label: '',
    type: 'unit',
    ...roleOf(schema),
    within: scopeOf(schema),
    ...(Array.isArray(types) ? { unitTypes: types as string[] } : {}),
  };
  return sources.unitCandidates
    .filter((c) => unit.check!(c.name, field, { units: sources.units }) === undefined)
    .map((c) => ({ const: c.name, title: c.title }));
}
