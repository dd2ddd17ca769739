import { css, html, nothing, svg, type PropertyValues } from 'lit';
import { localize, type Localized } from '../../engine/localized.ts';
import type { CaseQuery, CaseSummary, StreamMessage, User } from '../api/types.ts';
import type { AppTranslate } from '../i18n/app-messages.ts';
import { ApiElement } from './api-element.ts';
import {
  caseRef,
  describeError,
  formatInstant,
  formatSpan,
  isOverdue,
  loginExpired,
  nextDeadline,
  statePaths,
  toMillis,
  worklistOrder,
} from './case-format.ts';
import { summaryParts } from './case-summary.ts';
import { LatestLoad } from './latest-load.ts';
import { afterPaint } from './after-paint.ts';
import { caseListPhone, touchTargets } from './phone-styles.ts';
import { sfBaseStyles } from './sf-base-styles.ts';
import { worklistTranslator, type WorklistTranslate } from '../i18n/worklist-messages.ts';
import { readPrefs, writePrefs } from './worklist-prefs.ts';
import { openingFilters, worklistQuery, WORKLIST_PAGE_SIZE } from './worklist-query.ts';
import { settingsOf } from './installation-settings.ts';
import { mapLink } from '../values/value-reader.ts';
import { nextSort, sortRows, type SortColumn, type WorklistSort } from './worklist-sort.ts';
import { stateOptions } from './state-options.ts';
import { stateTitle, workflowInfo, type WorkflowInfo } from './workflow-info.ts';

export type CaseListScope = 'mine' | 'unit';

const RELOAD_DELAY_MS = 200;
/** Searching as one types: the server is asked once typing pauses this long. */
const SEARCH_DELAY_MS = 300;
/** Columns about who holds a case inside the company and by when: a customer's list leaves them out. */
const STAFF_COLUMNS: ReadonlySet<SortColumn> = new Set(['unit', 'assignee', 'deadline']);
// 'inbox' says the user's notifications changed; the case event that caused it follows on its own.
const IGNORED_STREAM_EVENTS = new Set(['ping', 'heartbeat', 'hello', 'ready', 'inbox']);
/** The least height of a row (a card on a phone, under phone-styles' 40rem), to tell how many fill a screen. */
const ROW_MIN_PX = 32;
const CARD_MIN_PX = 96;

/** How many rows can show on the screen at once: the first frame of the first load shows no more. */
function screenRows(): number {
  if (typeof window === 'undefined') return Number.POSITIVE_INFINITY;
  const phone = window.matchMedia?.('(max-width: 40rem)').matches ?? false;
  return Math.max(1, Math.ceil(window.innerHeight / (phone ? CARD_MIN_PX : ROW_MIN_PX)));
}

/**
 * The worklist: my cases (assigned to me or first received by me) or my unit's cases, with
 * filters, overdue cases first, kept up to date from the server's event stream. Each row shows
 * the case's summary: the values of its workflow's summary fields (customer, product…).
 *
 * Properties in: `client` (ApiClient), `user` (the logged-in user; `mine` and `unit` need it),
 * `scope` ('mine' | 'unit'), `workflow`, `state` (a state path of that workflow; a compound
 * state matches its children), `q`, `overdue` (filters), `workflows`
 * ([{name, title}] for the workflow filter), `locale`, `live` (follow GET /api/stream, default true),
 * `pageSize`, `sort` ({column, direction}; the worklist's own order, overdue first, when unset),
 * `remember` (each user's filters and sort kept on this device and restored; the staff app sets it).
 * Staff can select several cases and send them one event (sf-bulk-events).
 * Events out: `sf-open-case` {id} when a case is chosen, `sf-login-expired` on 401, `sf-list-loaded`
 * each time a load has ended and its rows (or its error) have been painted.
 */
