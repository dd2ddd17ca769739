import type { LayoutField } from '../../engine/forms/form-model.ts';
import type { Directory, Person } from '../api/types.ts';

/**
 * The people a user field offers: enabled, holding its role, and for `within: case` working in
 * the case's unit or below it (with `upward`, the nearest unit upwards where someone holds the
 * role) — what the engine accepts (engine/forms/field-types/user.ts), so a choice is never
 * refused. Without `caseUnit` (a case not started yet) every unit is offered and the server
 * judges the unit the case starts in. Sorted by name as people read them.
 */
export function userCandidates(
  field: Pick<LayoutField, 'role' | 'within' | 'upward'>,
  directory: Directory,
  caseUnit: string | undefined,
  locale: string,
): Person[] {
  const holders = directory.people.filter(
    (p) => !p.disabled && (field.role === undefined || (p.roles ?? []).includes(field.role)),
  );
  const scoped = (field.within ?? 'case') === 'case' && caseUnit !== undefined;
  const units = scoped
    ? scopeOf(directory, caseUnit, field.upward === true && field.role !== undefined ? holders : undefined)
    : undefined;
  return holders
    .filter((p) => !units || units.has(p.unit))
    .sort((a, b) => displayName(a).localeCompare(displayName(b), locale));
}

export const displayName = (p: Person): string => p.name || p.username;

/** The units under `caseUnit`, or with `upwardHolders` under the nearest unit upwards where one of them works. */
function scopeOf(
  directory: Directory,
  caseUnit: string,
  upwardHolders: readonly Person[] | undefined,
): ReadonlySet<string> {
  const own = subtree(directory, caseUnit);
  if (!upwardHolders || upwardHolders.some((p) => own.has(p.unit))) return own;
  const parents = new Map(directory.units.map((u) => [u.name, u.parent]));
  for (let unit = parents.get(caseUnit) ?? null; unit !== null; unit = parents.get(unit) ?? null) {
    const units = subtree(directory, unit);
    if (upwardHolders.some((p) => units.has(p.unit))) return units;
  }
  return own;
}

/** `unit` and every unit below it, by the directory's `parent` links. */
function subtree(directory: Directory, unit: string): ReadonlySet<string> {
  const children = new Map<string, string[]>();
  for (const u of directory.units)
    if (u.parent !== null) children.set(u.parent, [...(children.get(u.parent) ?? []), u.name]);
  const out = new Set<string>();
  const open = [unit];
  for (let next = open.pop(); next !== undefined; next = open.pop()) {
    if (out.has(next)) continue;
    out.add(next);
    open.push(...(children.get(next) ?? []));
  }
  return out;
}
