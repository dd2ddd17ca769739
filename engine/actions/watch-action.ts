import { checkRecipientRoles } from './check-role.ts';
import type { ActionType } from './action-type.ts';
import { recipientSchema, resolveRecipients, type RecipientSpec } from '../runtime/recipients.ts';
import { note } from '../runtime/note.ts';

/** `watch: [ {role: general-manager, unit: root} ]` — adds watchers who are told of every step. */
export const watchAction: ActionType = {
  type: 'watch',
  schema: { type: 'array', minItems: 1, items: recipientSchema },
  check(params, pointer, index, report) {
    checkRecipientRoles(pointer, params, index, report);
  },
  run(raw, ctx) {
    const users = resolveRecipients(raw as RecipientSpec[], ctx);
    for (const u of users) if (!ctx.draft.watchers.includes(u)) ctx.draft.watchers.push(u);
    if (users.length) ctx.effects.notes.push(note('watchers', { people: users }));
  },
};
