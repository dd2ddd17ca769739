import { localize, type Locale } from '../../engine/localized.ts';
import type { ManagedUser, NewUser, UserChange } from '../api/types.ts';

/** What an administrator has typed into the user form, kept apart from the DOM so no re-render loses it. */
export interface UserDraft {
  readonly username: string;
  readonly password: string;
  readonly name: string;
  readonly unit: string;
  readonly roles: readonly string[];
  readonly email: string;
  readonly mobile: string;
}

export type UserField = keyof UserDraft;

/** The server's password policy refuses shorter passwords (server/auth/password-policy.ts). */
export const PASSWORD_MIN = 12;

export const emptyDraft: UserDraft = {
  username: '',
  password: '',
  name: '',
  unit: '',
  roles: [],
  email: '',
  mobile: '',
};

/** The user as the edit form starts: the name as shown in `locale`, no password. */
export function draftOf(user: ManagedUser, locale: Locale): UserDraft {
  return {
    username: user.username,
    password: '',
    name: user.name !== undefined && user.name !== null ? localize(user.name, locale) : '',
    unit: user.unit,
    roles: [...user.roles],
    email: user.email ?? '',
    mobile: user.mobile ?? '',
  };
}

/** POST /api/users: exactly what was typed; optional fields left empty are left out. */
export function newUserBody(d: UserDraft): NewUser {
  const optional = (key: 'name' | 'email' | 'mobile') => (d[key].trim() ? { [key]: d[key].trim() } : {});
  return {
    username: d.username.trim(),
    password: d.password,
    ...optional('name'),
    unit: d.unit,
    roles: [...d.roles],
    ...optional('email'),
    ...optional('mobile'),
  };
}

/**
 * PATCH /api/users/:username: only what differs from `before`, so an untouched name written in two
 * languages is not flattened to the one shown; a cleared e-mail or mobile is sent as null.
 */
export function userChange(before: UserDraft, after: UserDraft): UserChange {
  const text = (key: 'email' | 'mobile') =>
    after[key].trim() === before[key].trim() ? {} : { [key]: after[key].trim() || null };
  const sameRoles = before.roles.length === after.roles.length && before.roles.every((r) => after.roles.includes(r));
  return {
    ...(after.name.trim() !== before.name.trim() ? { name: after.name.trim() } : {}),
    ...(after.unit !== before.unit ? { unit: after.unit } : {}),
    ...(sameRoles ? {} : { roles: [...after.roles] }),
    ...text('email'),
    ...text('mobile'),
    ...(after.password ? { password: after.password } : {}),
  };
}

/** Roles toggled the way an administrator expects: the order kept, a new one added at the end. */
export function toggleRole(roles: readonly string[], role: string, on: boolean): string[] {
  return on ? (roles.includes(role) ? [...roles] : [...roles, role]) : roles.filter((r) => r !== role);
}