export class SfCaseList extends ApiElement {
  static override styles = [
    sfBaseStyles,
    css`
      tr.overdue td:first-child { border-inline-start: 4px solid var(--_error); }
      tr[data-id] { cursor: pointer; }
      tr[data-id]:hover { background: var(--sf-row-hover, #f1f3f4); }
      /* Darker than the accent: links stay 4.5:1 on the hovered (or tapped) row's grey, as in the archives. */
      a { color: var(--sf-link-color, #174ea6); }
      .status { display: flex; gap: 1rem; justify-content: space-between; margin-top: 0.5rem; font-size: 0.875em; }
      .remaining.overdue { color: var(--_error); font-weight: 600; }
      /* A long value (a description) is cut to one line; the whole summary is in the title. */
      td[part='summary'] span.summary-text { display: inline-block; max-width: 24em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; vertical-align: bottom; }
      /* How to reach the customer: icons after the summary on a desktop, the card's foot on a phone. */
      td[part='summary'] { white-space: nowrap; }
      .reach { display: inline-flex; gap: 0.25rem; margin-inline-start: 0.375rem; vertical-align: bottom; }
      .reach a { display: inline-flex; align-items: center; justify-content: center; min-width: 1.75rem; min-height: 1.75rem; border-radius: var(--_radius); text-decoration: none; }
      .reach a:hover { background: var(--sf-row-hover-strong, #e3e6ea); }
      .reach-label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
      th button.sort { all: unset; cursor: pointer; font-weight: 600; display: inline-flex; gap: 0.25rem; align-items: center; }
      th button.sort:focus-visible { outline: 2px solid var(--_accent); }
      th[aria-sort] button.sort::after { content: '▲'; font-size: 0.75em; }
      th[aria-sort='descending'] button.sort::after { content: '▼'; }
      td.select, th.select { width: 2.5rem; }
      td.select label { display: inline-flex; align-items: center; justify-content: center; min-width: 2rem; min-height: 2rem; }
      /* A case number reads as one word: BX-2026-00001 is not broken at its hyphens. */
      a[part~="case-number"] { white-space: nowrap; }
      /* The filters sit in the toolbar's row on a desktop; the 筛选 button that folds them is the phone's. */
      .filters { display: contents; }
      .filters-toggle { display: none; }
    `,
    touchTargets,
    caseListPhone,
  ];

  static override properties = {
    user: { attribute: false },
    scope: { reflect: true },
    workflow: {},
    state: {},
    q: {},
    overdue: { type: Boolean },
    workflows: { attribute: false },
    live: { type: Boolean },
    pageSize: { type: Number, attribute: 'page-size' },
    sort: { attribute: false },
    remember: { type: Boolean },
    selected: { state: true },
    mapUrl: { state: true },
    items: { state: true },
    next: { state: true },
    loading: { state: true },
    error: { state: true },
    streamLost: { state: true },
    now: { state: true },
    infos: { state: true },
    filtersOpen: { state: true },
    firstScreen: { state: true },
  };
  declare user: User | undefined;
  declare scope: CaseListScope;
  declare workflow: string;
  declare state: string;
  declare q: string;
  declare overdue: boolean;
  declare workflows: readonly { name: string; title?: Localized }[];
  declare live: boolean;
  declare pageSize: number;
  declare sort: WorklistSort | undefined;
  declare remember: boolean;
  /** Cases chosen for one event sent to all of them. */
  declare selected: ReadonlySet<string>;
  /** The installation's map URL template (GET /api/settings): addresses link to it; none by default. */
  declare mapUrl: string | undefined;
  declare items: readonly CaseSummary[];
  declare next: string | null;
  declare loading: boolean;
  declare error: unknown;
  declare streamLost: boolean;
  declare now: number;
  /** State titles and summary fields per workflow, read once per workflow from its definition. */
  declare infos: ReadonlyMap<string, WorkflowInfo>;
  /** On a phone the filters fold behind a 筛选 button (with the count of those set); open when it is pressed. */
  declare filtersOpen: boolean;
  /**
   * The first load's rows are drawn a screen first: the frame that shows the list holds the rows
   * that fit on the screen, the rest come in the next one. Thirty cards built for a phone that
   * shows five held its first row back (ui.firstWorklist); the count and selection cover them all.
   */
  declare firstScreen: boolean;

  private stream: AbortController | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private tick: ReturnType<typeof setInterval> | undefined;
  private loads = new LatestLoad(this, (error) => (this.error = error));
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whose filters were restored; they are saved under that name from then on. */
  private restoredFor: string | undefined;

