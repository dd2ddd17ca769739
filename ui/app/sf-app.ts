import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { localize, type Locale, type Localized } from '../../engine/localized.ts';
import { ApiClient, LOGIN_EXPIRED, type ApiError } from '../api/client.ts';
import type { DefinitionSummary, Directory, RecordLookup, User } from '../api/types.ts';
import { caseRef, describeError, prepareInstantFormat } from '../components/case-format.ts';
import { directoryOf, forgetDirectory, namesFrom } from '../components/directory.ts';
import type { FormInput } from '../components/resolve-form.ts';
import { appPhone, touchTargets } from '../components/phone-styles.ts';
import { sfBaseStyles } from '../components/sf-base-styles.ts';
// The worklist comes with the app; every other page is loaded when first shown (pages.ts).
import '../components/sf-case-list.ts';
import type { SfAdminNotices } from '../components/sf-admin-notices.ts';
import '../components/sf-admin-notices.ts';
import '../components/sf-outbox-status.ts';
import '../components/sf-inbox.ts';
import { appTranslator, type AppMessageKey, type AppTranslate } from '../i18n/app-messages.ts';
import { worklistTranslator } from '../i18n/worklist-messages.ts';
import { readPrefs } from '../components/worklist-prefs.ts';
import { openingFilters, worklistQuery, WORKLIST_PAGE_SIZE } from '../components/worklist-query.ts';
import { accountTranslator } from '../i18n/account-messages.ts';
import { drafts as sharedDrafts, type Drafts } from '../offline/drafts.ts';
import { createOutbox, type Outbox } from '../offline/outbox.ts';
import { loadPage, type LazyPage } from './pages.ts';
import { forgetWorkflowInfo, workflowInfo } from '../components/workflow-info.ts';
import { forgetCachedAnswers } from './register-worker.ts';

export type AppRoute =
  | { readonly page: 'list' }
  | { readonly page: 'case'; readonly id: string }
  | { readonly page: 'new'; readonly workflow?: string }
  | { readonly page: 'ledger' }
  | { readonly page: 'scorecards' }
  | { readonly page: 'reports' }
  | { readonly page: 'admin'; readonly tab?: AdminTab }
  | { readonly page: 'password' }
  | { readonly page: 'records'; readonly type?: string; readonly id?: string };

type Page = AppRoute['page'];

/** The administration page's tabs; definitions when none is named (see renderAdmin). */
export type AdminTab = 'definitions' | 'versions' | 'users';

interface NavItem {
  readonly page: Page;
  readonly label: AppMessageKey;
  /** What a customer (the portal) reads instead: their own requests, not a worklist. */
  readonly customerLabel?: AppMessageKey;
  readonly allowed: (user: User) => boolean;
}

// Staff see the ledger, scorecards and reports of their own scope; the server scopes every row by
// unit, so the app needs no list of role names (which would differ from company to company).
const isStaff = (u: User) => !u.customer;

/** What each user sees: everyone works cases; staff also see archives, the ledger, scorecards and reports. */
export const NAVIGATION: readonly NavItem[] = [
  { page: 'list', label: 'navWorklist', customerLabel: 'navMyRequests', allowed: () => true },
  { page: 'new', label: 'navNewCase', customerLabel: 'navNewRequest', allowed: () => true },
  { page: 'records', label: 'navRecords', allowed: (u) => !u.customer },
  { page: 'ledger', label: 'navLedger', allowed: isStaff },
  { page: 'scorecards', label: 'navScorecards', allowed: isStaff },
  { page: 'reports', label: 'navReports', allowed: isStaff },
  // `admin` comes from the server: the user's flag or a role the Organization marks admin.
  { page: 'admin', label: 'navAdmin', allowed: (u) => !u.customer && Boolean(u.admin) },
];

/** "2 actions waiting to be sent and 1 draft", leaving out what there is none of. */
function unsentWork(w: { readonly requests: number; readonly drafts: number }, locale: Locale): string {
  const account = accountTranslator(locale);
  const parts = [
    w.requests ? account('logoutUnsentRequests', { n: w.requests }) : '',
    w.drafts ? account('logoutUnsentDrafts', { n: w.drafts }) : '',
  ].filter(Boolean);
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts);
}

/**
 * Whether a user may meet one start rule: its role and customer conditions are checked, the rest is left to the server.
 */
export function mayMeet(rule: Readonly<Record<string, unknown>>, user: Pick<User, 'roles' | 'customer'>): boolean {
  if (typeof rule['role'] === 'string' && !user.roles.includes(rule['role'])) return false;
  if (rule['customer'] === true && !user.customer) return false;
  if (rule['customer'] === false && user.customer) return false;
  if (user.customer && rule['role'] === undefined && rule['customer'] === undefined) return false;
  return true;
}

