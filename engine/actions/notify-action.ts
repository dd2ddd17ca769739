import { checkRecipientRoles } from './check-role.ts';
import type { ActionType } from './action-type.ts';
import { recipientSchema, resolveAddresses, resolveRecipients, type RecipientSpec } from '../runtime/recipients.ts';
import { queueNotification } from '../notify/queue-notification.ts';
import { note } from '../runtime/note.ts';
import { knownList, say } from '../definitions/said.ts';

interface NotifyParams {
  readonly template: string;
  readonly to: readonly RecipientSpec[];
  readonly channels?: readonly string[];
  readonly urgent?: boolean;
}

/** `notify: { template, to: [owner, customer, {role, unit}], channels?, urgent? }` — written to the outbox. */
export const notifyAction: ActionType = {
  type: 'notify',
  schema: {
    type: 'object',
    required: ['template', 'to'],
    additionalProperties: false,
    properties: {
      template: { type: 'string' },
      to: { type: 'array', minItems: 1, items: recipientSchema },
      channels: { type: 'array', items: { enum: ['email', 'sms', 'inapp'] } },
      urgent: { type: 'boolean', description: 'Deliver at once, even outside working hours.' },
    },
  },
  check(params, pointer, index, report) {
    const p = params as NotifyParams;
    checkRecipientRoles(`${pointer}/to`, p.to, index, report);
    if (!index.get('NotificationTemplate', p.template)) {
      report(
        `${pointer}/template`,
        'UNKNOWN_REFERENCE',
        say('action.unknownNotificationTemplate', { template: p.template }),
        {
          hint: knownList(index.names('NotificationTemplate')),
        },
      );
    }
  },
  run(raw, ctx) {
    const p = raw as NotifyParams;
    const to = resolveRecipients(p.to, ctx);
    for (const username of to)
      queueNotification(ctx, { template: p.template, username, channels: p.channels, urgent: p.urgent });
    const addresses = resolveAddresses(p.to, ctx);
    for (const a of addresses)
      queueNotification(ctx, { template: p.template, username: a.address, urgent: p.urgent, address: a });
    const templateTitle = ctx.set.definition('NotificationTemplate', p.template)?.metadata.title;
    ctx.effects.notes.push(
      note('notified', {
        template: p.template,
        templateTitle,
        people: to,
        addresses: addresses.map((a) => `${a.channel}:${a.address}`),
      }),
    );
  },
};
