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
  return new CaseUnits(directory, org, caseUnit, actor.unit === null ? org.root : org.actingUnit(actor.unit));
}

// A class for the same reason as people-of.ts's: one is made for every validated event.
class CaseUnits implements Units {
  constructor(
    private readonly directory: Directory,
    private readonly org: OrgModel,
    private readonly caseUnit: string,
    private readonly actorUnit: string,
  ) {}

  unit(name: string) {
    return this.org.unit(name);
  }

  withinActor(unit: string): boolean {
    return this.org.isWithin(unit, this.actorUnit);
  }

  withinCase(unit: string): boolean {
    return this.org.isWithin(unit, this.caseUnit);
  }

  heldIn(unit: string, role: string): boolean {
    return this.directory.withRole(role).some((u) => this.org.actingUnit(u.unit) === unit);
  }
}