export function parseRoute(hash: string): AppRoute {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'cases' && parts[1]) return { page: 'case', id: parts[1] };
  if (parts[0] === 'new') return parts[1] ? { page: 'new', workflow: parts[1] } : { page: 'new' };
  if (parts[0] === 'ledger') return { page: 'ledger' };
  if (parts[0] === 'scorecards') return { page: 'scorecards' };
  if (parts[0] === 'reports') return { page: 'reports' };
  if (parts[0] === 'password') return { page: 'password' };
  if (parts[0] === 'admin')
    return parts[1] === 'users' || parts[1] === 'versions' ? { page: 'admin', tab: parts[1] } : { page: 'admin' };
  if (parts[0] === 'records')
    return { page: 'records', ...(parts[1] ? { type: parts[1] } : {}), ...(parts[2] ? { id: parts[2] } : {}) };
  return { page: 'list' };
}

export function routeHash(route: AppRoute): string {
  switch (route.page) {
    case 'case':
      return `#/cases/${encodeURIComponent(route.id)}`;
    case 'new':
      return route.workflow ? `#/new/${encodeURIComponent(route.workflow)}` : '#/new';
    case 'list':
      return '#/cases';
    case 'admin':
      return route.tab === 'users' || route.tab === 'versions' ? `#/admin/${route.tab}` : '#/admin';
    case 'records':
      return `#/records${route.type ? `/${encodeURIComponent(route.type)}` : ''}${route.type && route.id ? `/${encodeURIComponent(route.id)}` : ''}`;
    default:
      return `#/${route.page}`;
  }
}

const LOCALE_KEY = 'serviceframe-locale';

/**
 * The staff app: login, navigation by role, zh/en switch, the worklist, the case view, new cases
 * from a workflow's start form, the ledger and scorecards, and what waits in the offline outbox.
 * An expired login opens the login form over the page, so nothing on it (or typed into it) is lost.
 *
 * Properties in: `baseUrl` (attribute `base-url`; empty for the page's origin), `token` (skip the
 * login form), `client` (an ApiClient to use instead), `locale` ('zh-CN' default, remembered),
 * `routing` ('hash' follows location.hash, 'memory' keeps the route to itself; default 'hash').
 * Events out: `sf-login` {user}, `sf-logout`, `sf-route` {route}.
 */
export class SfApp extends LitElement {
  static override styles = [
    sfBaseStyles,
    css`
      :host { min-height: 100vh; background: var(--sf-app-background, #f8f9fa); }
      header.bar { display: flex; align-items: center; gap: 1rem; flex-wrap: wrap; padding: 0.5rem 1rem; background: var(--sf-app-bar, #fff); border-bottom: var(--_line); }
      header.bar h1 { font-size: 1.125rem; margin: 0; margin-inline-end: auto; }
      nav ul { display: flex; gap: 0.25rem; list-style: none; margin: 0; padding: 0; flex-wrap: wrap; }
      nav a { display: inline-block; padding: 0.375rem 0.75rem; border-radius: var(--_radius); color: inherit; text-decoration: none; }
      nav a[aria-current='page'] { background: var(--_accent); color: var(--sf-color-on-accent, #fff); }
      main { padding: 1rem; max-width: 80rem; margin: 0 auto; }
      .panel { background: #fff; border: var(--_line); border-radius: var(--_radius); padding: 1rem; }
      .login { max-width: 22rem; margin: 10vh auto; display: flex; flex-direction: column; gap: 0.75rem; }
      .login label { display: flex; flex-direction: column; gap: 0.25rem; }
      .overlay { position: fixed; inset: 0; background: rgb(0 0 0 / 0.4); display: flex; align-items: flex-start; justify-content: center; z-index: 10; }
      .overlay .login { margin-top: 15vh; }
      .user { display: flex; gap: 0.5rem; align-items: center; }
      .logout-warning { max-width: 40rem; margin: 1rem auto 0; border-color: var(--_warn); }
      sf-outbox-status { font-size: 0.875em; }
      .tabs { display: flex; gap: 0.25rem; border-bottom: var(--_line); margin-bottom: 1rem; }
      .tabs [role='tab'] { border-bottom-left-radius: 0; border-bottom-right-radius: 0; }
      .tabs [aria-selected='true'] { background: var(--_accent); color: var(--sf-color-on-accent, #fff); border-color: var(--_accent); }
      @media print { :host { background: none; } header.bar, sf-outbox-status, .no-print { display: none; } main { padding: 0; max-width: none; } .panel { border: 0; padding: 0; } }
    `,
    touchTargets,
    appPhone,
  ];

