import { createDirectory, type Actor, type Directory, type DirectoryUser } from '../../engine/runtime/actor.ts';
import type { Store } from '../../engine/store/index.ts';
import type { AuthUser } from '../context.ts';
import type { UserRow, UserStore } from '../../ports/server-storage.ts';

/**
 * The engine's view of users (assignment, notification, per-user facts), rebuilt whenever users
 * change or a commit records a user fact. Reads are synchronous, as `decide` needs.
 */
export interface UserDirectory {
  directory(): Directory;
  refresh(): Promise<void>;
  /** The engine actor for a logged-in user, with the facts workflows keep about them (TRAIN-2). */
  actorOf(user: AuthUser): Promise<Actor>;
}

export async function openUserDirectory(users: UserStore, store: Store): Promise<UserDirectory> {
  let current: Directory = createDirectory([]);
  // The facts of users who sent requests lately (every request's actor needs them). Forgotten, at
  // once and before anything else runs, whenever a commit records user facts or users change:
  // both call `refresh`.
  const facts = new Map<string, Record<string, unknown>>();
  let generation = 0;
  const refresh = async () => {
    facts.clear();
    generation++;
    const rows = await users.list();
    const list: DirectoryUser[] = [];
    for (const u of rows) list.push(directoryUser(u, await store.userFacts(u.username)));
    current = createDirectory(list);
  };
  await refresh();
  return {
    directory: () => current,
    refresh,
    async actorOf(user) {
      let known = facts.get(user.username);
      if (known === undefined) {
        const readIn = generation;
        known = await store.userFacts(user.username);
        // Facts read before a refresh may be stale already: used for this request, not kept.
        if (readIn === generation) {
          if (facts.size >= 10_000) facts.clear();
          facts.set(user.username, known);
        }
      }
      return { username: user.username, unit: user.unit, roles: user.roles, facts: known };
    },
  };
}

function directoryUser(u: UserRow, facts: Record<string, unknown>): DirectoryUser {
  return {
    username: u.username,
    ...(u.name ? { name: u.name } : {}),
    unit: u.unit,
    roles: u.roles,
    ...(u.email ? { email: u.email } : {}),
    ...(u.mobile ? { mobile: u.mobile } : {}),
    ...(u.locale ? { locale: u.locale } : {}),
    facts,
    disabled: u.disabled,
  };
}

export function authUserOf(u: UserRow, tokenHash: string): AuthUser {
  return {
    username: u.username,
    name: u.name,
    unit: u.unit,
    roles: u.roles,
    admin: u.admin,
    locale: u.locale ?? 'zh-CN',
    email: u.email,
    mobile: u.mobile,
    mustChangePassword: u.mustChangePassword,
    tokenHash,
  };
}

/** What the API shows of a user. */
export function publicUser(
  u: Pick<UserRow, 'username' | 'name' | 'unit' | 'roles' | 'admin' | 'email' | 'mobile' | 'locale'> & {
    disabled?: boolean;
  },
) {
  return {
    username: u.username,
    name: u.name,
    unit: u.unit,
    roles: u.roles,
    admin: u.admin,
    email: u.email,
    mobile: u.mobile,
    locale: u.locale,
    ...(u.disabled !== undefined ? { disabled: u.disabled } : {}),
  };
}
