import type { Scope } from '../access/scope.ts';
import { seesUnit } from '../access/scope.ts';

interface OrganizationView {
  readonly spec?: { readonly users?: readonly Readonly<Record<string, unknown>>[] } & Readonly<Record<string, unknown>>;
}

/**
 * The Organization as a reader may see it (issue 13, item 4). Administrators get it as published.
 * Other staff get the people of the units they see, by name, unit and roles only — no e-mail,
 * mobile or facts, which the directory (GET /api/directory) withholds too. A customer gets units
 * and roles but no people at all.
 */
export function organizationFor<V>(view: V, reader: { readonly admin: boolean; readonly scope: Scope }): V {
  const v = view as OrganizationView;
  if (reader.admin || !v.spec?.users) return view;
  const users =
    reader.scope.customer !== null
      ? []
      : v.spec.users
          .filter((u) => typeof u['unit'] === 'string' && seesUnit(reader.scope, u['unit']))
          .map((u) => ({
            username: u['username'],
            ...(u['name'] !== undefined ? { name: u['name'] } : {}),
            unit: u['unit'],
            roles: u['roles'],
          }));
  // The same view with fewer people: the caller's type still describes it.
  return { ...v, spec: { ...v.spec, users } } as V;
}