  static override properties = {
    baseUrl: { attribute: 'base-url' },
    token: {},
    client: { attribute: false },
    locale: { reflect: true },
    routing: {},
    timeZone: { attribute: 'time-zone' },
    calendarZone: { state: true },
    user: { state: true },
    directory: { state: true },
    expired: { state: true },
    route: { state: true },
    checking: { state: true },
    loginError: { state: true },
    busy: { state: true },
    workflows: { state: true },
    serviceLines: { state: true },
    startable: { state: true },
    startForm: { state: true },
    newCaseData: { state: true },
    pageError: { state: true },
    notice: { state: true },
    menuOpen: { state: true },
    logoutWarning: { state: true },
    queued: { state: true },
    settled: { state: true },
  };
  declare baseUrl: string;
  declare token: string | undefined;
  declare client: ApiClient | undefined;
  declare locale: Locale;
  declare routing: 'hash' | 'memory';
  /** IANA time zone for every date shown; when unset, the business calendar's (published Calendar definition). */
  declare timeZone: string | undefined;
  declare calendarZone: string | undefined;
  declare user: User | undefined;
  /** Names of units and people, for the header's unit. */
  declare directory: Directory | undefined;
  declare expired: boolean;
  declare route: AppRoute;
  declare checking: boolean;
  declare loginError: string | undefined;
  declare busy: boolean;
  declare workflows: readonly DefinitionSummary[];
  /** Each workflow's service line (from its definition), for grouping "new case". */
  declare serviceLines: ReadonlyMap<string, string | null>;
  /** Every published definition's summary (service line titles among them). */
  private allDefinitions: readonly DefinitionSummary[] = [];
  /** Whether the list of definitions has come: until then there is nothing to read start rules from. */
  private definitionsRead = false;
  /** Workflows this user may plausibly start (their start rules read from each workflow's definition). */
  declare startable: readonly string[] | undefined;
  /**
   * `prefill`: what a customer's request takes from them (the workflow's portal profile); `lookups`: the archives it
   * can be filled from (INFO-2).
   */
  declare startForm:
    | {
        workflow: string;
        form: FormInput | undefined;
        prefill?: Readonly<Record<string, unknown>>;
        lookups?: readonly RecordLookup[];
        labels?: Readonly<Record<string, Localized>>;
      }
    | undefined;
  /** The new case's data as typed, for the archive lookup (INFO-2). */
  declare newCaseData: Readonly<Record<string, unknown>> | undefined;
  declare pageError: string | undefined;
  declare notice: string | undefined;
  /** On a phone, whether the header's menu (navigation, language, user) is open. */
  declare menuOpen: boolean;

  /** Unsent work found at logout, shown for the user to confirm before it is deleted. */
  declare logoutWarning: { readonly requests: number; readonly drafts: number } | undefined;
  /**
   * Whether the first page after login has shown what it is for (the worklist its rows). Until
   * then what can wait does: the inbox, the administrator's notices, the definitions and the
   * calendar, and the service worker's download of the shell (ui.firstWorklist).
   */
  declare settled: boolean;
  /** The workflow whose start form was queued offline: locked as sent until the user starts another. */
  declare queued: { readonly workflow: string; readonly duplicate: boolean } | undefined;

  /** Offline submissions of this app; replaceable before the element connects. */
  outbox: Outbox = createOutbox();
  /** Drafts of forms (the one store every `<sf-form>` uses unless given another). */
  drafts: Drafts = sharedDrafts;
  private listened: ApiClient | undefined;
  private created: ApiClient | undefined;

  constructor() {
    super();
    this.baseUrl = '';
    this.routing = 'hash';
    this.locale = (globalThis.localStorage?.getItem(LOCALE_KEY) as Locale | null) ?? 'zh-CN';
    this.expired = false;
    this.route = { page: 'list' };
    this.checking = true;
    this.busy = false;
    this.menuOpen = false;
    this.settled = false;
    this.workflows = [];
    this.serviceLines = new Map();
  }

  private get t(): AppTranslate {
    return appTranslator(this.locale);
  }

  override connectedCallback() {
    super.connectedCallback();
    if (this.routing === 'hash') {
      this.route = parseRoute(location.hash);
      window.addEventListener('hashchange', this.onHash);
    }
    this.addEventListener('sf-open-case', this.onOpenCase as EventListener);
    this.addEventListener('sf-list-loaded', this.settle);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
    this.removeEventListener('sf-open-case', this.onOpenCase as EventListener);
    this.removeEventListener('sf-list-loaded', this.settle);
    this.listened?.removeEventListener(LOGIN_EXPIRED, this.onExpired);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    // A client the host sets is used as it is; otherwise the app makes its own from base-url and token.
    if (changed.has('client') && this.client !== this.created) this.created = undefined;
    if (
      !this.client ||
      (this.created && this.client === this.created && (changed.has('baseUrl') || changed.has('token')))
    ) {
      this.client = this.created = new ApiClient({
        baseUrl: this.baseUrl,
        ...(this.token ? { token: this.token } : {}),
        locale: this.locale,
        credentials: this.baseUrl ? 'include' : 'same-origin',
      });
    }
    if (this.client !== this.listened) {
      this.listened?.removeEventListener(LOGIN_EXPIRED, this.onExpired);
      this.listened = this.client;
      this.client?.addEventListener(LOGIN_EXPIRED, this.onExpired);
      void this.checkSession();
    }
    if (changed.has('locale')) {
      if (this.client) this.client.locale = this.locale;
      document.documentElement.lang = this.locale;
    }
    // A first page other than the worklist, or another page before the worklist had its rows:
    // nothing waits for them.
    if (this.user && !this.user.mustChangePassword && this.route.page !== 'list') this.settle();
    if (changed.has('route') && this.route.page === 'new' && this.user) {
      void this.prepareNew();
      if (this.startable === undefined) void this.readStartable();
    }
  }

  /** Asks the server who is logged in (token or session cookie); shows the login form if nobody. */
  private async checkSession() {
    const client = this.client;
    if (!client) return;
    if (!client.mayBeLoggedIn()) {
      this.user = undefined;
      this.checking = false;
      return;
    }
    this.checking = true;
    try {
      const asked = client.me();
      prepareInstantFormat(this.locale, this.zone);
      const user = await asked;
      if (client !== this.client) return;
      this.loggedIn(user);
    } catch {
      if (client === this.client) this.user = undefined;
    } finally {
      if (client === this.client) this.checking = false;
    }
  }

