import type { OrgModel } from '../../engine/org/organization.ts';
import type { CaseRecord } from '../../engine/runtime/case-record.ts';
import type { AuthUser } from '../context.ts';

/**
 * What a user may see (ORG-3): everything (administrators and members of the root unit), the
 * subtree of the unit they act for, or — holding a customer role — only their own cases (NORM-5).
 */
export interface Scope {
  readonly all: boolean;
  readonly units: readonly string[];
  readonly customer: string | null;
}

/**
 * An administrator: the user's own flag (the `admin` user made on first start, or one an
 * administrator created so) or a role the Organization marks `admin: true`. Both publish
 * definitions, manage users and see every unit.
 */
export function isAdministrator(user: Pick<AuthUser, 'admin' | 'roles'>, org: OrgModel): boolean {
  return user.admin || user.roles.some((r) => org.isAdminRole(r));
}

export function scopeOf(user: AuthUser, org: OrgModel): Scope {
  if (user.roles.some((r) => org.isCustomerRole(r))) return { all: false, units: [], customer: user.username };
  if (isAdministrator(user, org)) return { all: true, units: [], customer: null };
  if (!org.unit(user.unit)) return { all: false, units: [], customer: null };
  const acting = org.actingUnit(user.unit);
  if (acting === org.root) return { all: true, units: [], customer: null };
  return { all: false, units: org.subtree(acting), customer: null };
}

export function seesUnit(scope: Scope, unit: string): boolean {
  return scope.customer === null && (scope.all || scope.units.includes(unit));
}

export function seesCase(scope: Scope, record: Pick<CaseRecord, 'unit' | 'customerUser'>): boolean {
  if (scope.customer !== null) return record.customerUser === scope.customer;
  return scope.all || scope.units.includes(record.unit);
}

/** The units filter for a query: the scope, narrowed to `unit` and below when given; undefined = all. */
export function unitsFilter(scope: Scope, org: OrgModel, unit: string | undefined): readonly string[] | undefined {
  const wanted = unit === undefined ? undefined : org.unit(unit) ? org.subtree(unit) : [];
  if (scope.all) return wanted;
  return wanted === undefined ? scope.units : wanted.filter((u) => scope.units.includes(u));
}
