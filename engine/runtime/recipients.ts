import type { ActionContext } from './action-context.ts';
import { resolveUnit, usersWithRole } from './unit-ref.ts';

/**
 * Who a notification or escalation names: 'owner', 'assignee', 'customer', 'watchers', 'actor',
 * a username expression ('=data.x'), or { role, unit } (unit as in resolveUnit, upward search).
 */
export type RecipientSpec =
  string | { readonly role: string; readonly unit?: string; readonly upward?: boolean } | AddressSpec;

/** A person known only by an address in the case data, e.g. a hotline caller: `{ sms: '=data.phone' }`. */
export type AddressSpec = { readonly sms: string } | { readonly email: string };

export function isAddressSpec(spec: RecipientSpec): spec is AddressSpec {
  return typeof spec === 'object' && ('sms' in spec || 'email' in spec);
}

/** Addresses named by address specs, with their channel; empty values are skipped. */
export function resolveAddresses(
  specs: readonly RecipientSpec[],
  ctx: ActionContext,
): { channel: 'sms' | 'email'; address: string }[] {
  const out: { channel: 'sms' | 'email'; address: string }[] = [];
  for (const spec of specs) {
    if (!isAddressSpec(spec)) continue;
    const channel = 'sms' in spec ? 'sms' : 'email';
    const v = ctx.value('sms' in spec ? spec.sms : spec.email);
    if (typeof v === 'string' && v.trim()) out.push({ channel, address: v.trim() });
  }
  return out;
}

export function resolveRecipients(specs: readonly RecipientSpec[], ctx: ActionContext): string[] {
  const out = new Set<string>();
  for (const spec of specs) {
    if (isAddressSpec(spec)) continue;
    if (typeof spec === 'object') {
      const unit = resolveUnit(spec.unit, ctx);
      if (unit) for (const u of usersWithRole(ctx, spec.role, unit, spec.upward ?? false)) out.add(u);
      continue;
    }
    const d = ctx.draft;
    switch (spec) {
      case 'owner':
        if (d.owner) out.add(d.owner);
        break;
      case 'assignee':
        if (d.assignee) out.add(d.assignee);
        break;
      case 'customer':
        if (d.customerUser) out.add(d.customerUser);
        break;
      case 'watchers':
        d.watchers.forEach((w) => out.add(w));
        break;
      case 'actor':
        if (!ctx.actor.system) out.add(ctx.actor.username);
        break;
      default: {
        const v = ctx.value(spec);
        if (typeof v === 'string' && v) out.add(v);
      }
    }
  }
  return [...out];
}

export const recipientSchema = {
  oneOf: [
    {
      type: 'string',
      description: "owner, assignee, customer, watchers, actor, or an expression such as '=data.contact'",
    },
    {
      type: 'object',
      required: ['role'],
      additionalProperties: false,
      properties: { role: { type: 'string' }, unit: { type: 'string' }, upward: { type: 'boolean' } },
    },
    {
      type: 'object',
      required: ['sms'],
      additionalProperties: false,
      properties: { sms: { type: 'string', description: "A mobile number, e.g. '=data.phone'" } },
    },
    {
      type: 'object',
      required: ['email'],
      additionalProperties: false,
      properties: { email: { type: 'string', description: "An e-mail address, e.g. '=data.email'" } },
    },
  ],
} as const;
