import { routes } from '../../contract/routes.ts';
import { hashPassword } from '../auth/password.ts';
import { requireGoodPassword } from '../auth/password-policy.ts';
import type { AuthUser } from '../context.ts';
import { forbidden, notFound, saidField, saidProblem } from '../http/problem-messages.ts';
import { implement } from '../http/route-contract.ts';
import type { Services } from '../services.ts';
import type { UserChange } from '../../ports/server-storage.ts';
import { peopleMetByCustomer } from '../users/customer-people.ts';
import { meAnswer } from '../users/me-answer.ts';
import { publicUser } from '../users/user-directory.ts';
import { SYSTEM_ACTOR } from '../../engine/runtime/actor.ts';
import { isAdministrator } from '../access/scope.ts';
import type { OrgModel } from '../../engine/org/organization.ts';

export function requireAdmin(user: AuthUser, org: OrgModel): void {
  if (!isAdministrator(user, org)) throw forbidden('forbidden.adminOnly');
}

/** GET /api/me, GET /api/directory; admin: GET/POST /api/users, PATCH /api/users/:username. */
export function userRoutes(services: Services) {
  const checkUnitAndRoles = (unit: string | undefined, roles: readonly string[] | undefined) => {
    const org = services.registry.current().org;
    const errors = [];
    if (unit !== undefined && !org.unit(unit))
      errors.push(saidField('/unit', 'field.unknownUnit', { unit }, { code: 'unknownUnit' }));
    (roles ?? []).forEach((r, i) => {
      if (!org.hasRole(r))
        errors.push(saidField(`/roles/${i}`, 'field.unknownRole', { role: r }, { code: 'unknownRole' }));
    });
    if (errors.length) throw saidProblem(422, 'unitOrRolesUnknown', {}, { code: 'INVALID_BODY', errors });
  };

  const me = implement(routes.me, async (c, { json }) => {
    return json(200, meAnswer(c.get('user'), services.registry.current().org));
  });

  // Names for the ids the API answers with (a case's unit, owner, assignee, its history's actors),
  // so that screens show people and units as staff know them. Staff get everyone, disabled users
  // too (their names stay in old histories, marked so no form offers them), with their roles (whom
  // a user field offers); a customer gets only themself (NORM-5).
  const directory = implement(routes.directory, async (c, { json }) => {
    const u = c.get('user');
    const org = services.registry.current().org;
    const customer = u.roles.some((r) => org.isCustomerRole(r));
    const users = await services.storage.users.list();
    const people = customer
      ? await (async () => {
          const met = await peopleMetByCustomer(services, u.username);
          return users
            .filter((p) => met.has(p.username))
            .map((p) => ({ username: p.username, name: p.name, unit: p.unit }));
        })()
      : users.map((p) => ({
          username: p.username,
          name: p.name,
          unit: p.unit,
          roles: p.roles,
          ...(p.disabled ? { disabled: true as const } : {}),
        }));
    // `system` names the engine's own actor (timers, schedules, cases started by other cases), so a
    // client says "system" in its language rather than show an id no person has.
    return json(200, {
      units: org.units().map((unit) => ({ name: unit.name, title: unit.title, parent: unit.parent })),
      people,
      system: SYSTEM_ACTOR.username,
    });
  });

  const list = implement(routes.users, async (c, { json }) => {
    return json(200, (await services.storage.users.list()).map(publicUser));
  });

  const create = implement(routes.createUser, async (c, { body: read, json }) => {
    const body = await read();
    checkUnitAndRoles(body.unit, body.roles);
    requireGoodPassword(body.password, '/password', body);
    const now = services.clock.now();
    const created = await services.storage.users.create({
      username: body.username,
      name: body.name ?? null,
      passwordHash: await hashPassword(body.password),
      unit: body.unit,
      roles: body.roles,
      email: body.email ?? null,
      mobile: body.mobile ?? null,
      locale: body.locale ?? null,
      admin: body.admin ?? false,
      disabled: false,
      mustChangePassword: false,
      createdAt: now,
      updatedAt: now,
    });
    if (!created)
      throw saidProblem(
        409,
        'userExists',
        { username: body.username },
        { code: 'USER_EXISTS', errors: [saidField('/username', 'field.taken')] },
      );
    await services.users.refresh();
    return json(201, publicUser({ ...(await services.storage.users.get(body.username))! }));
  });

  const change = implement(routes.changeUser, async (c, { params: { username }, body: read, json }) => {
    const body = await read();
    checkUnitAndRoles(body.unit, body.roles);
    const { password, ...rest } = body;
    if (password !== undefined) {
      const current = await services.storage.users.get(username);
      if (!current) throw notFound('user');
      requireGoodPassword(password, '/password', { ...current, ...rest });
    }
    // A password another person set is known to them: its owner must replace it at the next login.
    // An administrator resetting their own password has chosen it themself.
    const reset =
      password !== undefined
        ? { passwordHash: await hashPassword(password), mustChangePassword: username !== c.get('user').username }
        : {};
    const change: UserChange = { ...rest, ...reset };
    const updated = await services.storage.users.update(username, change, services.clock.now());
    if (!updated) throw notFound('user');
    // A disabled user, or one whose password changed, is logged out everywhere at once.
    if (body.disabled === true || password !== undefined) await services.storage.sessions.deleteOf(username);
    await services.users.refresh();
    return json(200, publicUser(updated));
  });

  return [me, directory, list, create, change];
}