  private loggedIn(user: User) {
    const first = !this.user;
    // Another user on this page (an expired login taken over): names as far as they may see them.
    if (this.client && this.user && this.user.username !== user.username) {
      forgetDirectory(this.client);
      this.directory = undefined;
      void forgetCachedAnswers();
    }
    // A shared browser: only this user's drafts and queued work are read, shown and sent from now on.
    this.drafts.setOwner(user.username);
    this.outbox.setOwner(user.username);
    this.user = user;
    this.expired = false;
    this.loginError = undefined;
    // An administrator reset the password: the server answers nothing else until it is changed.
    if (user.mustChangePassword) {
      this.need('password');
      return;
    }
    if (this.client) {
      const client = this.client;
      // The worklist's first page is asked for now, before the header is drawn: the list takes
      // this answer when it asks (same query), the directory's names come beside it.
      if (this.route.page === 'list') {
        const query = worklistQuery(openingFilters(user, readPrefs(user.username)), user, WORKLIST_PAGE_SIZE);
        client.prefetch('/api/cases', { query });
      }
      void directoryOf(client).then((directory) => {
        if (this.client === client && this.user === user) this.directory = directory;
      });
    }
    this.expired = false;
    this.loginError = undefined;
    if (first && user.locale && !globalThis.localStorage?.getItem(LOCALE_KEY)) this.locale = user.locale;
    if (this.settled) void this.loadWorkflows();
    if (this.route.page === 'new') void this.prepareNew();
    if (
      !NAVIGATION.find((n) => n.page === this.route.page)?.allowed(user) &&
      this.route.page !== 'case' &&
      this.route.page !== 'password'
    )
      this.go({ page: 'list' });
    this.dispatchEvent(new CustomEvent('sf-login', { detail: { user }, bubbles: true, composed: true }));
  }

  /** The first page has what it is for: what was held back goes out now (see `settled`). */
  private settle = () => {
    if (this.settled) return;
    this.settled = true;
    if (this.user) void this.loadWorkflows();
    this.dispatchEvent(new CustomEvent('sf-ready', { bubbles: true, composed: true }));
  };

  private onExpired = () => {
    if (this.user) this.expired = true;
  };

  private onHash = () => {
    this.route = parseRoute(location.hash);
    // A link followed (a case in the worklist, back in history) leaves the phone's menu behind, as the menu's own links
    // do.
    this.menuOpen = false;
  };

  private onOpenCase = (e: CustomEvent<{ id: string }>) => {
    this.go({ page: 'case', id: e.detail.id });
  };

  /** Shows a page (and, with hash routing, puts it in the address bar). */
  go(route: AppRoute) {
    this.route = route;
    this.pageError = undefined;
    this.notice = undefined;
    this.menuOpen = false;
    if (this.routing === 'hash' && location.hash !== routeHash(route)) history.pushState(null, '', routeHash(route));
    this.dispatchEvent(new CustomEvent('sf-route', { detail: { route }, bubbles: true, composed: true }));
  }

  private async login(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const client = this.client;
    if (!client) return;
    this.busy = true;
    try {
      const asked = client.login(String(data.get('username') ?? ''), String(data.get('password') ?? ''));
      prepareInstantFormat(this.locale, this.zone);
      const result = await asked;
      // Someone else logging in on an expired page starts from the worklist.
      if (this.user && this.user.username !== result.user.username) this.go({ page: 'list' });
      // The login answers with what GET /api/me would (the unit a department acts for, customer or staff).
      this.loggedIn(result.user);
      form.reset();
    } catch (error) {
      const status = (error as { status?: number }).status;
      this.loginError =
        status === 401 || status === 422 || status === 400 ? this.t('loginFailed') : describeError(error, this.t);
    } finally {
      this.busy = false;
    }
  }

  /**
   * Logs out. On a shared browser the next person must neither see nor send this user's drafts and
   * queued work, so they are deleted — after a warning when there are any, unless `discard` says
   * the user has seen it and chose to log out anyway.
   */
  async logout(discard = false) {
    const username = this.user?.username;
    if (username && !discard) {
      const [requests, drafts] = await Promise.all([
        this.outbox.list().then((l) => l.length),
        this.drafts.countOf(username),
      ]);
      if (requests || drafts) {
        this.logoutWarning = { requests, drafts };
        this.menuOpen = false; // on a phone the open menu would cover the warning
        return;
      }
    }
    this.logoutWarning = undefined;
    if (username) await Promise.all([this.outbox.clearOwner(username), this.drafts.clearOwner(username)]);
    this.drafts.setOwner(undefined);
    this.outbox.setOwner(undefined);
    this.queued = undefined;
    await this.client?.request('POST', '/api/auth/logout').catch(() => undefined);
    this.client?.logout();
    if (this.client) {
      forgetDirectory(this.client);
      forgetWorkflowInfo(this.client);
    }
    // What the service worker kept for offline reloads was this person's.
    await forgetCachedAnswers();
    this.directory = undefined;
    this.user = undefined;
    this.expired = false;
    // The next person to log in starts from their worklist.
    this.go({ page: 'list' });
    this.dispatchEvent(new CustomEvent('sf-logout', { bubbles: true, composed: true }));
  }