  constructor() {
    super();
    this.scope = 'mine';
    this.workflow = '';
    this.state = '';
    this.q = '';
    this.overdue = false;
    this.workflows = [];
    this.live = true;
    this.pageSize = WORKLIST_PAGE_SIZE;
    this.sort = undefined;
    this.remember = false;
    this.selected = new Set();
    this.items = [];
    this.next = null;
    this.loading = false;
    this.error = undefined;
    this.streamLost = false;
    this.now = Date.now();
    this.infos = new Map();
    this.filtersOpen = false;
    this.firstScreen = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.tick = setInterval(() => (this.now = Date.now()), 30_000);
    if (this.hasUpdated) {
      this.watchChips();
      this.startStream();
      void this.reload();
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.tick);
    clearTimeout(this.reloadTimer);
    clearTimeout(this.searchTimer);
    this.stopStream();
    this.chipsResize?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('user')) this.restorePrefs();
    const kept = ['scope', 'workflow', 'state', 'q', 'overdue', 'sort'] as const;
    if (this.remember && this.user && this.restoredFor === this.user.username && kept.some((k) => changed.has(k))) {
      writePrefs(this.user.username, {
        scope: this.scope,
        workflow: this.workflow,
        state: this.state,
        q: this.q,
        overdue: this.overdue,
        ...(this.sort ? { sort: this.sort } : {}),
      });
    }
    if (changed.has('items') && this.selected.size) {
      const listed = new Set(this.items.map((i) => i.id));
      if ([...this.selected].some((id) => !listed.has(id)))
        this.selected = new Set([...this.selected].filter((id) => listed.has(id)));
    }
    const query = ['client', 'user', 'scope', 'workflow', 'state', 'q', 'overdue', 'pageSize'] as const;
    if (query.some((k) => changed.has(k))) void this.reload();
    // The stream and the settings wait for the first rows (see `shown`); a later client or
    // `live` changes them at once.
    if (this.shown && (changed.has('client') || changed.has('live'))) this.startStream();
    if (this.shown && changed.has('client')) this.readSettings();
    if (changed.has('client') || changed.has('locale')) this.infos = new Map();
    if (changed.has('items') || changed.has('workflow') || changed.has('client') || changed.has('locale'))
      this.readWorkflows();
  }

  /**
   * Marks the column heads' row with what lies past its edges: on a phone it is a row of sort chips
   * scrolled sideways, and the fade at an edge (phone-styles.ts) says there is more that way.
   */
  private markChipEdges = () => {
    const row = this.renderRoot.querySelector<HTMLElement>('thead tr');
    if (!row) return;
    const beyond = row.scrollWidth - row.clientWidth;
    row.toggleAttribute('data-more-start', beyond > 1 && row.scrollLeft > 1);
    row.toggleAttribute('data-more-end', beyond > 1 && row.scrollLeft < beyond - 1);
  };

  private chipsResize: ResizeObserver | undefined;

  /** The row's edges change with the screen's width too (a phone turned), not only with what it shows. */
  private watchChips() {
    const row = this.renderRoot.querySelector('thead tr');
    if (!row || typeof ResizeObserver === 'undefined') return;
    this.chipsResize ??= new ResizeObserver(this.markChipEdges);
    this.chipsResize.observe(row);
  }

  protected override firstUpdated() {
    this.watchChips();
  }

  private chipEdgesAsked = false;

  /**
   * The chips' edges are read once the frame is painted, when layout is clean: read in `updated`
   * they forced a layout of the whole list on every update (the rows' first one among them), about
   * 0.1 s of a throttled phone before its first row (ui.firstWorklist).
   */
  private askChipEdges() {
    if (this.chipEdgesAsked) return;
    this.chipEdgesAsked = true;
    void afterPaint().then(() => {
      this.chipEdgesAsked = false;
      this.markChipEdges();
    });
  }

  protected override updated() {
    this.askChipEdges();
    // Options come and go with the chosen workflow and the definitions read, and an option the
    // user picked stays picked when Lit reuses it for another state: show the filters in force.
    for (const name of ['workflow', 'state'] as const) {
      const select = this.renderRoot.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
      if (select && select.value !== this[name]) select.value = this[name];
    }
  }

  /** A person's remembered filters, once per person (a host's own filters for them are kept). */
  private restorePrefs() {
    const user = this.user;
    if (!this.remember || !user || this.restoredFor === user.username) return;
    this.restoredFor = user.username;
    this.selected = new Set();
    const opening = openingFilters(user, readPrefs(user.username), this);
    this.scope = opening.scope;
    this.workflow = opening.workflow;
    this.state = opening.state;
    this.q = opening.q;
    this.overdue = opening.overdue;
    this.sort = opening.sort;
  }

  /** Typing in the search box asks the server once typing pauses; Enter or leaving the box asks at once. */
  private search(value: string, now: boolean) {
    clearTimeout(this.searchTimer);
    const q = value.trim();
    if (now) this.q = q;
    else this.searchTimer = setTimeout(() => (this.q = q), SEARCH_DELAY_MS);
  }

  private readWorkflows() {
    const client = this.client;
    const locale = this.locale;
    if (!client) return;
    // The chosen workflow's too: the state filter offers its states before any of its cases is listed.
    for (const name of new Set([...this.items.map((i) => i.workflow), ...(this.workflow ? [this.workflow] : [])])) {
      if (this.infos.has(name)) continue;
      void workflowInfo(client, name, locale).then((info) => {
        if (info && client === this.client && locale === this.locale && !this.infos.has(name))
          this.infos = new Map(this.infos).set(name, info);
      });
    }
  }

  private stateText(item: CaseSummary): string {
    const info = this.infos.get(item.workflow);
    return statePaths(item.state)
      .map((p) => localize(stateTitle(info, p), this.locale))
      .join(', ');
  }

  /** The query sent for the current scope and filters. */
  query(cursor?: string): CaseQuery {
    return worklistQuery(this, this.user, this.pageSize, cursor);
  }

  private mine(item: CaseSummary): boolean {
    if (this.scope !== 'mine' || !this.user) return true;
    const me = this.user.username;
    return item.assignee === me || item.owner === me || item.customerUser === me || item.waitingForMe === true;
  }

  /** Loads the first page again (after a filter change or a stream message). */
  async reload(): Promise<void> {
    const client = this.client;
    if (!client) return;
    await this.loads.run(
      () => client.listCases(this.query()),
      (page) => {
        this.items = page.items.filter((i) => this.mine(i));
        this.next = page.next ?? null;
        if (!this.shown) this.firstScreen = true;
      },
    );
    // Told once the rows (or the error) are on screen: the app holds back what can wait until then.
    if (this.loading) return;
    await this.updateComplete;
    await afterPaint();
    if (this.firstScreen) {
      this.firstScreen = false;
      await this.updateComplete;
    }
    if (!this.shown) {
      this.shown = true;
      this.startStream();
      this.readSettings();
    }
    this.dispatchEvent(new CustomEvent('sf-list-loaded', { bubbles: true, composed: true }));
  }

  /**
   * Whether the first load's rows (or its error) have been painted. Until then the event stream
   * and the installation's settings (the map link of addresses) are not asked for: their requests
   * and answers would take the phone's main thread between the list's answer and its first row
   * (ui.firstWorklist). A change the stream would have told meanwhile is in the rows just read.
   */
  private shown = false;

  private readSettings() {
    const client = this.client;
    if (!client) return;
    void settingsOf(client).then((s) => {
      if (client === this.client) this.mapUrl = s.mapUrl ?? undefined;
    });
  }

  private async loadMore() {
    const client = this.client;
    const next = this.next;
    if (!client || !next) return;
    await this.loads.run(
      () => client.listCases(this.query(next)),
      (page) => {
        const seen = new Set(this.items.map((i) => i.id));
        this.items = [...this.items, ...page.items.filter((i) => this.mine(i) && !seen.has(i.id))];
        this.next = page.next ?? null;
      },
    );
  }

  private startStream() {
    this.stopStream();
    if (!this.client || !this.live || !this.isConnected) return;
    const controller = new AbortController();
    this.stream = controller;
    void this.client.subscribe(this.onStream, controller.signal, {
      onError: (error) => {
        this.streamLost = true;
        loginExpired(this, error);
      },
    });
  }

  private stopStream() {
    this.stream?.abort();
    this.stream = undefined;
  }

  private onStream = (message: StreamMessage) => {
    this.streamLost = false;
    // The stream is asked for once the first rows show (`shown`), and may have been lost and
    // found again: what changed while nobody listened is read now, once the server listens.
    if (message.event === 'ready') {
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => void this.reload(), RELOAD_DELAY_MS);
      return;
    }
    if (IGNORED_STREAM_EVENTS.has(message.event)) return;
    // A changed case shows at once where it is already listed; the list is then read again, as
    // the change may move a case into or out of this worklist.
    const data = message.data as { case?: CaseSummary } | CaseSummary | null;
    const changed = data && typeof data === 'object' ? ('case' in data && data.case ? data.case : data) : undefined;
    if (changed && typeof (changed as CaseSummary).id === 'string' && 'state' in changed) {
      this.items = this.items.map((i) =>
        i.id === (changed as CaseSummary).id ? { ...i, ...(changed as CaseSummary) } : i,
      );
    }
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(), RELOAD_DELAY_MS);
  };

  private open(id: string) {
    this.dispatchEvent(new CustomEvent('sf-open-case', { detail: { id }, bubbles: true, composed: true }));
  }

  /** Staff select cases to send them one event; a customer's own requests offer nothing to select. */
  private get selectable(): boolean {
    return Boolean(this.user && !this.user.customer);
  }

  /** What a column sorts by, for one row: the text shown, or a number for times. */
  private sortKey(item: CaseSummary, column: SortColumn): string | number | undefined {
    switch (column) {
      case 'case':
        return caseRef(item);
      case 'summary':
        return summaryParts(this.infos.get(item.workflow), item.data, this.locale, this.names)
          .map((p) => p.text)
          .join(' ');
      case 'workflow':
        return this.workflowText(item);
      case 'state':
        return this.stateText(item);
      case 'unit':
        return this.names.unit(item.unit);
      case 'assignee':
        return item.assignee ? this.names.person(item.assignee) : undefined;
      case 'deadline':
        return nextDeadline(item);
      case 'updated':
        return toMillis(item.updatedAt) ?? toMillis(item.createdAt);
    }
  }

  private rows(): CaseSummary[] {
    const order = worklistOrder(this.now);
    return this.sort
      ? sortRows(this.items, this.sort, (row, column) => this.sortKey(row, column), this.locale, order)
      : [...this.items].sort(order);
  }

  private toggle(id: string, on: boolean) {
    void import('./sf-bulk-events.ts');
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  override render() {
    const t = this.t;
    const w = worklistTranslator(this.locale);
    const sorted = this.rows();
    return html`
      <div class="toolbar" part="toolbar">
        <div role="group" aria-label=${t('listTitle')} ?hidden=${Boolean(this.user?.customer)}>
          ${(['mine', 'unit'] as const).map(
            (
              scope,
            ) => html`<button type="button" part="scope-button" data-scope=${scope} aria-pressed=${this.scope === scope ? 'true' : 'false'}
              @click=${() => (this.scope = scope)}>${scope === 'mine' ? t('scopeMine') : t('scopeUnit')}</button>`,
          )}
        </div>
        ${this.renderFiltersToggle(w)}
        <div class="filters ${this.filtersOpen ? 'open' : ''}" id="sf-worklist-filters" part="filters">
        <label>${t('filterWorkflow')}
          <select name="workflow" @change=${(e: Event) => this.chooseWorkflow((e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.workflow}>${t('filterAll')}</option>
            ${this.workflowChoices().map(
              (w) =>
                html`<option value=${w.name} ?selected=${this.workflow === w.name}>${w.title ? localize(w.title, this.locale) : w.name}</option>`,
            )}
          </select>
        </label>
        ${this.renderStateFilter(t)}
        <label>${t('filterSearch')}
          <input name="q" type="search" .value=${this.q} placeholder=${w('searchHint')} enterkeyhint="search"
            @input=${(e: Event) => this.search((e.target as HTMLInputElement).value, false)}
            @change=${(e: Event) => this.search((e.target as HTMLInputElement).value, true)} />
        </label>
        <label class="inline" ?hidden=${Boolean(this.user?.customer)}><input name="overdue" type="checkbox" .checked=${this.overdue}
          @change=${(e: Event) => (this.overdue = (e.target as HTMLInputElement).checked)} />${t('filterOverdue')}</label>
        </div>
      </div>
      ${
        this.error
          ? html`<div class="alert" role="alert" part="error">${describeError(this.error, t)}
            <button type="button" @click=${() => void this.reload()}>${t('retry')}</button></div>`
          : nothing
      }
      ${
        this.selected.size
          ? html`<sf-bulk-events .client=${this.client} .ids=${sorted.filter((i) => this.selected.has(i.id)).map((i) => i.id)} .locale=${this.locale} .directory=${this.directory}
            @sf-bulk-done=${() => void this.reload()} @sf-bulk-clear=${() => (this.selected = new Set())}></sf-bulk-events>`
          : nothing
      }
      <table part="table">
        <thead><tr @scroll=${this.markChipEdges}>
          ${
            this.selectable
              ? html`<th scope="col" class="select"><label><input type="checkbox" name="select-all" aria-label=${w('selectAll')}
                .checked=${sorted.length > 0 && sorted.every((i) => this.selected.has(i.id))}
                @change=${(e: Event) => this.selectAll((e.target as HTMLInputElement).checked, sorted)} /></label></th>`
              : nothing
          }
          ${this.columns(t).map(([column, label]) => {
            const sorted = this.sort?.column === column ? this.sort.direction : undefined;
            const next = nextSort(this.sort, column);
            return html`<th scope="col" data-column=${column} aria-sort=${sorted ?? nothing}>
              <button type="button" class="sort" part="sort" data-column=${column}
                title=${next ? w(next.direction === 'ascending' ? 'sortAscending' : 'sortDescending', { column: label }) : ''}
                @click=${() => (this.sort = nextSort(this.sort, column))}>${label}</button></th>`;
          })}
        </tr></thead>
        <tbody>
          ${
            sorted.length === 0 && !this.loading
              ? html`<tr><td colspan=${this.columns(t).length + (this.selectable ? 1 : 0)} class="muted" part="empty">${this.renderEmpty(t)}</td></tr>`
              : (this.firstScreen ? sorted.slice(0, screenRows()) : sorted).map((item) => this.renderRow(item, t))
          }
        </tbody>
      </table>
      <div class="status" part="status">
        <span role="status">${this.loading ? t('loading') : t('casesCount', { count: sorted.length })}</span>
        ${
          this.live && this.client
            ? html`<span class=${this.streamLost ? 'error' : 'muted'} part="live">${this.streamLost ? t('liveLost') : t('live')}</span>`
            : nothing
        }
        ${this.next ? html`<button type="button" part="load-more" @click=${() => void this.loadMore()}>${t('loadMore')}</button>` : nothing}
      </div>
    `;
  }

  /**
   * An empty list: a customer who has sent nothing yet is invited to send a request (the portal's first
   * screen), anyone else is told nothing matches.
   */
  private renderEmpty(t: (key: 'noCases' | 'noRequestsYet' | 'navNewRequest') => string) {
    if (!this.user?.customer || this.activeFilters() > 0) return t('noCases');
    return html`${t('noRequestsYet')} <a href="#/new" part="empty-start">${t('navNewRequest')}</a>`;
  }

  /** How many filters narrow the list now (the scope is a tab, not a filter). */
  private activeFilters(): number {
    return [this.workflow, this.state, this.q, this.overdue].filter(Boolean).length;
  }

  /** The phone's 筛选 button: the filters are one tap away, and the count says whether any narrows the list. */
  private renderFiltersToggle(w: WorklistTranslate) {
    const count = this.activeFilters();
    return html`<button type="button" class="filters-toggle" part="filters-toggle" aria-controls="sf-worklist-filters"
      aria-expanded=${this.filtersOpen ? 'true' : 'false'} aria-label=${count ? w('filtersActive', { count }) : w('filters')}
      @click=${() => (this.filtersOpen = !this.filtersOpen)}>${w('filters')}${
        count ? html`<span class="badge count" part="filters-count" aria-hidden="true">${count}</span>` : nothing
      }</button>`;
  }

  private columns(t: AppTranslate): readonly [SortColumn, string][] {
    const all: readonly [SortColumn, string][] = [
      ['case', t('colCase')],
      ['summary', t('colSummary')],
      ['workflow', t('colWorkflow')],
      ['state', t('colState')],
      ['unit', t('colUnit')],
      ['assignee', t('colAssignee')],
      ['deadline', t('colDeadline')],
      ['updated', t('colUpdated')],
    ];
    return this.user?.customer ? all.filter(([column]) => !STAFF_COLUMNS.has(column)) : all;
  }

  private selectAll(on: boolean, rows: readonly CaseSummary[]) {
    void import('./sf-bulk-events.ts');
    this.selected = on ? new Set(rows.map((i) => i.id)) : new Set();
  }

  private workflowText(item: CaseSummary): string {
    const workflow = this.workflows.find((w) => w.name === item.workflow);
    if (workflow?.title) return localize(workflow.title, this.locale);
    const info = this.infos.get(item.workflow);
    return info?.title !== undefined ? localize(info.title, this.locale) : item.workflow;
  }

  /** States belong to a workflow: choosing another one clears the state filter. */
  private chooseWorkflow(name: string) {
    if (name === this.workflow) return;
    this.workflow = name;
    this.state = '';
  }

  /**
   * A select of the chosen workflow's states, by their titles, "all" first. With no workflow chosen
   * it is disabled and its first choice says to choose one, rather than offering every state of
   * every workflow: the same names ('closed', 'done') recur across workflows under different
   * titles, the list would run to a hundred entries, and building it would read every workflow's
   * definition. A state given from outside without a workflow stays selectable, so the filter in
   * force is shown and can be cleared.
   */
  private renderStateFilter(t: AppTranslate) {
    const info = this.workflow ? this.infos.get(this.workflow) : undefined;
    const options = stateOptions(info, this.state, this.locale);
    const disabled = !this.workflow && !this.state;
    return html`<label>${t('filterState')}
      <select name="state" ?disabled=${disabled} @change=${(e: Event) => (this.state = (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!this.state}>${disabled ? t('filterStateAllHint') : t('filterAll')}</option>
        ${options.map((o) => html`<option value=${o.value} ?selected=${this.state === o.value}>${o.label}</option>`)}
      </select>
    </label>`;
  }

  private workflowChoices() {
    const names = new Map(this.workflows.map((w) => [w.name, w]));
    for (const item of this.items) if (!names.has(item.workflow)) names.set(item.workflow, { name: item.workflow });
    if (this.workflow && !names.has(this.workflow)) names.set(this.workflow, { name: this.workflow });
    return [...names.values()];
  }

  private renderRow(item: CaseSummary, t: AppTranslate) {
    const overdue = isOverdue(item, this.now);
    const w = worklistTranslator(this.locale);
    const ref = caseRef(item);
    return html`<tr class=${overdue ? 'overdue' : ''} data-id=${item.id} data-number=${item.number ?? nothing} part="row${overdue ? ' row-overdue' : ''}" @click=${() => this.open(ref)}>
      ${
        this.selectable
          ? html`<td class="select" @click=${(e: Event) => e.stopPropagation()}><label><input type="checkbox" name="select" value=${item.id}
            aria-label=${w('selectCase', { id: ref })} .checked=${this.selected.has(item.id)}
            @change=${(e: Event) => this.toggle(item.id, (e.target as HTMLInputElement).checked)} /></label></td>`
          : nothing
      }
      <td><a href=${`#/cases/${encodeURIComponent(ref)}`} part="case-number" @click=${(e: Event) => {
        e.preventDefault();
        e.stopPropagation();
        this.open(ref);
      }}
        >${ref}</a>
        ${overdue ? html` <span class="badge overdue" part="overdue">${t('overdue')}</span>` : nothing}</td>
      <td part="summary" data-label=${t('colSummary')}>${this.renderSummary(item)}</td>
      <td data-label=${t('colWorkflow')}>${this.workflowText(item)}</td>
      <td data-label=${t('colState')}>${this.stateText(item)}</td>
      ${this.user?.customer ? nothing : this.renderStaffCells(item, t)}
      <td data-label=${t('colUpdated')}>${formatInstant(toMillis(item.updatedAt) ?? toMillis(item.createdAt), this.locale, this.timeZone)}</td>
    </tr>`;
  }

  /** Who holds the case and by when: the staff's columns, not a customer's (the portal shows its own progress). */
  private renderStaffCells(item: CaseSummary, t: AppTranslate) {
    const due = nextDeadline(item);
    return html`<td data-label=${t('colUnit')} title=${item.unit}>${this.names.unit(item.unit)}</td>
      <td data-label=${t('colAssignee')} title=${item.assignee ?? ''}>${this.names.person(item.assignee)}</td>
      <td data-label=${t('colDeadline')}>${
        due === undefined
          ? t('noDeadline')
          : html`<span class="remaining ${due < this.now ? 'overdue' : ''}" title=${formatInstant(due, this.locale, this.timeZone)}>${
              due < this.now
                ? t('overdueBy', { span: formatSpan(this.now - due, t) })
                : t('remaining', { span: formatSpan(due - this.now, t) })
            }</span>`
      }</td>`;
  }

  /**
   * The summary values joined by ' · ' (the field labels say which is which on hover), then what
   * reaches the customer: a tel: link for the phone, so a technician calls with one tap, and the
   * address on the installation's map (SERVICEFRAME_MAP_URL) when it has one. On a desktop they are
   * small icons after the summary; on a phone a row of buttons at the card's foot, so the summary
   * keeps its normal lines rather than spreading over 44 px tall links.
   */
  private renderSummary(item: CaseSummary) {
    const parts = summaryParts(this.infos.get(item.workflow), item.data, this.locale, this.names);
    const w = worklistTranslator(this.locale);
    const phone = parts.find((p) => p.type === 'phone' || p.type === 'mobile');
    const address = parts.find((p) => p.type === 'address');
    const map = address ? mapLink(this.mapUrl, address.text) : undefined;
    const stop = (e: Event) => e.stopPropagation();
    return html`<span class="summary-text" title=${parts.map((p) => `${p.title}: ${p.text}`).join('\n')}>${parts
      .map((p) => p.text)
      .join(' · ')}</span>${
      phone || map
        ? html`<span class="reach" part="reach">${
            phone
              ? html`<a class="tel" part="tel" href=${`tel:${phone.text.replace(/[^\d+]/g, '')}`} aria-label=${w('call', { number: phone.text })}
                title=${w('call', { number: phone.text })} @click=${stop}>${PHONE_ICON}<span class="reach-label">${w('callShort')}</span></a>`
              : nothing
          }${
            map && address
              ? html`<a class="map" part="map-link" href=${map} target="_blank" rel="noopener noreferrer"
                aria-label=${w('map', { address: address.text })} title=${w('map', { address: address.text })} @click=${stop}
                >${MAP_ICON}<span class="reach-label">${w('mapShort')}</span></a>`
              : nothing
          }</span>`
        : nothing
    }`;
  }
}

/** A handset and a map pin (Material Symbols' paths), drawn in the text's colour. */
const PHONE_ICON = svg`<svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor"><path d="M6.62 10.79a15.05 15.05 0 0 0 6.59 6.59l2.2-2.2a1 1 0 0 1 1.02-.24 11.4 11.4 0 0 0 3.57.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1.02Z"/></svg>`;
const MAP_ICON = svg`<svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor"><path d="M12 2a7 7 0 0 0-7 7c0 5.25 7 13 7 13s7-7.75 7-13a7 7 0 0 0-7-7Zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5Z"/></svg>`;

if (!customElements.get('sf-case-list')) customElements.define('sf-case-list', SfCaseList);

declare global {
  interface HTMLElementTagNameMap {
    'sf-case-list': SfCaseList;
  }
}
