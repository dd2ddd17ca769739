import { Type, type Static } from 'typebox';
import { named } from '../named.ts';
import { Closed, Instant, Nullable } from './common.ts';

export const InboxRead = named(
  'InboxRead',
  Closed({
    ids: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 200, uniqueItems: true })),
    all: Type.Optional(Type.Boolean()),
  }),
);
export const InboxItem = Closed({
  id: Type.String(),
  caseId: Nullable(Type.String()),
  caseNumber: Nullable(Type.String()),
  title: Nullable(Type.String()),
  subject: Type.String(),
  body: Type.String(),
  at: Instant,
  read: Type.Boolean(),
});
export type InboxItem = Static<typeof InboxItem>;
export const Inbox = named('Inbox', Closed({ items: Type.Array(InboxItem), unread: Type.Integer({ minimum: 0 }) }));
export type Inbox = Static<typeof Inbox>;
export const Unread = Closed({ unread: Type.Integer({ minimum: 0 }) });
export const InboxQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
});