  private setLocale(locale: Locale) {
    this.locale = locale;
    globalThis.localStorage?.setItem(LOCALE_KEY, locale);
  }

  private startableRead: Promise<void> | undefined;

  private async loadWorkflows() {
    try {
      const all = (await this.client?.definitions()) ?? [];
      this.allDefinitions = all;
      this.definitionsRead = true;
      this.workflows = all.filter((d) => d.kind === 'Workflow');
      // Which of them this user may start needs every workflow's definition: read when "new case" opens.
      this.startable = undefined;
      if (this.route.page === 'new') void this.readStartable();
      const calendar = all.find((d) => d.kind === 'Calendar');
      if (calendar && this.client) {
        const def = await this.client.definition('Calendar', calendar.name);
        const zone = def.spec['timeZone'];
        this.calendarZone = typeof zone === 'string' ? zone : undefined;
      }
    } catch {
      if (!this.workflows.length) this.workflows = [];
    }
  }

  /**
   * Which workflows to offer on "new case": those with a start rule this user may meet. Rules on
   * roles and on customers are checked here; the rest (units, unit types) the server decides.
   */
  private readStartable(): Promise<void> {
    // Asked again while a read is under way (the route set, then its hash change), the same read answers.
    this.startableRead ??= this.readStartableOnce().finally(() => (this.startableRead = undefined));
    return this.startableRead;
  }

  private async readStartableOnce() {
    const client = this.client;
    const user = this.user;
    if (!client || !user || !this.definitionsRead) return;
    // Through the shared cache of workflow views: the worklist and the case page read the same answers.
    const views = await Promise.all(
      this.workflows.map(
        (w) =>
          workflowInfo(client, w.name, this.locale) as Promise<
            { startAllow?: readonly Record<string, unknown>[]; serviceLine?: string | null } | undefined
          >,
      ),
    );
    if (client !== this.client || user !== this.user) return;
    this.serviceLines = new Map(this.workflows.map((w, i) => [w.name, views[i]?.serviceLine ?? null]));
    this.startable = this.workflows
      .filter((w, i) => {
        const rules = views[i]?.startAllow;
        return rules === undefined || rules.some((rule) => mayMeet(rule, user));
      })
      .map((w) => w.name);
  }

  private get zone(): string | undefined {
    return this.timeZone || this.calendarZone;
  }

  private async prepareNew() {
    const route = this.route;
    if (route.page !== 'new' || !route.workflow || !this.client) {
      this.startForm = undefined;
      return;
    }
    if (this.startForm?.workflow === route.workflow) return;
    const workflow = route.workflow;
    try {
      const [view, { formForEvent }] = await Promise.all([
        this.client.definition('Workflow', workflow),
        import('../components/form-from-schema.ts'),
      ]);
      // The archive lookup (INFO-2) is loaded only where a registration can use it.
      if (view.records?.length) await import('../components/sf-archive-lookup.ts');
      if (this.route.page === 'new' && this.route.workflow === workflow) {
        const properties = (view.startForm?.['properties'] ?? {}) as Record<string, { 'x-sf-label'?: Localized }>;
        const labels = Object.fromEntries(
          Object.entries(properties).map(([name, node]) => [name, node['x-sf-label'] ?? name]),
        );
        this.newCaseData = view.prefill;
        this.startForm = {
          workflow,
          form: formForEvent(view.startForm ?? null, `${workflow}-start`),
          ...(view.prefill ? { prefill: view.prefill } : {}),
          lookups: view.records ?? [],
          labels,
        };
      }
    } catch (error) {
      this.pageError = describeError(error, this.t);
    }
  }

  private async create(workflow: string, data: unknown) {
    if (!this.client) return;
    this.busy = true;
    const key = crypto.randomUUID();
    try {
      const created = await this.client.createCase(workflow, data ?? {}, { idempotencyKey: key });
      this.startForm = undefined;
      this.go({ page: 'case', id: created.id });
      this.notice = this.t('newCaseCreated', { id: caseRef(created) });
    } catch (error) {
      const e = error as Partial<ApiError>;
      if (e.status === 0) {
        const entry = await this.outbox.enqueue({
          url: this.client.url('/api/cases'),
          body: { workflow, data },
          headers: this.client.headers(),
          idempotencyKey: key,
        });
        // Sent as far as this page is concerned: the form goes (its draft with it) and stays locked
        // until the user asks for another, so a second press cannot queue a second case.
        await this.drafts.clear(`new-case/${workflow}`);
        // The locked form says it was queued (and that it will not be sent twice), where the user looks.
        this.queued = { workflow, duplicate: Boolean(entry.duplicate) };
      } else if (e.status === 422 && e.errors?.length) {
        const form = this.renderRoot.querySelector('sf-form');
        if (form) form.errors = e.errors;
        this.pageError = this.t('invalidData');
      } else {
        this.pageError = describeError(error, this.t);
      }
    } finally {
      this.busy = false;
    }
  }

