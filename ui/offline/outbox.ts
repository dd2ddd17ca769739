import { openStore } from './open-store.ts';

export interface OutboxRequest {
  readonly url: string;
  readonly method?: string;
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The key of an attempt that already failed for want of network: that attempt may have reached
   * the server with only its answer lost, so the queued copy must carry the same key.
   */
  readonly idempotencyKey?: string;
}

/** The problem document (or a summary of the response) that made the server refuse an entry. */
export interface OutboxProblem {
  readonly status: number;
  readonly title?: string;
  readonly detail?: string;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
}

export interface OutboxEntry extends OutboxRequest {
  /** Position in the queue; entries are sent in this order. */
  readonly seq: number;
  /** The user logged in when it was queued: only their session lists and sends it. */
  readonly owner?: string;
  /** Sent as `Idempotency-Key` on every attempt, so the server applies the request at most once. */
  readonly idempotencyKey: string;
  readonly createdAt: string;
  readonly status: 'pending' | 'failed';
  readonly attempts: number;
  readonly lastError?: string;
  readonly problem?: OutboxProblem;
}

export interface FlushResult {
  readonly sent: number;
  readonly failed: number;
  readonly pending: number;
}

export interface OutboxOptions {
  readonly dbName?: string;
  readonly now?: () => Date;
  readonly newKey?: () => string;
}

const STORE = 'outbox';

// 408 and 429 say "try again later", so they are kept like network errors and 5xx.
const isRetryable = (status: number) => status >= 500 || status === 408 || status === 429;

/** What enqueue answers: the entry, and whether it was already waiting (then nothing was added). */
export type Enqueued = OutboxEntry & { readonly duplicate?: true };

/**
 * POSTs made while offline, replayed in order when the network is back. Exactly-once comes from
 * two things together: the server keeps the first answer per Idempotency-Key (CONTRACT.md), and a
 * flush holds a lock (Web Locks, shared by every tab of the origin) so two flushes never send the
 * same entry side by side.
 *
 * A browser may be shared: entries belong to the user logged in when they were queued (`setOwner`
 * at login). Lists, flushes and the logout's `clearOwner` see only that user's entries, so the
 * next person never sees the previous one's work, nor sends it under their own session.
 *
 * The same request (URL, method and body) waiting twice would be applied twice — two keys, two
 * cases from one form pressed twice offline — so enqueue refuses a copy and answers the entry
 * already waiting, marked `duplicate`.
 *
 * Emits `change` on `events` whenever entries are added, sent, refused or dismissed, or the owner changes.
 */
