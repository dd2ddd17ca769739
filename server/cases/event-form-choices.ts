import {
  fieldChoicesAt,
  listedTypes,
  withFieldChoices,
  type Choice,
  type ChoiceLinks,
  type ChoiceSources,
  type JsonSchema,
} from '../../engine/forms/index.ts';
import { localize, type Locale } from '../../engine/localized.ts';
import type { Actor, Directory } from '../../engine/runtime/actor.ts';
import type { CaseRecord } from '../../engine/runtime/case-record.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import { peopleOf } from '../../engine/runtime/people-of.ts';
import { unitsOf } from '../../engine/runtime/units-of.ts';

/** Whom and what a form is listed for: the reader who fills it, in their language. */
export interface Reader {
  readonly actor: Pick<Actor, 'unit'>;
  readonly locale: Locale;
}

/**
 * An event form's schema for one case as staff receive it: each field whose valid values depend
 * on the Organization lists them as `oneOf` — a `user` field the people the engine would accept
 * for this case now, titled by their names; a `unit` field the units this reader may name for
 * this case now, titled in the reader's language (see withFieldChoices). Used for staff answers
 * only: the customer portal's events are built apart (customer-view.ts) and never carry staff lists.
 * Every valid value is listed, however many, unless `links` says to name a link beyond `inline`.
 */
export function formForCase(
  schema: JsonSchema,
  set: CompiledSet,
  record: Pick<CaseRecord, 'unit'>,
  directory: Directory,
  reader: Reader,
  links?: ChoiceLinks,
): JsonSchema {
  if (!hasListedField(schema)) return schema;
  return withFieldChoices(schema, sourcesOf(set, record, directory, reader), links);
}

/** Every valid value of the listed field at `field` of the form, for this case and reader now (GET …/choices). */
export function choicesForCase(
  schema: JsonSchema,
  field: string,
  set: CompiledSet,
  record: Pick<CaseRecord, 'unit'>,
  directory: Directory,
  reader: Reader,
): readonly Choice[] | undefined {
  return fieldChoicesAt(schema, field, sourcesOf(set, record, directory, reader));
}

/**
 * The link where a client pages through a field's choices when they are too many to list inline.
 * Relative to the server, e.g. /api/cases/c1/choices?event=dispatch&field=%2Ftechnician.
 */
export function choicesLink(caseId: string, event: string, field: string): string {
  return `/api/cases/${encodeURIComponent(caseId)}/choices?${new URLSearchParams({ event, field }).toString()}`;
}

function sourcesOf(
  set: CompiledSet,
  record: Pick<CaseRecord, 'unit'>,
  directory: Directory,
  reader: Reader,
): ChoiceSources {
  return {
    people: peopleOf(directory, set.org, record.unit),
    candidates: (role) => (role === undefined ? directory.enabled() : directory.withRole(role)),
    units: unitsOf(directory, set.org, record.unit, reader.actor),
    unitCandidates: set.org.units().map((u) => ({ name: u.name, title: localize(u.title, reader.locale) })),
  };
}

// A form's schema is made once per definition version: whether it holds a listed field is asked once.
const listedFieldIn = new WeakMap<JsonSchema, boolean>();

/** Whether the schema has a field whose values the server lists (`user`, `unit`) anywhere, group and rows included. */
export function hasListedField(schema: JsonSchema): boolean {
  let known = listedFieldIn.get(schema);
  if (known === undefined) {
    const text = JSON.stringify(schema);
    known = listedTypes.some((type) => text.includes(`"x-sf-type":${JSON.stringify(type)}`));
    listedFieldIn.set(schema, known);
  }
  return known;
}