  private workflowTitle(name: string): string {
    const w = this.workflows.find((d) => d.name === name);
    return w?.title !== undefined ? localize(w.title as Localized, this.locale) : name;
  }

  override render() {
    const t = this.t;
    if (this.checking && !this.user)
      return html`<p role="status" class="muted" style="padding:1rem">${t('loading')}</p>`;
    if (!this.user) return html`${this.renderLanguage()}${this.renderLogin(false)}`;
    const user = this.user;
    if (user.mustChangePassword) return this.renderPasswordRequired(user);
    const items = NAVIGATION.filter((n) => n.allowed(user));
    const current: Page = this.route.page === 'case' || this.route.page === 'password' ? 'list' : this.route.page;
    const account = accountTranslator(this.locale);
    return html`
      <header class="bar ${this.menuOpen ? 'open' : ''}" part="bar">
        <h1>${t('appTitle')}</h1>
        <sf-outbox-status .outbox=${this.outbox} .locale=${this.locale}></sf-outbox-status>
        <sf-inbox .client=${this.settled ? this.client : undefined} .locale=${this.locale} .timeZone=${this.zone}></sf-inbox>
        <button type="button" class="menu-toggle" part="menu-toggle" aria-controls="sf-menu" aria-expanded=${this.menuOpen ? 'true' : 'false'}
          @click=${() => (this.menuOpen = !this.menuOpen)}><span aria-hidden="true">☰</span>${worklistTranslator(this.locale)('menu')}</button>
        <div class="collapsible" id="sf-menu">
        <nav aria-label=${t('appTitle')} part="nav"><ul>${items.map(
          (
            n,
          ) => html`<li><a href=${routeHash(n.page === 'list' ? { page: 'list' } : ({ page: n.page } as AppRoute))} data-page=${n.page}
            aria-current=${current === n.page ? 'page' : 'false'}
            @click=${(e: Event) => {
              e.preventDefault();
              this.go({ page: n.page } as AppRoute);
            }}>${t(user.customer ? (n.customerLabel ?? n.label) : n.label)}</a></li>`,
        )}</ul></nav>
        ${this.renderLanguage()}
        <span class="user" part="user">${this.signedInAs(user, t)}
          <a href="#/password" part="change-password" @click=${(e: Event) => {
            e.preventDefault();
            this.go({ page: 'password' });
          }}>${account('changePassword')}</a>
          <button type="button" part="logout" @click=${() => void this.logout()}>${t('logout')}</button></span>
        </div>
      </header>
      ${this.renderLogoutWarning()}
      <main part="main">
        ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
        ${this.pageError ? html`<div class="alert" role="alert">${this.pageError}</div>` : nothing}
        ${user.admin && !user.customer ? html`<sf-admin-notices .client=${this.settled ? this.client : undefined} .locale=${this.locale}></sf-admin-notices>` : nothing}
        ${this.renderPage(user, t)}
      </main>
      ${this.expired ? html`<div class="overlay" part="relogin">${this.renderLogin(true)}</div>` : nothing}
    `;
  }

  /** Before anything else after an administrator's reset: the change form, the language and a way out. */
  /**
   * Who is signed in: staff by name and unit; a customer by name alone (the branch that serves them
   * is the company's organisation, not theirs).
   */
  private signedInAs(user: User, t: AppTranslate) {
    const name = user.name ? localize(user.name as Localized, this.locale) : user.username;
    return user.customer
      ? name
      : t('signedInAs', { name, unit: namesFrom(this.directory, this.locale).unit(user.unit) });
  }

  private renderPasswordRequired(user: User) {
    return html`<header class="bar" part="bar"><h1>${this.t('appTitle')}</h1>${this.renderLanguage()}
        <span class="user" part="user"><button type="button" part="logout" @click=${() => void this.logout()}>${this.t('logout')}</button></span></header>
      ${this.renderLogoutWarning()}
      <main part="main"><div class="panel">
        <sf-change-password .client=${this.client} .locale=${this.locale} username=${user.username} required
          @sf-password-changed=${() => void this.passwordChanged()}></sf-change-password></div></main>`;
  }

  /** After a change: the server ended the user's other sessions; a forced change now opens the app. */
  private async passwordChanged() {
    const client = this.client;
    const wasRequired = Boolean(this.user?.mustChangePassword);
    if (wasRequired && client) this.loggedIn(await client.me());
    if (!wasRequired || this.route.page === 'password') this.go({ page: 'list' });
    this.notice = accountTranslator(this.locale)('passwordChanged');
  }

  private renderLogoutWarning() {
    const w = this.logoutWarning;
    if (!w) return nothing;
    const account = accountTranslator(this.locale);
    return html`<div class="panel logout-warning" role="alertdialog" aria-labelledby="sf-logout-title" aria-describedby="sf-logout-text" part="logout-warning">
      <h2 id="sf-logout-title">${account('logoutUnsentTitle')}</h2>
      <p id="sf-logout-text">${account('logoutUnsent', { what: unsentWork(w, this.locale) })}</p>
      <p><button type="button" part="logout-stay" class="primary" @click=${() => (this.logoutWarning = undefined)}>${account('logoutStay')}</button>
        <button type="button" part="logout-discard" @click=${() => void this.logout(true)}>${account('logoutAnyway')}</button></p>
    </div>`;
  }

