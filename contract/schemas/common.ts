import { Type, type Static } from 'typebox';
import { named } from '../named.ts';

/** A closed object: a key the declaration lacks is refused in a request and fails the contract test in an answer. */
export const Closed = <P extends Parameters<typeof Type.Object>[0]>(
  properties: P,
  options: { description?: string } = {},
) => Type.Object(properties, { additionalProperties: false, ...options });

/** Text in the reader's language, or both languages where the server passes a definition's title on as written. */
export const Localized = named(
  'Localized',
  Type.Union([Type.String(), Type.Object({ zh: Type.Optional(Type.String()), en: Type.Optional(Type.String()) })]),
);
export type Localized = Static<typeof Localized>;

/** An instant as ISO 8601 text (UTC). */
export const Instant = Type.String({ format: 'date-time' });
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
/** Any JSON object: data of a form, a compiled definition. */
export const AnyObject = Type.Record(Type.String(), Type.Unknown());

/** RFC 9457 problem document: every error answer. */
/** One field's problem; a definition's also names its file, line and column. */
export const ProblemField = Type.Object({
  path: Type.String(),
  message: Type.String(),
  code: Type.Optional(Type.String()),
  file: Type.Optional(Type.String()),
  line: Type.Optional(Type.Integer()),
  column: Type.Optional(Type.Integer()),
});
export const Problem = named(
  'Problem',
  Type.Object({
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(ProblemField)),
  }),
);
export type Problem = Static<typeof Problem>;

/** A page of a list: `next` is the `cursor` of the following page, null on the last. */
export const Page = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Closed({ items: Type.Array(item), next: Nullable(Type.String()) });
