import type { People } from '../forms/index.ts';
import type { OrgModel } from '../org/organization.ts';
import type { Directory } from './actor.ts';

/** Whom a `user` field of a case in `caseUnit` may name: the directory's enabled users, placed in the unit tree. */
export function peopleOf(directory: Directory, org: OrgModel, caseUnit: string): People {
  return {
    person(username) {
      const u = directory.user(username);
      return u && !u.disabled ? u : undefined;
    },
    withinCase: (unit) => org.isWithin(unit, caseUnit),
  };
}
