import type { ActionType } from './action-type.ts';
import { resolveUnit, usersWithRole } from '../runtime/unit-ref.ts';

interface AssignParams {
  readonly to?: string;
  readonly role?: string;
  readonly unit?: string;
  readonly upward?: boolean;
}

/**
 * `assign: { to: '=event.technician' }` or `assign: { role: repair-technician, unit: case }`.
 * With a role, the case goes to the holder with the fewest… we have no load figures in a pure step,
 * so the choice rotates by case id: deterministic, and spreads cases evenly over the holders.
 */
export const assignAction: ActionType = {
  type: 'assign',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      to: { type: 'string', description: "A username or an expression such as '=event.technician'." },
      role: { type: 'string' },
      unit: { type: 'string', description: "case (default), parent, root, actor, a unit name or '=expr'" },
      upward: { type: 'boolean', description: 'Search the units above when the unit has nobody with the role.' },
    },
  },
  run(raw, ctx) {
    const p = raw as AssignParams;
    let chosen: string | null = null;
    if (p.to) {
      const v = ctx.value(p.to);
      chosen = typeof v === 'string' && v ? v : null;
    } else if (p.role) {
      const unit = resolveUnit(p.unit, ctx);
      const holders = unit ? usersWithRole(ctx, p.role, unit, p.upward ?? false) : [];
      if (holders.length > 0) chosen = holders[rotation(ctx.draft.id) % holders.length]!;
    }
    if (!chosen) {
      ctx.effects.notes.push(`nobody to assign (${p.role ?? p.to ?? ''})`);
      return;
    }
    ctx.draft.assignee = chosen;
    ctx.effects.notes.push(`assigned to ${chosen}`);
  },
};

function rotation(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h;
}
