import { localize } from '../../engine/localized.ts';
import type { OrganizationSpec } from '../../engine/org/organization.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import { generatePassword, hashPassword } from '../auth/password.ts';
import { checkPassword } from '../auth/password-policy.ts';
import type { UserStore } from '../../ports/server-storage.ts';

/**
 * First-start users: `admin` (platform administrator at the root unit) and, on request, the demo
 * users the Organization lists. Existing users are left as they are. Returns the admin password
 * when it was generated, so the caller prints it once.
 *
 * The password policy: an admin password from the environment that fails it still starts the
 * server (the quick start must work), but `admin` must choose a good one at the first login, and
 * `weakAdminPassword` says why so the caller can warn. The demo password is exempt: demo users
 * exist only when SERVICEFRAME_DEMO=1 asks for a demonstration, and their one shared password is
 * public (the README prints it), so no policy makes it secret; demo mode is not for production.
 */
export async function seedUsers(
  users: UserStore,
  set: CompiledSet,
  options: { adminPassword?: string; demoPassword?: string; now: number },
): Promise<{ generatedAdminPassword: string | null; weakAdminPassword: string | null; demoCreated: number }> {
  let generated: string | null = null;
  let weak: string | null = null;
  if (!(await users.get('admin'))) {
    const password = options.adminPassword ?? (generated = generatePassword());
    weak = checkPassword(password, { username: 'admin' })?.message ?? null;
    // Named as the Organization names its `admin` user, when it lists one (people see names, not ids).
    const listed = set.docs
      .flatMap((d) => (d.kind === 'Organization' ? ((d.spec as OrganizationSpec).users ?? []) : []))
      .find((u) => u.username === 'admin');
    const adminRoles = set.docs.flatMap((d) =>
      d.kind === 'Organization' ? (d.spec as OrganizationSpec).roles.filter((r) => r.admin).map((r) => r.name) : [],
    );
    await users.create({
      username: 'admin',
      name: (listed ? localize(listed.name, 'zh-CN') : '') || 'Administrator',
      passwordHash: await hashPassword(password),
      unit: set.org.root,
      roles: adminRoles,
      email: null,
      mobile: null,
      locale: null,
      admin: true,
      disabled: false,
      mustChangePassword: weak !== null,
      createdAt: options.now,
      updatedAt: options.now,
    });
  }
  let demoCreated = 0;
  if (options.demoPassword !== undefined) {
    const org = set.docs.find((d) => d.kind === 'Organization')?.spec as OrganizationSpec | undefined;
    const hash = await hashPassword(options.demoPassword);
    for (const u of org?.users ?? []) {
      const created = await users.create({
        username: u.username,
        name: localize(u.name, 'zh-CN') || null,
        passwordHash: hash,
        unit: u.unit,
        roles: u.roles,
        email: u.email ?? null,
        mobile: u.mobile ?? null,
        locale: null,
        admin: false,
        disabled: false,
        mustChangePassword: false,
        createdAt: options.now,
        updatedAt: options.now,
      });
      if (created) demoCreated++;
    }
  }
  return { generatedAdminPassword: generated, weakAdminPassword: weak, demoCreated };
}
