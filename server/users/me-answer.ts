import type { OrgModel } from '../../engine/org/organization.ts';
import { isAdministrator } from '../access/scope.ts';
import type { AuthUser } from '../context.ts';
import { publicUser } from './user-directory.ts';

type MeSource = Omit<AuthUser, 'tokenHash'>;

/**
 * Who is logged in, as GET /api/me answers and the login answer's `user` repeats: with it the app
 * shows the worklist right after logging in, without asking GET /api/me again (one round trip less
 * before the first row on a phone, issue 15's ui.firstWorklist).
 */
export function meAnswer(u: MeSource, org: OrgModel) {
  return {
    ...publicUser({ ...u, locale: u.savedLocale ?? u.locale }),
    admin: isAdministrator(u, org),
    actingUnit: org.unit(u.unit) ? org.actingUnit(u.unit) : null,
    customer: u.roles.some((r) => org.isCustomerRole(r)),
    mustChangePassword: u.mustChangePassword,
  };
}
