import type { People } from '../forms/index.ts';
import type { OrgModel } from '../org/organization.ts';
import type { Directory } from './actor.ts';

/**
 * Whom a `user` field of a case in `caseUnit` may name: the directory's enabled users, placed in
 * the unit tree. What belongs to no case (an archive record) passes the root: anyone within.
 */
export function peopleOf(directory: Directory, org: OrgModel, caseUnit: string): People {
  // The nearest unit from the case's upwards where someone holds the role, as assign's `upward`
  // finds one; the case's own unit when nobody anywhere does (then nobody is within it anyway).
  const nearest = (role: string): string => {
    const holders = directory.withRole(role);
    return [caseUnit, ...org.ancestors(caseUnit)].find((u) => holders.some((h) => org.isWithin(h.unit, u))) ?? caseUnit;
  };
  return {
    person(username) {
      const u = directory.user(username);
      return u && !u.disabled ? u : undefined;
    },
    withinCase: (unit, upwardFor) => org.isWithin(unit, upwardFor === undefined ? caseUnit : nearest(upwardFor)),
  };
}
