import { openStore } from './open-store.ts';

export interface OutboxRequest {
  readonly url: string;
  readonly method?: string;
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
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

/**
 * POSTs made while offline, replayed in order when the network is back. Exactly-once comes from
 * two things together: the server keeps the first answer per Idempotency-Key (CONTRACT.md), and a
 * flush holds a lock (Web Locks, shared by every tab of the origin) so two flushes never send the
 * same entry side by side.
 *
 * Emits `change` on `events` whenever entries are added, sent, refused or dismissed.
 */
export function createOutbox(options: OutboxOptions = {}) {
  const dbName = options.dbName ?? 'serviceframe-outbox';
  const now = options.now ?? (() => new Date());
  const newKey = options.newKey ?? (() => crypto.randomUUID());
  const db = () => openStore(dbName, STORE, { keyPath: 'seq', autoIncrement: true });
  const events = new EventTarget();
  const changed = () => events.dispatchEvent(new Event('change'));
  let localChain: Promise<unknown> = Promise.resolve();

  // Web Locks serialise flushes across tabs; the promise chain is the fallback where they are missing.
  function exclusively<T>(work: () => Promise<T>): Promise<T> {
    if (typeof navigator !== 'undefined' && navigator.locks) {
      return navigator.locks.request(`${dbName}:flush`, work) as Promise<T>;
    }
    const run = localChain.then(work, work);
    localChain = run.catch(() => undefined);
    return run;
  }

  async function list(): Promise<OutboxEntry[]> {
    return (await (await db()).getAll(STORE)) as OutboxEntry[];
  }

  async function enqueue(request: OutboxRequest): Promise<OutboxEntry> {
    const entry = {
      url: request.url,
      method: request.method ?? 'POST',
      body: request.body,
      headers: { ...request.headers },
      idempotencyKey: newKey(),
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
      await store.put(STORE, { ...entry, attempts: entry.attempts + 1, lastError: String((error as Error)?.message ?? error) });
      return 'kept';
    }
    if (response.ok) {
      await store.delete(STORE, entry.seq);
      return 'sent';
    }
    if (isRetryable(response.status)) {
      await store.put(STORE, { ...entry, attempts: entry.attempts + 1, lastError: `HTTP ${response.status} ${response.statusText}`.trim() });
      return 'kept';
    }
    const problem = await readProblem(response);
    await store.put(STORE, { ...entry, status: 'failed', attempts: entry.attempts + 1, lastError: problem.title ?? `HTTP ${response.status}`, problem });
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

  return { enqueue, flush, list, dismiss, events };
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
