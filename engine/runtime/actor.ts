/** Who sends an event: a user (staff or customer) or the engine itself. */
export interface Actor {
  readonly username: string;
  readonly unit: string | null;
  readonly roles: readonly string[];
  /** Per-user facts kept by workflows (e.g. qualifications, TRAIN-2). */
  readonly facts?: Readonly<Record<string, unknown>>;
  readonly system?: boolean;
}

export const SYSTEM_ACTOR: Actor = { username: 'system', unit: null, roles: [], system: true };

/** A user as the engine's directory knows them (for assignment and notification). */
export interface DirectoryUser {
  readonly username: string;
  readonly name?: string;
  readonly unit: string;
  readonly roles: readonly string[];
  readonly email?: string;
  readonly mobile?: string;
  readonly locale?: 'zh-CN' | 'en';
  readonly facts?: Readonly<Record<string, unknown>>;
  readonly disabled?: boolean;
}

/** Read-only view of users, given to the pure decide step. */
export interface Directory {
  user(username: string): DirectoryUser | undefined;
  /** Enabled users holding `role`, sorted by username. */
  withRole(role: string): readonly DirectoryUser[];
  /** Every enabled user, sorted by username: whom a `user` field without a role may name. */
  enabled(): readonly DirectoryUser[];
}

export function createDirectory(users: readonly DirectoryUser[]): Directory {
  const byName = new Map(users.map((u) => [u.username, u]));
  const byRoleUnit = new Map<string, DirectoryUser[]>();
  const enabled: DirectoryUser[] = [];
  for (const u of [...users].sort((a, b) => a.username.localeCompare(b.username))) {
    if (u.disabled) continue;
    enabled.push(u);
    for (const r of u.roles) {
      byRoleUnit.set(r, [...(byRoleUnit.get(r) ?? []), u]);
    }
  }
  return {
    user: (username) => byName.get(username),
    withRole: (role) => byRoleUnit.get(role) ?? [],
    enabled: () => enabled,
  };
}
