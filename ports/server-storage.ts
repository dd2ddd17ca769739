/**
 * What the server keeps beside the engine's store: users and logins, idempotent answers, published
 * definition versions, archive records and the read projections behind ledgers and reports.
 * Async like the engine's Store, so a PostgreSQL implementation can take the SQLite one's place
 * without a route changing. The server owns these interfaces and the adapters implement them
 * (adapters/sqlite/server/, adapters/postgres/server/); they live in ports/ so that neither side
 * imports the other (tests/walls.test.ts).
 */
export interface UserRow {
  readonly username: string;
  readonly name: string | null;
  readonly passwordHash: string;
  readonly unit: string;
  readonly roles: readonly string[];
  readonly email: string | null;
  readonly mobile: string | null;
  readonly locale: 'zh-CN' | 'en' | null;
  /** Platform administrator (publishes definitions, manages users), whatever the roles say. */
  readonly admin: boolean;
  readonly disabled: boolean;
  /** Set by an administrator's password reset: the user must choose a new password before anything else. */
  readonly mustChangePassword: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type UserChange = Partial<
  Pick<
    UserRow,
    | 'name'
    | 'passwordHash'
    | 'unit'
    | 'roles'
    | 'email'
    | 'mobile'
    | 'locale'
    | 'admin'
    | 'disabled'
    | 'mustChangePassword'
  >
>;

export interface UserStore {
  get(username: string): Promise<UserRow | undefined>;
  list(): Promise<UserRow[]>;
  /** Resolves false when the username is taken. */
  create(user: UserRow): Promise<boolean>;
  update(username: string, change: UserChange, at: number): Promise<UserRow | undefined>;
}

export interface SessionRow {
  readonly tokenHash: string;
  readonly username: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export interface SessionStore {
  create(session: SessionRow): Promise<void>;
  get(tokenHash: string): Promise<SessionRow | undefined>;
  delete(tokenHash: string): Promise<void>;
  /**
   * Ends every session of the user, but the one with `exceptTokenHash` when given (the session changing its own
   * password).
   */
  deleteOf(username: string, exceptTokenHash?: string): Promise<void>;
  deleteExpired(now: number): Promise<number>;
}

/** The first answer to a POST with an Idempotency-Key, replayed for every repeat. */
export interface IdempotentAnswer {
  readonly fingerprint: string;
  /** 0 while the first request is still being answered. */
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
  /** When the key was claimed: a claim still at status 0 from before this process started was cut off by a crash. */
  readonly claimedAt?: number;
}

export interface IdempotencyStore {
  /** Claims the key; resolves the stored answer instead when it is already claimed. */
  claim(scope: string, key: string, fingerprint: string, at: number): Promise<IdempotentAnswer | null>;
  complete(scope: string, key: string, answer: Omit<IdempotentAnswer, 'fingerprint'>): Promise<void>;
  /** Forgets a claim whose request failed before answering (so it may be retried). */
  release(scope: string, key: string): Promise<void>;
  /** Forgets every key claimed before `at`, answered or not; returns how many. */
  forgetBefore(at: number): Promise<number>;
}

export interface DefinitionVersionRow {
  /** 1, 2, 3…: the order of publication. */
  readonly seq: number;
  /** Content hash of the runtime definitions (CompiledSet.version); a rollback repeats an earlier one. */
  readonly version: string;
  readonly files: readonly { readonly path: string; readonly text: string }[];
  readonly publishedAt: number;
  readonly publishedBy: string;
  readonly note: string | null;
}

export interface VersionStore {
  list(): Promise<Omit<DefinitionVersionRow, 'files'>[]>;
  get(seq: number): Promise<DefinitionVersionRow | undefined>;
  latest(): Promise<DefinitionVersionRow | undefined>;
  /** Every distinct content version with the files of its first publication. */
  distinct(): Promise<DefinitionVersionRow[]>;
  add(row: Omit<DefinitionVersionRow, 'seq'>): Promise<DefinitionVersionRow>;
  /**
   * Adds the row only while the latest stored version is `afterSeq` (0: none stored); null when
   * another was added first. Several server nodes publish through one database: this, not each
   * node's memory, decides which of two publications started from the same version stands.
   */
  addAfter(row: Omit<DefinitionVersionRow, 'seq'>, afterSeq: number): Promise<DefinitionVersionRow | null>;
}

/** A migration batch (issue 18): the request as checked, the cases it took, and when it finished. */
/** A migration's request as checked, with its versions resolved (what a resumed batch runs again). */
export interface MigrationBatchRequest {
  readonly fromVersion: string;
  readonly toVersion: string;
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly filter: {
    readonly unit?: string;
    readonly state?: string;
    readonly createdFrom?: string;
    readonly createdTo?: string;
  };
  readonly stateMapping: Readonly<Record<string, string>>;
  readonly clocksOnly: boolean;
  readonly reason: string;
}

export type MigrationCounts = Readonly<
  Record<'selected' | 'migrate' | 'migrated' | 'alreadyMigrated' | 'refused' | 'unchanged' | 'skipped', number>
>;

export interface MigrationBatchRow {
  readonly id: string;
  readonly workflow: string;
  readonly request: MigrationBatchRequest;
  readonly caseIds: readonly string[];
  readonly startedBy: string;
  readonly startedAt: number;
  /** Null while the batch runs or after it was cut off (then it is resumed). */
  readonly finishedAt: number | null;
  readonly counts: MigrationCounts | null;
}

export interface MigrationBatchStore {
  add(row: MigrationBatchRow): Promise<void>;
  get(id: string): Promise<MigrationBatchRow | undefined>;
  /** Newest first. */
  list(limit: number): Promise<MigrationBatchRow[]>;
  /** Batches never finished, oldest first. */
  unfinished(): Promise<MigrationBatchRow[]>;
  finish(id: string, at: number, counts: MigrationCounts): Promise<void>;
}

export interface RecordRow {
  readonly type: string;
  readonly id: string;
  readonly unit: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly version: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly createdBy: string;
  readonly updatedBy: string;
}

export interface RecordVersionRow {
  readonly version: number;
  readonly data: Readonly<Record<string, unknown>>;
  readonly at: number;
  readonly by: string;
  readonly note: string | null;
}

export interface RecordQuery {
  readonly type: string;
  readonly units?: readonly string[];
  readonly text?: string;
  readonly limit: number;
  readonly after?: string;
}

export interface RecordStore {
  get(type: string, id: string): Promise<RecordRow | undefined>;
  findByKey(type: string, key: string): Promise<RecordRow | undefined>;
  search(query: RecordQuery): Promise<RecordRow[]>;
  /** Writes the record and appends its version to the history; false when `key` is taken or the version is stale. */
  put(
    row: RecordRow,
    key: string | null,
    searchText: string,
    note: string | null,
    expectedVersion: number,
  ): Promise<'ok' | 'duplicate' | 'stale'>;
  history(type: string, id: string): Promise<RecordVersionRow[]>;
  /** Case ids linked to the record, newest link first. */
  casesOf(type: string, id: string): Promise<string[]>;
}

/** One ledger row as projected from a case. */
export interface LedgerRow {
  readonly ledger: string;
  readonly caseId: string;
  readonly unit: string;
  readonly at: number;
  readonly values: Readonly<Record<string, unknown>>;
}

/** Where a ledger row stands in the ledger's order (unit, at, caseId): a page's last row. */
export type LedgerKey = Pick<LedgerRow, 'unit' | 'at' | 'caseId'>;

/** What the monthly report sums, projected from one case. */
export interface CaseReportRow {
  readonly caseId: string;
  readonly unit: string;
  readonly month: string;
  readonly workflow: string;
  readonly state: string;
  readonly done: boolean;
  readonly clocksMet: number;
  readonly clocksBreached: number;
  /** measure name → group → [numerator, denominator]. */
  readonly measures: Readonly<Record<string, Readonly<Record<string, readonly [number, number]>>>>;
}

export interface ProjectionStore {
  /** Replaces everything projected from these cases, in one transaction. */
  put(
    entries: readonly {
      caseId: string;
      version: number;
      ledger: readonly LedgerRow[];
      report: CaseReportRow | null;
      records: readonly { name: string; type: string; id: string }[];
    }[],
  ): Promise<void>;
  /** Rows in the order unit, at, caseId; with `after`, only those past that row; at most `limit`. */
  ledger(query: {
    ledger: string;
    units?: readonly string[];
    from: number;
    to: number;
    after?: LedgerKey;
    limit?: number;
  }): Promise<LedgerRow[]>;
  report(query: { units?: readonly string[]; month: string }): Promise<CaseReportRow[]>;
  /** Every case counted by workflow and (comma-joined) state, for /metrics. */
  casesByState(): Promise<{ workflow: string; state: string; count: number }[]>;
  /** The case version each case was last projected at. */
  projectedVersion(caseId: string): Promise<number | undefined>;
  /** projectedVersion of many cases at once (one query on PostgreSQL): those never projected are absent. */
  projectedVersions(caseIds: readonly string[]): Promise<Map<string, number>>;
  /** Writes what put has kept back (versions that moved without any row changing); called before closing. */
  flush(): Promise<void>;
}

/** Which of a person's in-app notifications (outbox entries of the engine's store) they have read. */
export interface InboxReadStore {
  /** Of `ids`, those `username` has read. */
  readOf(username: string, ids: readonly string[]): Promise<Set<string>>;
  markRead(username: string, ids: readonly string[], at: number): Promise<void>;
}

export interface ServerStorage {
  readonly users: UserStore;
  readonly inboxReads: InboxReadStore;
  readonly sessions: SessionStore;
  readonly idempotency: IdempotencyStore;
  readonly versions: VersionStore;
  readonly migrations: MigrationBatchStore;
  readonly records: RecordStore;
  readonly projections: ProjectionStore;
  close(): Promise<void>;
}