  private renderLanguage() {
    return html`<label class="language" part="language">${this.t('language')}
      <select name="locale" @change=${(e: Event) => this.setLocale((e.target as HTMLSelectElement).value as Locale)}>
        <option value="zh-CN" ?selected=${this.locale === 'zh-CN'}>中文</option>
        <option value="en" ?selected=${this.locale === 'en'}>English</option>
      </select></label>`;
  }

  private renderLogin(expired: boolean) {
    const t = this.t;
    return html`<form class="login panel" part="login" @submit=${(e: Event) => void this.login(e)} aria-labelledby="sf-login-title">
      <h2 id="sf-login-title">${t('loginTitle')}</h2>
      ${expired ? html`<p class="notice" role="status">${t('errorLoginExpired')}</p>` : nothing}
      ${this.loginError ? html`<p class="error" role="alert">${this.loginError}</p>` : nothing}
      <label>${t('username')}<input name="username" autocomplete="username" required .value=${expired && this.user ? this.user.username : ''} /></label>
      <label>${t('password')}<input name="password" type="password" autocomplete="current-password" required /></label>
      <button type="submit" class="primary" ?disabled=${this.busy}>${t('login')}</button>
    </form>`;
  }

  /** Starts loading a page's element; a failure (no network, no cached chunk) says so where the page would be. */
  private need(page: LazyPage) {
    loadPage(page).catch((error: unknown) => {
      this.pageError = describeError(error, this.t);
    });
  }

  private renderPage(user: User, t: AppTranslate) {
    const route = this.route;
    if (route.page !== 'list' && route.page !== 'admin')
      this.need(route.page === 'case' && user.customer ? 'portal' : route.page);
    const workflows = this.workflows.map((w) => ({
      name: w.name,
      ...(w.title !== undefined ? { title: w.title } : {}),
    }));
    switch (route.page) {
      case 'case':
        // A customer reads the portal's view of their case; staff the whole case.
        return html`<div class="panel"><p class="no-print"><a href="#/cases" @click=${(e: Event) => {
          e.preventDefault();
          this.go({ page: 'list' });
        }}>${t('backToList')}</a></p>
          ${
            user.customer
              ? html`<sf-portal-case .client=${this.client} case-id=${route.id} .locale=${this.locale} .timeZone=${this.zone}></sf-portal-case>`
              : html`<sf-case .client=${this.client} case-id=${route.id} .locale=${this.locale} .timeZone=${this.zone} .outbox=${this.outbox}></sf-case>`
          }</div>`;
      case 'new':
        return this.renderNew(route.workflow, t);
      case 'password':
        return html`<div class="panel"><sf-change-password .client=${this.client} .locale=${this.locale} username=${user.username}
          @sf-password-changed=${() => void this.passwordChanged()}></sf-change-password></div>`;
      case 'ledger':
        return html`<div class="panel"><sf-ledger .client=${this.client} .locale=${this.locale} .timeZone=${this.zone} .unit=${user.actingUnit ?? user.unit}></sf-ledger></div>`;
      case 'records':
        return html`<div class="panel"><sf-records .client=${this.client} .locale=${this.locale} .timeZone=${this.zone}
          .type=${route.type} .recordId=${route.id}></sf-records></div>`;
      case 'admin':
        return this.renderAdmin(user, route.tab, t);
      case 'reports':
        return html`<div class="panel"><sf-monthly-report .client=${this.client} .locale=${this.locale} .timeZone=${this.zone} .unit=${user.actingUnit ?? user.unit}></sf-monthly-report></div>`;
      case 'scorecards':
        return html`<div class="panel"><sf-scorecard .client=${this.client} .locale=${this.locale} .timeZone=${this.zone} .unit=${user.actingUnit ?? user.unit}></sf-scorecard></div>`;
      default:
        return html`<div class="panel"><sf-case-list .client=${this.client} .user=${user} .locale=${this.locale} .timeZone=${this.zone} .workflows=${workflows} remember></sf-case-list></div>`;
    }
  }

  /**
   * Definitions, versions (with migrating open cases) and users, for administrators (the server's `admin`: the user's
   * flag or an
   * Organization role marked admin, what publishing and /api/users require). Definitions come first
   * and are the default, so `#/admin` opens the editor as it always has (bookmarks, the README's tour).
   */
  private renderAdmin(user: User, tab: AdminTab | undefined, t: AppTranslate) {
    const shown: AdminTab = user.admin && (tab === 'users' || tab === 'versions') ? tab : 'definitions';
    this.need(shown === 'users' ? 'users' : shown === 'versions' ? 'versions' : 'definitions');
    const page =
      shown === 'users'
        ? html`<sf-users .client=${this.client} .locale=${this.locale} .directory=${this.directory}></sf-users>`
        : shown === 'versions'
          ? html`<sf-definition-versions .client=${this.client} .locale=${this.locale} .timeZone=${this.zone}></sf-definition-versions>`
          : html`<sf-definition-editor .client=${this.client} .locale=${this.locale} .timeZone=${this.zone} @sf-published=${() => {
              void this.loadWorkflows();
              void this.renderRoot.querySelector<SfAdminNotices>('sf-admin-notices')?.refresh();
            }}></sf-definition-editor>`;
    if (!user.admin) return html`<div class="panel">${page}</div>`;
    const tabs: readonly [AdminTab, AppMessageKey][] = [
      ['definitions', 'adminDefinitions'],
      ['versions', 'adminVersions'],
      ['users', 'adminUsers'],
    ];
    return html`<div class="panel"><div role="tablist" class="tabs" part="admin-tabs">${tabs.map(([name, label]) => {
      const selected = name === shown;
      return html`<button type="button" role="tab" id=${`admin-tab-${name}`} data-tab=${name} aria-selected=${selected ? 'true' : 'false'} aria-controls="admin-panel"
          tabindex=${selected ? 0 : -1} @click=${() => this.go(name === 'definitions' ? { page: 'admin' } : { page: 'admin', tab: name })}>${t(label)}</button>`;
    })}</div>
      <div role="tabpanel" id="admin-panel" aria-labelledby=${`admin-tab-${shown}`}>${page}</div></div>`;
  }

