import {
  userChoicesAt,
  withUserChoices,
  type Choice,
  type ChoiceLinks,
  type JsonSchema,
} from '../../engine/forms/index.ts';
import type { Directory } from '../../engine/runtime/actor.ts';
import type { CaseRecord } from '../../engine/runtime/case-record.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import { peopleOf } from '../../engine/runtime/people-of.ts';

/**
 * An event form's schema for one case as staff receive it: each `user` field lists, as `oneOf`,
 * the people the engine would accept for this case now (see withUserChoices), titled by their
 * names. Used for staff answers only: the customer portal's events are built apart
 * (customer-view.ts) and never carry staff lists.
 * Every enabled holder of the role is listed, however many: a company's staff per role is in the
 * tens to hundreds, and a client must be able to offer all of them.
 */
export function formForCase(
  schema: JsonSchema,
  set: CompiledSet,
  record: Pick<CaseRecord, 'unit'>,
  directory: Directory,
  links?: ChoiceLinks,
): JsonSchema {
  if (!hasUserField(schema)) return schema;
  return withUserChoices(schema, peopleOf(directory, set.org, record.unit), candidatesOf(directory), links);
}

/** Every valid value of the user field at `field` of the form, for this case now (GET …/choices). */
export function choicesForCase(
  schema: JsonSchema,
  field: string,
  set: CompiledSet,
  record: Pick<CaseRecord, 'unit'>,
  directory: Directory,
): readonly Choice[] | undefined {
  return userChoicesAt(schema, field, peopleOf(directory, set.org, record.unit), candidatesOf(directory));
}

/**
 * The link where a client pages through a field's choices when they are too many to list inline.
 * Relative to the server, e.g. /api/cases/c1/choices?event=dispatch&field=%2Ftechnician.
 */
export function choicesLink(caseId: string, event: string, field: string): string {
  return `/api/cases/${encodeURIComponent(caseId)}/choices?${new URLSearchParams({ event, field }).toString()}`;
}

const candidatesOf = (directory: Directory) => (role: string | undefined) =>
  role === undefined ? directory.enabled() : directory.withRole(role);

// A form's schema is made once per definition version: whether it holds a user field is asked once.
const userFieldIn = new WeakMap<JsonSchema, boolean>();

/** Whether the schema names a `user` field anywhere (group and rows included). */
export function hasUserField(schema: JsonSchema): boolean {
  let known = userFieldIn.get(schema);
  if (known === undefined) userFieldIn.set(schema, (known = JSON.stringify(schema).includes('"x-sf-type":"user"')));
  return known;
}
