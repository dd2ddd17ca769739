import type { OrgModel } from '../org/organization.ts';
import type { AllowRule } from '../workflows/workflow-model.ts';
import type { Actor } from './actor.ts';

export interface AuthorizeTarget {
  readonly unit: string;
  readonly owner: string | null;
  readonly assignee: string | null;
  readonly customerUser: string | null;
}

/**
 * Whether `actor` may send an event guarded by `rules` on a case. Any rule that matches allows;
 * every property a rule names must hold. Without rules, staff whose scope includes the case may.
 */
export function isAllowed(rules: readonly AllowRule[], actor: Actor, target: AuthorizeTarget, org: OrgModel): boolean {
  if (rules.length === 0)
    return (
      !actor.system &&
      !isCustomer(actor, org) &&
      actor.unit !== null &&
      org.isWithin(target.unit, org.actingUnit(actor.unit))
    );
  return rules.some((rule) => matches(rule, actor, target, org));
}

function matches(rule: AllowRule, actor: Actor, target: AuthorizeTarget, org: OrgModel): boolean {
  if (actor.system) return rule.system === true;
  if (rule.system) return false;
  if (rule.role && !actor.roles.includes(rule.role)) return false;
  if (rule.customer && target.customerUser !== actor.username) return false;
  if (rule.assignee && target.assignee !== actor.username) return false;
  if (rule.owner && target.owner !== actor.username) return false;
  if (rule.unitType && org.unit(target.unit)?.type !== rule.unitType) return false;
  const relation = rule.unit ?? (rule.customer || rule.assignee || rule.owner ? 'any' : 'within');
  if (relation === 'any') return true;
  if (!actor.unit) return false;
  const a = org.actingUnit(actor.unit);
  const c = target.unit;
  switch (relation) {
    case 'same':
      return a === org.actingUnit(c);
    case 'within':
      return org.isWithin(c, a);
    case 'above':
      return c !== a && org.isWithin(c, a) && org.actingUnit(c) !== a;
    case 'root':
      return a === org.root;
  }
}

export function isCustomer(actor: Actor, org: OrgModel): boolean {
  return actor.roles.some((r) => org.isCustomerRole(r));
}
