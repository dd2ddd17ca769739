/**
 * Rows of sf_users as both databases return them, and the conversion both ways: roles are JSON
 * text in both, flags are 0/1 on SQLite and BOOLEAN on PostgreSQL (column-values.ts). Each
 * adapter keeps its own statements (adapters/sqlite/server/sqlite-users.ts, adapters/postgres/
 * server/pg-users.ts).
 */
import type { UserRow } from '../../ports/server-storage.ts';
import { flagOf, millisOf } from './column-values.ts';

/** The columns in the order USER_COLUMNS lists them. */
export const USER_COLUMN_NAMES = [
  'username',
  'name',
  'password_hash',
  'unit',
  'roles',
  'email',
  'mobile',
  'locale',
  'admin',
  'disabled',
  'must_change_password',
  'created_at',
  'updated_at',
] as const;

export const USER_COLUMNS = USER_COLUMN_NAMES.join(', ');

export interface UserDbRow {
  username: string;
  name: string | null;
  password_hash: string;
  unit: string;
  roles: string;
  email: string | null;
  mobile: string | null;
  locale: string | null;
  admin: number | boolean;
  disabled: number | boolean;
  must_change_password: number | boolean;
  created_at: number | string;
  updated_at: number | string;
}

export const userOf = (r: UserDbRow): UserRow => ({
  username: r.username,
  name: r.name,
  passwordHash: r.password_hash,
  unit: r.unit,
  roles: JSON.parse(r.roles) as string[],
  email: r.email,
  mobile: r.mobile,
  locale: r.locale === 'en' || r.locale === 'zh-CN' ? r.locale : null,
  admin: flagOf(r.admin),
  disabled: flagOf(r.disabled),
  mustChangePassword: flagOf(r.must_change_password),
  createdAt: millisOf(r.created_at),
  updatedAt: millisOf(r.updated_at),
});

/** A user's column values, its flags as `flag` writes them (SQLite 0/1, PostgreSQL booleans). */
export function userColumnsOf(
  u: UserRow,
  flag: (value: boolean) => number | boolean,
): Record<(typeof USER_COLUMN_NAMES)[number], string | number | boolean | null> {
  return {
    username: u.username,
    name: u.name,
    password_hash: u.passwordHash,
    unit: u.unit,
    roles: JSON.stringify(u.roles),
    email: u.email,
    mobile: u.mobile,
    locale: u.locale,
    admin: flag(u.admin),
    disabled: flag(u.disabled),
    must_change_password: flag(u.mustChangePassword),
    created_at: u.createdAt,
    updated_at: u.updatedAt,
  };
}
