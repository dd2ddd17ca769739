import { Type, type Static } from 'typebox';
import { named } from '../named.ts';
import { Closed, Localized, Nullable } from './common.ts';

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Roles = Type.Array(Name, { maxItems: 50, uniqueItems: true });
const Locale = Type.Enum(['zh-CN', 'en']);
// The policy (server/auth/password-policy.ts) checks length and guessability after the schema, so
// its refusals carry codes a client can word in its user's language.
const NewPassword = Type.String({
  minLength: 1,
  maxLength: 1000,
  description: 'at least 12 characters, neither common nor guessable (zxcvbn score 3 or more); see docs/operations.md',
});

export const Login = named(
  'Login',
  Closed({ username: Name, password: Type.String({ minLength: 1, maxLength: 1000 }) }),
);
export const PasswordChange = named(
  'PasswordChange',
  Closed({ currentPassword: Type.String({ minLength: 1, maxLength: 1000 }), newPassword: NewPassword }),
);

export const NewUser = named(
  'NewUser',
  Closed({
    username: Type.String({ pattern: '^[A-Za-z0-9._@-]{1,64}$' }),
    password: NewPassword,
    name: Type.Optional(Type.String({ maxLength: 200 })),
    unit: Name,
    roles: Roles,
    email: Type.Optional(Type.String({ maxLength: 320 })),
    mobile: Type.Optional(Type.String({ maxLength: 32 })),
    locale: Type.Optional(Locale),
    admin: Type.Optional(Type.Boolean()),
  }),
);
export type NewUser = Static<typeof NewUser>;

/** Only what changes; null clears an e-mail, a mobile or the locale. */
export const UserChange = named(
  'UserChange',
  Closed({
    name: Type.Optional(Type.String({ maxLength: 200 })),
    password: Type.Optional(NewPassword),
    unit: Type.Optional(Name),
    roles: Type.Optional(Roles),
    email: Type.Optional(Nullable(Type.String({ maxLength: 320 }))),
    mobile: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
    locale: Type.Optional(Nullable(Locale)),
    admin: Type.Optional(Type.Boolean()),
    disabled: Type.Optional(Type.Boolean()),
  }),
);
export type UserChange = Static<typeof UserChange>;

/** A user as administrators see them (GET /api/users): contact details, and whether disabled. */
export const ManagedUser = named(
  'ManagedUser',
  Closed({
    username: Type.String(),
    name: Nullable(Type.String()),
    unit: Type.String(),
    roles: Type.Array(Type.String()),
    admin: Type.Boolean(),
    email: Nullable(Type.String()),
    mobile: Nullable(Type.String()),
    locale: Nullable(Locale),
    disabled: Type.Optional(Type.Boolean()),
  }),
);
export type ManagedUser = Static<typeof ManagedUser>;

/** GET /api/me: the logged-in user. */
export const Me = named(
  'Me',
  Closed({
    ...ManagedUser.properties,
    /** The unit a department acts for (its cases belong there). */
    actingUnit: Nullable(Type.String()),
    /** A customer (portal user) rather than staff. */
    customer: Type.Boolean(),
    /** An administrator reset the password: nothing but changing it (POST /api/me/password) is allowed. */
    mustChangePassword: Type.Boolean(),
  }),
);
export type Me = Static<typeof Me>;

export const LoginResult = named(
  'LoginResult',
  Closed({
    token: Type.String(),
    expiresAt: Type.String({ format: 'date-time' }),
    /** What GET /api/me answers, so the app need not ask it again. */
    user: Me,
    mustChangePassword: Type.Optional(Type.Literal(true)),
  }),
);
export type LoginResult = Static<typeof LoginResult>;

/** Someone of the directory; staff also learn their roles and whether they were disabled. */
export const Person = Closed({
  username: Type.String(),
  name: Nullable(Type.String()),
  unit: Type.String(),
  roles: Type.Optional(Type.Array(Type.String())),
  disabled: Type.Optional(Type.Literal(true)),
});
export type Person = Static<typeof Person>;

/** GET /api/directory: what ids name (staff get everyone; a customer themself and the people of their cases). */
export const Directory = named(
  'Directory',
  Closed({
    units: Type.Array(Closed({ name: Type.String(), title: Localized, parent: Nullable(Type.String()) })),
    people: Type.Array(Person),
    /** The username of the engine's own actor (timers, schedules): shown as "system" in the reader's language. */
    system: Type.String(),
  }),
);
export type Directory = Static<typeof Directory>;

export const Settings = named('Settings', Closed({ mapUrl: Nullable(Type.String()) }));
export type Settings = Static<typeof Settings>;
