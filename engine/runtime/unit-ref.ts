import type { ActionContext } from './action-context.ts';

/**
 * A unit named in an action: 'case' (the case's unit), 'parent', 'root', 'actor', a unit name, or
 * an expression starting with '='. Returns null when it names nothing (e.g. the root's parent).
 */
export function resolveUnit(ref: string | undefined, ctx: ActionContext): string | null {
  const org = ctx.set.org;
  const caseUnit = org.actingUnit(ctx.draft.unit);
  switch (ref ?? 'case') {
    case 'case':
      return caseUnit;
    case 'parent':
      return org.unit(caseUnit)?.parent ?? null;
    case 'root':
      return org.root;
    case 'actor':
      return ctx.actor.unit ? org.actingUnit(ctx.actor.unit) : null;
    default: {
      const v = ref!.startsWith('=') ? ctx.value(ref) : ref;
      return typeof v === 'string' && org.unit(v) ? v : null;
    }
  }
}

/**
 * Users holding `role` who act for `unit` (members of the unit or of its departments). With
 * `upward`, the nearest unit from `unit` upwards that has such users is used (escalation).
 */
export function usersWithRole(ctx: ActionContext, role: string, unit: string, upward = false): string[] {
  const org = ctx.set.org;
  const chain = upward ? [unit, ...org.ancestors(unit)] : [unit];
  const holders = ctx.directory.withRole(role);
  for (const u of chain) {
    const found = holders.filter((h) => org.actingUnit(h.unit) === u || h.unit === u).map((h) => h.username);
    if (found.length > 0) return found;
  }
  return [];
}
