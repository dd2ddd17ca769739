import { routes } from '../../contract/routes.ts';
import { localize } from '../../engine/localized.ts';
import { implement } from '../http/route-contract.ts';
import type { Services } from '../services.ts';

/** How many of the newest notifications the unread count looks at (shown as "99+" beyond). */
const COUNTED = 100;

/**
 * GET /api/inbox and POST /api/inbox/read: each person's in-app notifications — the outbox entries
 * of channel `inapp` the engine wrote to them (assignments, SLA warnings and breaches, replies) —
 * with what they have read. An entry shows from the moment it was written: quiet hours hold back
 * texts and mails, which interrupt, not a list one opens oneself.
 */
export function inboxRoutes(services: Services) {
  const unreadOf = async (username: string) => {
    const recent = await services.store.inboxOf(username, COUNTED);
    const read = await services.storage.inboxReads.readOf(
      username,
      recent.map((e) => e.id),
    );
    return recent.filter((e) => !read.has(e.id)).length;
  };

  const list = implement(routes.inbox, async (c, { query, json }) => {
    const user = c.get('user');
    // At most COUNTED, as the declaration says.
    const limit = query.limit ?? 30;
    const entries = await services.store.inboxOf(user.username, limit);
    const read = await services.storage.inboxReads.readOf(
      user.username,
      entries.map((e) => e.id),
    );
    const set = services.registry.current();
    const numbers = await caseNumbersOf(
      services,
      entries.map((e) => e.caseId),
    );
    const items = entries.map((e) => ({
      id: e.id,
      caseId: e.caseId,
      caseNumber: (e.caseId !== null && numbers.get(e.caseId)) || null,
      // The template's title names the kind of notice in the reader's language (a new repair to dispatch, a deadline
      // drawing near…).
      title: localize(set.definition('NotificationTemplate', e.template)?.metadata.title ?? '', user.locale) || null,
      subject: e.subject,
      body: e.body,
      at: new Date(e.createdAt).toISOString(),
      read: read.has(e.id),
    }));
    return json(200, { items, unread: await unreadOf(user.username) });
  });

  const markRead = implement(routes.inboxRead, async (c, { body: read, json }) => {
    const user = c.get('user');
    const body = await read();
    // Only one's own entries can be marked: ids of others' are ignored, as if they did not exist.
    const own = new Set((await services.store.inboxOf(user.username, COUNTED)).map((e) => e.id));
    const ids = body.all ? [...own] : (body.ids ?? []).filter((id) => own.has(id));
    await services.storage.inboxReads.markRead(user.username, ids, services.clock.now());
    services.hub.inboxChanged([user.username]);
    return json(200, { unread: await unreadOf(user.username) });
  });

  return [list, markRead];
}

/** The human number of each case named (a case without one, or gone, is left out); each case read once. */
async function caseNumbersOf(services: Services, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const numbers = new Map<string, string>();
  for (const id of new Set(ids)) {
    if (id === null) continue;
    const number = (await services.store.getCase(id))?.number;
    if (number !== undefined) numbers.set(id, number);
  }
  return numbers;
}
