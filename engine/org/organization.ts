import type { Localized } from '../localized.ts';

export interface UnitSpec {
  readonly name: string;
  readonly type: string;
  readonly title?: Localized;
  readonly calendar?: string;
  readonly units?: readonly UnitSpec[];
}

export interface OrganizationSpec {
  readonly unitTypes: readonly { name: string; title?: Localized; actsFor?: 'self' | 'parent' }[];
  readonly roles: readonly { name: string; title?: Localized; customer?: boolean; admin?: boolean }[];
  readonly root: UnitSpec;
  readonly users?: readonly DemoUser[];
}

export interface DemoUser {
  readonly username: string;
  readonly name?: Localized;
  readonly unit: string;
  readonly roles: readonly string[];
  readonly email?: string;
  readonly mobile?: string;
  readonly facts?: Readonly<Record<string, unknown>>;
}

export interface Unit {
  readonly name: string;
  readonly type: string;
  readonly title: Localized;
  readonly parent: string | null;
  readonly depth: number;
  readonly calendar: string | null;
}

/** The unit tree with the queries that access rules need, computed once. */
export interface OrgModel {
  readonly root: string;
  unit(name: string): Unit | undefined;
  units(): readonly Unit[];
  /** The unit a member of `unit` acts for (a department of type actsFor: parent acts for its parent). */
  actingUnit(unit: string): string;
  /** `unit` and every unit below it. */
  subtree(unit: string): readonly string[];
  /** Strict ancestors, nearest first. */
  ancestors(unit: string): readonly string[];
  isWithin(unit: string, scope: string): boolean;
  isCustomerRole(role: string): boolean;
  isAdminRole(role: string): boolean;
  hasRole(role: string): boolean;
  roleTitle(role: string): Localized;
}

export function compileOrganization(spec: OrganizationSpec): OrgModel {
  const units = new Map<string, Unit>();
  const children = new Map<string, string[]>();
  const actsFor = new Map(spec.unitTypes.map((t) => [t.name, t.actsFor ?? 'self']));
  const visit = (u: UnitSpec, parent: string | null, depth: number, calendar: string | null) => {
    const cal = u.calendar ?? calendar;
    units.set(u.name, { name: u.name, type: u.type, title: u.title ?? u.name, parent, depth, calendar: cal });
    children.set(u.name, []);
    if (parent) children.get(parent)!.push(u.name);
    for (const c of u.units ?? []) visit(c, u.name, depth + 1, cal);
  };
  visit(spec.root, null, 0, null);

  const subtrees = new Map<string, readonly string[]>();
  const subtree = (name: string): readonly string[] => {
    const hit = subtrees.get(name);
    if (hit) return hit;
    const out = [name, ...(children.get(name) ?? []).flatMap((c) => subtree(c))];
    subtrees.set(name, out);
    return out;
  };
  const ancestors = (name: string): string[] => {
    const out: string[] = [];
    for (let p = units.get(name)?.parent ?? null; p; p = units.get(p)?.parent ?? null) out.push(p);
    return out;
  };
  const roles = new Map(spec.roles.map((r) => [r.name, r]));
  return {
    root: spec.root.name,
    unit: (name) => units.get(name),
    units: () => [...units.values()],
    actingUnit(name) {
      let current = name;
      for (let u = units.get(current); u && u.parent && actsFor.get(u.type) === 'parent'; u = units.get(current))
        current = u.parent;
      return current;
    },
    subtree,
    ancestors,
    isWithin: (unit, scope) => unit === scope || ancestors(unit).includes(scope),
    isCustomerRole: (role) => roles.get(role)?.customer === true,
    isAdminRole: (role) => roles.get(role)?.admin === true,
    hasRole: (role) => roles.has(role),
    roleTitle: (role) => roles.get(role)?.title ?? role,
  };
}
