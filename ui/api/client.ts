import type { FieldError } from '../../engine/forms/form-model.ts';
import type { Locale } from '../../engine/localized.ts';
import { readEventStream } from './event-stream.ts';
import type {
  CaseEventInput,
  CaseQuery,
  CaseSummary,
  CaseView,
  DefinitionSummary,
  Directory,
  FormView,
  OtherDefinitionView,
  WorkflowView,
  Ledger,
  LedgerQuery,
  LoginResult,
  ManagedUser,
  MonthlyReport,
  NewUser,
  Page,
  Scorecard,
  Scorecards,
  StreamMessage,
  User,
  UserChange,
} from './types.ts';

export interface ApiClientOptions {
  /** Where the server is, e.g. "https://cs.example.com"; empty for the page's own origin. */
  readonly baseUrl?: string;
  /** A login token, sent as `Authorization: Bearer …`. Without one the browser's cookie is used. */
  readonly token?: string;
  /** Cookie policy for requests without a token; `include` for a server on another origin. */
  readonly credentials?: RequestCredentials;
  /** Replaceable for tests and hosts with their own transport. */
  readonly fetch?: typeof fetch;
  /** Sent as Accept-Language, so the server's messages come in the user's language. */
  readonly locale?: Locale;
}

/** An `application/problem+json` answer (or a lost connection, with status 0). */
export interface ProblemDocument {
  readonly type?: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code?: string;
  readonly errors?: readonly FieldError[];
  readonly [extra: string]: unknown;
}

/**
 * What every failed request throws. `errors` holds the field errors of invalid data (422), ready
 * for `<sf-form errors>`; `status` 0 means the server could not be reached.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly code: string | undefined;
  readonly errors: readonly FieldError[];
  readonly problem: ProblemDocument;

  constructor(problem: ProblemDocument) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail ?? '';
    this.code = problem.code;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }

  /** The server could not be reached (offline, DNS, refused, CORS). */
  get network(): boolean {
    return this.status === 0;
  }
}

/** The readable cookie the server sets beside the HttpOnly session cookie (server/auth/tokens.ts). */
export const SIGNED_IN_COOKIE = 'sf_signed_in';

/** How long a GET started ahead (`prefetch`) waits for the request that takes its answer. */
export const PREFETCH_MS = 10_000;

/** Dispatched on the client (and re-dispatched by components) when the server answers 401. */
export const LOGIN_EXPIRED = 'sf-login-expired';

/** What GET /api/definitions/{kind}/{name} answers for a kind. */
export type DefinitionOf<K extends string> = K extends 'Workflow'
  ? WorkflowView
  : K extends 'Form'
    ? FormView
    : OtherDefinitionView;

export interface RequestOptions {
  readonly query?: Readonly<Record<string, string | number | boolean | undefined | null>>;
  readonly body?: unknown;
  readonly accept?: string;
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A small typed client for the HTTP API of CONTRACT.md. Every method returns the parsed answer or
 * throws ApiError; a 401 (other than a failed login) also dispatches `sf-login-expired`.
 */
export class ApiClient extends EventTarget {
  baseUrl: string;
  token: string | undefined;
  locale: Locale | undefined;
  private readonly credentials: RequestCredentials;
  private readonly fetchImpl: typeof fetch;
  private readonly ownFetch: boolean;
  /** GETs started ahead of the component that will send them, by URL and headers (see prefetch). */
  private readonly ahead = new Map<string, { readonly at: number; readonly answer: Promise<unknown> }>();

  constructor(options: ApiClientOptions = {}) {
    super();
    this.baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.token = options.token;
    this.locale = options.locale;
    this.credentials = options.credentials ?? 'same-origin';
    this.fetchImpl = options.fetch ?? fetch.bind(globalThis);
    this.ownFetch = !options.fetch;
  }

  /**
   * Whether GET /api/me can find a login. The page of the API's own origin, with no token and the
   * browser's fetch, can tell from the readable `sf_signed_in` cookie the server keeps beside the
   * HttpOnly session cookie: without it a first visit shows the login form at once, not after a
   * round trip that must fail (ui.firstWorklist). Any other client cannot tell, so it asks.
   */
  mayBeLoggedIn(): boolean {
    if (this.token || this.baseUrl || !this.ownFetch || typeof document === 'undefined') return true;
    return document.cookie.split(/;\s*/).some((c) => c.startsWith(`${SIGNED_IN_COOKIE}=`));
  }

  /** The absolute (or origin-relative) URL of an API path with its query. */
  url(path: string, query?: RequestOptions['query']): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    return `${this.baseUrl}${path}${search ? `?${search}` : ''}`;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { ...extra };
    if (this.token) headers['Authorization'] = `Bearer ${this.token}`;
    if (this.locale) headers['Accept-Language'] = this.locale;
    return headers;
  }

