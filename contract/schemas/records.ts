import { Type, type Static } from 'typebox';
import { named } from '../named.ts';
import { AnyObject, Closed, Instant, Nullable } from './common.ts';
import { CaseSummary } from './cases.ts';

export const NewRecord = named(
  'NewRecord',
  Closed({ data: AnyObject, unit: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
);
export const RecordChange = named(
  'RecordChange',
  Closed({
    data: AnyObject,
    expectedVersion: Type.Integer({ minimum: 1 }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  }),
);

export const RecordTypeSummary = Closed({
  type: Type.String(),
  title: Type.String(),
  form: Type.String(),
  /** The field that names a record of the type (a customer's name): what people see instead of its id. */
  titleField: Type.Optional(Type.String()),
});
const recordKeys = {
  type: Type.String(),
  id: Type.String(),
  unit: Type.String(),
  data: AnyObject,
  version: Type.Integer({ minimum: 1 }),
  createdAt: Instant,
  updatedAt: Instant,
  createdBy: Type.String(),
  updatedBy: Type.String(),
};
export const ArchiveRecord = named('ArchiveRecord', Closed(recordKeys));
export type ArchiveRecord = Static<typeof ArchiveRecord>;
export const RecordWithHistory = named(
  'RecordWithHistory',
  Closed({
    ...recordKeys,
    history: Type.Array(
      Closed({
        version: Type.Integer(),
        data: AnyObject,
        at: Instant,
        by: Type.String(),
        note: Nullable(Type.String()),
      }),
    ),
  }),
);
export const RecordPage = Closed({ items: Type.Array(ArchiveRecord), next: Nullable(Type.String()) });
export const RecordCases = Closed({ items: Type.Array(CaseSummary) });
export const RecordQuery = Type.Object({
  q: Type.Optional(Type.String({ description: 'words of the record' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ description: 'the `next` of the previous page' })),
});
