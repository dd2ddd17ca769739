import type { ActionContext } from '../runtime/action-context.ts';
import { renderTemplate } from './render-template.ts';
import { templateReader } from './template-reader.ts';

/**
 * Writes one outbox entry per channel for a user. Non-urgent notifications wait for the case unit's
 * working time (quiet hours); urgent ones (escalations) go at once.
 */
export function queueNotification(
  ctx: ActionContext,
  request: {
    template: string;
    username: string;
    channels?: readonly string[] | undefined;
    urgent?: boolean | undefined;
    /** Send to this address instead of the user's own (a customer without a login). */
    address?: { channel: 'sms' | 'email'; address: string };
  },
): void {
  const template = ctx.set.templates.get(request.template);
  if (!template) return;
  const user = ctx.directory.user(request.username);
  const locale = user?.locale ?? 'zh-CN';
  const urgent = request.urgent ?? template.urgent ?? false;
  const calendar = ctx.set.calendarForUnit(ctx.draft.unit);
  const notBefore = urgent || !calendar ? ctx.now : calendar.nextWorkingTime(ctx.now);
  // Rendering is for the person who reads it; a caller that reads none leaves subject and body empty.
  const scope = ctx.explain
    ? { ...ctx.scope(), recipient: { username: request.username, name: user?.name ?? request.username } }
    : null;
  const reader = scope ? templateReader(ctx, locale) : undefined;
  const channels = request.address ? [request.address.channel] : (request.channels ?? template.channels);
  for (const channel of channels) {
    const address =
      request.address?.address ??
      (channel === 'email' ? user?.email : channel === 'sms' ? user?.mobile : request.username);
    if (!address) continue;
    ctx.effects.outbox.push({
      id: ctx.ids.next('outbox'),
      caseId: ctx.draft.id,
      channel,
      recipient: address,
      template: request.template,
      subject: scope ? renderTemplate(template.subject, locale, scope, reader) : '',
      body: scope ? renderTemplate(template.body, locale, scope, reader) : '',
      urgent,
      createdAt: ctx.now,
      notBefore,
      status: 'queued',
      attempts: 0,
      lastError: null,
      sentAt: null,
    });
  }
}