  /** Sends one request; resolves with the Response when it is 2xx, throws ApiError otherwise. */
  async send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers = this.headers({ Accept: options.accept ?? 'application/json', ...options.headers });
    const init: RequestInit = { method, headers, credentials: this.credentials };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    if (options.signal) init.signal = options.signal;
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(path, options.query), init);
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw new ApiError({
        title: 'Network error',
        status: 0,
        detail: String((error as Error)?.message ?? error),
        code: 'NETWORK',
      });
    }
    if (response.ok) return response;
    const problem = await readProblem(response);
    if (response.status === 401 && path !== '/api/auth/login') {
      this.dispatchEvent(new CustomEvent(LOGIN_EXPIRED, { detail: problem }));
    }
    throw new ApiError(problem);
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const started = method === 'GET' && this.ahead.size ? this.takeAhead(path, options) : undefined;
    if (started) return (await started) as T;
    const response = await this.send(method, path, options);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * Starts a GET now that a component is about to send, so it travels while the page still
   * renders: the app asks for the worklist's first page the moment the login answers, not after
   * drawing the header (ui.firstWorklist). The next `request` of the same URL with the same headers
   * within PREFETCH_MS takes that answer (or failure), once; any later one asks the server again.
   */
  prefetch(path: string, options: Pick<RequestOptions, 'query' | 'accept' | 'headers'> = {}): void {
    const answer = this.request<unknown>('GET', path, options);
    // Whoever takes it sees a failure; one nobody takes is not an unhandled rejection.
    answer.catch(() => undefined);
    this.ahead.set(this.aheadKey(path, options), { at: Date.now(), answer });
  }

  private aheadKey(path: string, options: RequestOptions): string {
    const headers = this.headers({ Accept: options.accept ?? 'application/json', ...options.headers });
    const sorted = Object.keys(headers)
      .map((k) => [k.toLowerCase(), headers[k]])
      .sort(([a], [b]) => (a! < b! ? -1 : 1));
    return `${this.url(path, options.query)}\n${JSON.stringify(sorted)}`;
  }

  /** A prefetched answer for this request, taken once; none for a request that may be aborted. */
  private takeAhead(path: string, options: RequestOptions): Promise<unknown> | undefined {
    for (const [key, entry] of this.ahead) if (Date.now() - entry.at > PREFETCH_MS) this.ahead.delete(key);
    if (options.signal || options.body !== undefined) return undefined;
    const key = this.aheadKey(path, options);
    const entry = this.ahead.get(key);
    if (entry) this.ahead.delete(key);
    return entry?.answer;
  }

  // --- the endpoints of CONTRACT.md ---

  health() {
    return this.request<{ status: 'ok' }>('GET', '/api/health');
  }

  /** Logs in and keeps the token for every later request. */
  async login(username: string, password: string): Promise<LoginResult> {
    const result = await this.request<LoginResult>('POST', '/api/auth/login', { body: { username, password } });
    this.token = result.token;
    return result;
  }

  logout() {
    this.token = undefined;
    this.ahead.clear();
  }

  me() {
    return this.request<User>('GET', '/api/me');
  }

  /** Names of units and people (GET /api/directory); see ui/components/directory.ts for the cached read. */
  directory() {
    return this.request<Directory>('GET', '/api/directory');
  }

  /** Every user, disabled ones too (administrators only). */
  users() {
    return this.request<ManagedUser[]>('GET', '/api/users');
  }

  createUser(user: NewUser) {
    return this.request<ManagedUser>('POST', '/api/users', { body: user });
  }

  /** A disabled user, or one whose password changed, is logged out everywhere at once. */
  updateUser(username: string, change: UserChange) {
    return this.request<ManagedUser>('PATCH', `/api/users/${encodeURIComponent(username)}`, { body: change });
  }

  definitions() {
    return this.request<DefinitionSummary[]>('GET', '/api/definitions');
  }

  /**
   * One definition as the reader may see it (contract/schemas/definition-view.ts): a Workflow's or a Form's view, any
   * other kind's envelope with its spec as published. `options` as for `request` (a `version` query, headers).
   */
  definition<K extends string>(kind: K, name: string, options: RequestOptions = {}): Promise<DefinitionOf<K>> {
    return this.request<DefinitionOf<K>>(
      'GET',
      `/api/definitions/${encodeURIComponent(kind)}/${encodeURIComponent(name)}`,
      options,
    );
  }

  createCase(workflow: string, data: unknown, options: { idempotencyKey?: string } = {}) {
    return this.request<CaseView>('POST', '/api/cases', { body: { workflow, data }, ...options });
  }

  listCases(query: CaseQuery = {}, signal?: AbortSignal) {
    return this.request<Page<CaseSummary>>('GET', '/api/cases', { query: { ...query }, ...(signal ? { signal } : {}) });
  }

  getCase(id: string) {
    return this.request<CaseView>('GET', `/api/cases/${encodeURIComponent(id)}`);
  }

  sendEvent(id: string, event: CaseEventInput, options: { idempotencyKey?: string } = {}) {
    return this.request<CaseView>('POST', `/api/cases/${encodeURIComponent(id)}/events`, { body: event, ...options });
  }

  /** The ledger's columns and rows for a unit and period. */
  /** The ledger's rows for the period, every page of them (the server answers a thousand rows a page). */
  async ledger(query: LedgerQuery = {}): Promise<Ledger> {
    const first = await this.request<Ledger>('GET', '/api/ledger', { query: { ...query } });
    const rows = [...first.rows];
    for (let next = first.next; next;) {
      const page = await this.request<Ledger>('GET', '/api/ledger', { query: { ...query, cursor: next } });
      rows.push(...page.rows);
      next = page.next;
    }
    return { ...first, rows, next: null };
  }

  /** The ledger as CSV (UTF-8 with BOM), as a Blob ready for a download link. */
  async ledgerCsv(query: LedgerQuery = {}): Promise<Blob> {
    return (await this.send('GET', '/api/ledger', { query: { ...query }, accept: 'text/csv' })).blob();
  }

  /** Every scorecard that applies to a unit, for a month (2026-09) or a year (2026). */
  async scorecards(query: { unit?: string; period?: string } = {}): Promise<readonly Scorecard[]> {
    return (await this.request<Scorecards>('GET', '/api/scorecards', { query: { ...query } })).scorecards;
  }

  monthlyReport(query: { unit?: string; month?: string } = {}) {
    return this.request<MonthlyReport>('GET', '/api/reports/monthly', { query: { ...query } });
  }

  /**
   * Follows `GET /api/stream` (server-sent events) until `signal` aborts, reconnecting after a
   * lost connection with the last event id. Uses fetch rather than EventSource so the bearer
   * token is sent as a header.
   */
  /**
   * Follows `GET /api/stream` like `stream`, over one connection per client however many elements
   * listen (the header's inbox and the page each would open one; the server allows a user only a
   * few at once, so a second tab would be refused). Resolves when `signal` aborts; the connection
   * closes with its last listener, and a connection that ended (a 401) is not reused.
   */
  subscribe(
    onMessage: (message: StreamMessage) => void,
    signal: AbortSignal,
    options: { onError?: (error: unknown) => void } = {},
  ): Promise<void> {
    const listener = { onMessage, onError: options.onError };
    let shared = this.shared;
    if (!shared) {
      const listeners = new Set<typeof listener>();
      const controller = new AbortController();
      const opened = { listeners, controller };
      this.shared = shared = opened;
      void this.stream((m) => listeners.forEach((l) => l.onMessage(m)), controller.signal, {
        onError: (e) => listeners.forEach((l) => l.onError?.(e)),
      }).finally(() => {
        if (this.shared === opened) this.shared = undefined;
      });
    }
    const current = shared;
    current.listeners.add(listener);
    return new Promise((resolve) => {
      const stop = () => {
        current.listeners.delete(listener);
        if (current.listeners.size === 0) {
          current.controller.abort();
          if (this.shared === current) this.shared = undefined;
        }
        resolve();
      };
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
    });
  }

  private shared:
    | {
        listeners: Set<{ onMessage: (m: StreamMessage) => void; onError: ((e: unknown) => void) | undefined }>;
        controller: AbortController;
      }
    | undefined;

  stream(
    onMessage: (message: StreamMessage) => void,
    signal: AbortSignal,
    options: { retryMs?: number; onError?: (error: unknown) => void } = {},
  ): Promise<void> {
    return readEventStream({
      open: (lastEventId) =>
        this.send('GET', '/api/stream', {
          accept: 'text/event-stream',
          signal,
          ...(lastEventId ? { headers: { 'Last-Event-ID': lastEventId } } : {}),
        }),
      onMessage,
      signal,
      retryMs: options.retryMs ?? 3000,
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }
}

async function readProblem(response: Response): Promise<ProblemDocument> {
  const fallback: ProblemDocument = {
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
  };
  let text = '';
  try {
    text = await response.text();
    const body = JSON.parse(text) as Partial<ProblemDocument>;
    if (!body || typeof body !== 'object') return { ...fallback, detail: text };
    return {
      ...body,
      title: typeof body.title === 'string' ? body.title : fallback.title,
      status: response.status,
      ...(typeof body.detail === 'string' ? { detail: body.detail } : {}),
      ...(Array.isArray(body.errors) ? { errors: body.errors } : {}),
    };
  } catch {
    return text ? { ...fallback, detail: text.slice(0, 500) } : fallback;
  }
}
