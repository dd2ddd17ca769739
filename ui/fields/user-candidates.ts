import type { LayoutField } from '../../engine/forms/form-model.ts';
import type { Directory, Person } from '../api/types.ts';

/**
 * The people a user field offers: enabled, holding its role, and for `within: case` working in
 * the case's unit or below it — what the engine accepts (engine/forms/field-types/user.ts), so a
 * choice is never refused. Without `caseUnit` (a case not started yet) every unit is offered and
 * the server judges the unit the case starts in. Sorted by name as people read them.
 */
export function userCandidates(field: Pick<LayoutField, 'role' | 'within'>, directory: Directory, caseUnit: string | undefined, locale: string): Person[] {
  const units = (field.within ?? 'case') === 'case' && caseUnit ? subtree(directory, caseUnit) : undefined;
  return directory.people
    .filter((p) => !p.disabled && (field.role === undefined || (p.roles ?? []).includes(field.role)) && (!units || units.has(p.unit)))
    .sort((a, b) => displayName(a).localeCompare(displayName(b), locale));
}

export const displayName = (p: Person): string => p.name || p.username;

/** `unit` and every unit below it, by the directory's `parent` links. */
function subtree(directory: Directory, unit: string): ReadonlySet<string> {
  const children = new Map<string, string[]>();
  for (const u of directory.units) if (u.parent !== null) children.set(u.parent, [...(children.get(u.parent) ?? []), u.name]);
  const out = new Set<string>();
  const open = [unit];
  for (let next = open.pop(); next !== undefined; next = open.pop()) {
    if (out.has(next)) continue;
    out.add(next);
    open.push(...(children.get(next) ?? []));
  }
  return out;
}
