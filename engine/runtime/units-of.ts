import type { Units } from '../forms/index.ts';
import type { OrgModel } from '../org/organization.ts';
import type { Actor, Directory } from './actor.ts';

/**
 * Which units a `unit` field of a case in `caseUnit`, filled by `actor`, may name: the
 * Organization's units, placed relative to the unit the actor works for (a department that acts
 * for its parent works for the parent) and to the case's. The engine's own actor (a schedule)
 * and anyone without a unit stand at the root: every unit is theirs.
 */
export function unitsOf(directory: Directory, org: OrgModel, caseUnit: string, actor: Pick<Actor, 'unit'>): Units {
  const actorUnit = actor.unit === null ? org.root : org.actingUnit(actor.unit);
  return {
    unit: (name) => org.unit(name),
    withinActor: (unit) => org.isWithin(unit, actorUnit),
    withinCase: (unit) => org.isWithin(unit, caseUnit),
    heldIn: (unit, role) => directory.withRole(role).some((u) => org.actingUnit(u.unit) === unit),
  };
}
