import type { People, Person } from '../forms/index.ts';
import type { OrgModel } from '../org/organization.ts';
import type { Directory } from './actor.ts';

/**
 * Whom a `user` field of a case in `caseUnit` may name: the directory's enabled users, placed in
 * the unit tree. What belongs to no case (an archive record) passes the root: anyone within.
 */
export function peopleOf(directory: Directory, org: OrgModel, caseUnit: string): People {
  return new CasePeople(directory, org, caseUnit);
}

// A class, so that the one made for every validated event shares its methods rather than
// making closures (run under tsx, each named closure costs a defineProperty: bench engine).
class CasePeople implements People {
  constructor(
    private readonly directory: Directory,
    private readonly org: OrgModel,
    private readonly caseUnit: string,
  ) {}

  person(username: string): Person | undefined {
    const u = this.directory.user(username);
    return u && !u.disabled ? u : undefined;
  }

  withinCase(unit: string, upwardFor?: string): boolean {
    return this.org.isWithin(unit, upwardFor === undefined ? this.caseUnit : this.nearest(upwardFor));
  }

  // The nearest unit from the case's upwards where someone holds the role, as assign's `upward`
  // finds one; the case's own unit when nobody anywhere does (then nobody is within it anyway).
  private nearest(role: string): string {
    const { org, caseUnit } = this;
    const holders = this.directory.withRole(role);
    return [caseUnit, ...org.ancestors(caseUnit)].find((u) => holders.some((h) => org.isWithin(h.unit, u))) ?? caseUnit;
  }
}