export function createOutbox(options: OutboxOptions = {}) {
  const dbName = options.dbName ?? 'serviceframe-outbox';
  const now = options.now ?? (() => new Date());
  const newKey = options.newKey ?? (() => crypto.randomUUID());
  const db = () => openStore(dbName, STORE, { keyPath: 'seq', autoIncrement: true });
  const events = new EventTarget();
  const changed = () => events.dispatchEvent(new Event('change'));
  let localChain: Promise<unknown> = Promise.resolve();
  let owner: string | undefined;
  const mine = (e: OutboxEntry) => e.owner === owner;

  // Web Locks serialise flushes across tabs; the promise chain is the fallback where they are missing.
  function exclusively<T>(work: () => Promise<T>): Promise<T> {
    if (typeof navigator !== 'undefined' && navigator.locks) {
      return navigator.locks.request(`${dbName}:flush`, work) as Promise<T>;
    }
    const run = localChain.then(work, work);
    localChain = run.catch(() => undefined);
    return run;
  }

  async function all(): Promise<OutboxEntry[]> {
    return (await (await db()).getAll(STORE)) as OutboxEntry[];
  }

  /** The current owner's entries, in queue order. */
  async function list(): Promise<OutboxEntry[]> {
    return (await all()).filter(mine);
  }

  async function enqueue(request: OutboxRequest): Promise<Enqueued> {
    const method = request.method ?? 'POST';
    const body = JSON.stringify(request.body ?? null);
    const waiting = (await list()).find(
      (e) =>
        e.status === 'pending' &&
        e.url === request.url &&
        (e.method ?? 'POST') === method &&
        JSON.stringify(e.body ?? null) === body,
    );
    if (waiting) return { ...waiting, duplicate: true };
    const entry = {
      ...(owner !== undefined ? { owner } : {}),
      url: request.url,
      method,
      body: request.body,
      headers: { ...request.headers },
      idempotencyKey: request.idempotencyKey ?? newKey(),
      createdAt: now().toISOString(),
      status: 'pending' as const,
      attempts: 0,
    };
    const seq = (await (await db()).add(STORE, entry)) as number;
    changed();
    return { ...entry, seq };
  }

  async function send(entry: OutboxEntry, fetchImpl: typeof fetch): Promise<'sent' | 'failed' | 'kept'> {
    const headers: Record<string, string> = { ...entry.headers, 'Idempotency-Key': entry.idempotencyKey };
    const isText = typeof entry.body === 'string';
    if (entry.body !== undefined && !isText && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
    const init: RequestInit = { method: entry.method ?? 'POST', headers };
    if (entry.body !== undefined) init.body = isText ? (entry.body as string) : JSON.stringify(entry.body);
    const store = await db();
    let response: Response;
    try {
      response = await fetchImpl(entry.url, init);
    } catch (error) {
      await store.put(STORE, {
        ...entry,
        attempts: entry.attempts + 1,
        lastError: String((error as Error)?.message ?? error),
      });
      return 'kept';
    }
    if (response.ok) {
      await store.delete(STORE, entry.seq);
      return 'sent';
    }
    if (isRetryable(response.status)) {
      await store.put(STORE, {
        ...entry,
        attempts: entry.attempts + 1,
        lastError: `HTTP ${response.status} ${response.statusText}`.trim(),
      });
      return 'kept';
    }
    const problem = await readProblem(response);
    await store.put(STORE, {
      ...entry,
      status: 'failed',
      attempts: entry.attempts + 1,
      lastError: problem.title ?? `HTTP ${response.status}`,
      problem,
    });
    return 'failed';
  }

  /** Sends pending entries in order; stops at the first one that must be retried, to keep the order. */
  function flush(fetchImpl: typeof fetch = fetch.bind(globalThis)): Promise<FlushResult> {
    return exclusively(async () => {
      let sent = 0;
      let failed = 0;
      try {
        // Read inside the lock: entries sent by a flush that held it before us are gone by now.
        for (const entry of (await list()).filter((e) => e.status === 'pending')) {
          const outcome = await send(entry, fetchImpl);
          if (outcome === 'sent') sent++;
          else if (outcome === 'failed') failed++;
          else break;
        }
      } finally {
        changed();
      }
      const pending = (await list()).filter((e) => e.status === 'pending').length;
      return { sent, failed, pending };
    });
  }

  /** Forgets an entry, typically a failed one the user has read. */
  async function dismiss(seq: number): Promise<void> {
    await (await db()).delete(STORE, seq);
    changed();
  }

  /** Whose entries to list, send and add from now on (the logged-in user; undefined when nobody is). */
  function setOwner(username: string | undefined): void {
    const next = username || undefined;
    if (next === owner) return;
    owner = next;
    changed();
  }

  /** Removes every entry of this user, waiting or failed (at logout, after the user was warned). */
  async function clearOwner(username: string): Promise<void> {
    await exclusively(async () => {
      const store = await db();
      for (const e of await all()) if (e.owner === username) await store.delete(STORE, e.seq);
    });
    changed();
  }

  return {
    enqueue,
    flush,
    list,
    dismiss,
    setOwner,
    clearOwner,
    events,
    get owner() {
      return owner;
    },
  };
}

async function readProblem(response: Response): Promise<OutboxProblem> {
  const base = { status: response.status, title: response.statusText || undefined };
  try {
    const body = (await response.json()) as Partial<OutboxProblem>;
    return {
      status: response.status,
      title: typeof body.title === 'string' ? body.title : base.title,
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      errors: Array.isArray(body.errors) ? body.errors : undefined,
    };
  } catch {
    return base;
  }
}

export type Outbox = ReturnType<typeof createOutbox>;