  /**
   * The workflows this user may start, grouped by their service line (SL-*) in the order the
   * definitions list the lines; workflows of no line come last, ungrouped.
   */
  private startableByLine(): { line: string | null; names: string[] }[] {
    const names = this.workflows.filter((w) => !this.startable || this.startable.includes(w.name)).map((w) => w.name);
    const lines = this.allDefinitions.filter((d) => d.kind === 'ServiceLine').map((d) => d.name);
    const lineOf = (name: string) => {
      const line = this.serviceLines.get(name) ?? null;
      return line !== null && lines.includes(line) ? line : null;
    };
    const groups = lines
      .map((line) => ({ line: line as string | null, names: names.filter((n) => lineOf(n) === line) }))
      .filter((g) => g.names.length);
    const rest = names.filter((n) => lineOf(n) === null);
    return rest.length ? [...groups, { line: null, names: rest }] : groups;
  }

  private definitionTitle(kind: string, name: string): string {
    const d = this.allDefinitions.find((x) => x.kind === kind && x.name === name);
    return d?.title !== undefined ? localize(d.title as Localized, this.locale) : name;
  }

  /** Fills the registration's empty fields from an archive record the lookup offered; what was typed stays. */
  private fillFromArchive(filled: Readonly<Record<string, unknown>>) {
    const form = this.renderRoot.querySelector('sf-form');
    const data = { ...(this.newCaseData ?? {}), ...filled };
    this.newCaseData = data;
    if (form) form.value = data;
  }

  private renderNew(workflow: string | undefined, t: AppTranslate) {
    const start = this.startForm?.workflow === workflow ? this.startForm : undefined;
    return html`<div class="panel">
      <label>${t('newCaseWorkflow')}
        <select name="workflow" @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          this.go(value ? { page: 'new', workflow: value } : { page: 'new' });
        }}>
          <option value="" ?selected=${!workflow}>—</option>
          ${this.startableByLine().map(({ line, names }) => {
            const options = names.map(
              (name) => html`<option value=${name} ?selected=${name === workflow}>${this.workflowTitle(name)}</option>`,
            );
            return line === null
              ? options
              : html`<optgroup label=${this.definitionTitle('ServiceLine', line)}>${options}</optgroup>`;
          })}
        </select>
      </label>
      ${
        workflow && this.queued?.workflow === workflow
          ? html`<div class="notice" role="status" part="queued"><p>${accountTranslator(this.locale)(this.queued.duplicate ? 'formQueuedAlready' : 'formQueued')}</p>
            <p><button type="button" part="another" @click=${() => (this.queued = undefined)}>${accountTranslator(this.locale)('formAnother')}</button></p></div>`
          : workflow && start
            ? start.form
              ? html`${
                  start.lookups?.length
                    ? html`<sf-archive-lookup .client=${this.client} .locale=${this.locale} .lookups=${start.lookups} .labels=${start.labels} .data=${this.newCaseData}
                    @sf-archive-fill=${(e: CustomEvent<{ data: Record<string, unknown> }>) => this.fillFromArchive(e.detail.data)}></sf-archive-lookup>`
                    : nothing
                }
              <sf-form .form=${start.form} .value=${start.prefill} .locale=${this.locale} .people=${this.directory} draft-key=${`new-case/${workflow}`} ?disabled=${this.busy}
              @sf-change=${(e: CustomEvent<{ data: Record<string, unknown> }>) => (this.newCaseData = e.detail.data)}
              @sf-draft-restored=${(e: CustomEvent<{ data: Record<string, unknown> }>) => (this.newCaseData = e.detail.data)}
              @sf-submit=${(e: CustomEvent<{ data: unknown }>) => void this.create(workflow, e.detail.data)}></sf-form>`
              : html`<p><button type="button" class="primary" ?disabled=${this.busy} @click=${() => void this.create(workflow, {})}>${t('confirm')}</button></p>`
            : workflow
              ? html`<p role="status" class="muted">${t('loading')}</p>`
              : nothing
      }
    </div>`;
  }
}

if (!customElements.get('sf-app')) customElements.define('sf-app', SfApp);

declare global {
  interface HTMLElementTagNameMap {
    'sf-app': SfApp;
  }
}
