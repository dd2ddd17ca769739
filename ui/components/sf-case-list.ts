import { css, html, nothing, type PropertyValues } from 'lit';
import { localize, type Localized } from '../../engine/localized.ts';
import type { CaseQuery, CaseSummary, StreamMessage, User } from '../api/types.ts';
import type { AppTranslate } from '../i18n/app-messages.ts';
import { ApiElement } from './api-element.ts';
import {
  describeError, formatInstant, formatSpan, isOverdue, loginExpired, nextDeadline, statePaths, toMillis, worklistOrder,
} from './case-format.ts';
import { summaryParts } from './case-summary.ts';
import { LatestLoad } from './latest-load.ts';
import { sfBaseStyles } from './sf-base-styles.ts';
import { stateOptions } from './state-options.ts';
import { stateTitle, workflowInfo, type WorkflowInfo } from './workflow-info.ts';

export type CaseListScope = 'mine' | 'unit';

const RELOAD_DELAY_MS = 200;
const IGNORED_STREAM_EVENTS = new Set(['ping', 'heartbeat', 'hello', 'ready']);

/**
 * The worklist: my cases (assigned to me or first received by me) or my unit's cases, with
 * filters, overdue cases first, kept up to date from the server's event stream. Each row shows
 * the case's summary: the values of its workflow's summary fields (customer, product…).
 *
 * Properties in: `client` (ApiClient), `user` (the logged-in user; `mine` and `unit` need it),
 * `scope` ('mine' | 'unit'), `workflow`, `state` (a state path of that workflow; a compound
 * state matches its children), `q`, `overdue` (filters), `workflows`
 * ([{name, title}] for the workflow filter), `locale`, `live` (follow GET /api/stream, default true),
 * `pageSize`.
 * Events out: `sf-open-case` {id} when a case is chosen, `sf-login-expired` on 401.
 */
export class SfCaseList extends ApiElement {
  static override styles = [
    sfBaseStyles,
    css`
      tr.overdue td:first-child { border-inline-start: 4px solid var(--_error); }
      tr[data-id] { cursor: pointer; }
      tr[data-id]:hover { background: var(--sf-row-hover, #f1f3f4); }
      a { color: var(--_accent); }
      .status { display: flex; gap: 1rem; justify-content: space-between; margin-top: 0.5rem; font-size: 0.875em; }
      .remaining.overdue { color: var(--_error); font-weight: 600; }
      /* A long value (a description) is cut to one line; the whole summary is in the title. */
      td[part='summary'] span { display: inline-block; max-width: 24em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; vertical-align: bottom; }
    `,
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
    items: { state: true },
    next: { state: true },
    loading: { state: true },
    error: { state: true },
    streamLost: { state: true },
    now: { state: true },
    infos: { state: true },
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
  declare items: readonly CaseSummary[];
  declare next: string | null;
  declare loading: boolean;
  declare error: unknown;
  declare streamLost: boolean;
  declare now: number;
  /** State titles and summary fields per workflow, read once per workflow from its definition. */
  declare infos: ReadonlyMap<string, WorkflowInfo>;

  private stream: AbortController | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private tick: ReturnType<typeof setInterval> | undefined;
  private loads = new LatestLoad(this, (error) => (this.error = error));

  constructor() {
    super();
    this.scope = 'mine';
    this.workflow = '';
    this.state = '';
    this.q = '';
    this.overdue = false;
    this.workflows = [];
    this.live = true;
    this.pageSize = 50;
    this.items = [];
    this.next = null;
    this.loading = false;
    this.error = undefined;
    this.streamLost = false;
    this.now = Date.now();
    this.infos = new Map();
  }

  override connectedCallback() {
    super.connectedCallback();
    this.tick = setInterval(() => (this.now = Date.now()), 30_000);
    if (this.hasUpdated) {
      this.startStream();
      void this.reload();
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.tick);
    clearTimeout(this.reloadTimer);
    this.stopStream();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    const query = ['client', 'user', 'scope', 'workflow', 'state', 'q', 'overdue', 'pageSize'] as const;
    if (query.some((k) => changed.has(k))) void this.reload();
    if (changed.has('client') || changed.has('live')) this.startStream();
    if (changed.has('client') || changed.has('locale')) this.infos = new Map();
    if (changed.has('items') || changed.has('workflow') || changed.has('client') || changed.has('locale')) this.readWorkflows();
  }

  protected override updated() {
    // Options come and go with the chosen workflow and the definitions read, and an option the
    // user picked stays picked when Lit reuses it for another state: show the filters in force.
    for (const name of ['workflow', 'state'] as const) {
      const select = this.renderRoot.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
      if (select && select.value !== this[name]) select.value = this[name];
    }
  }

  private readWorkflows() {
    const client = this.client;
    const locale = this.locale;
    if (!client) return;
    // The chosen workflow's too: the state filter offers its states before any of its cases is listed.
    for (const name of new Set([...this.items.map((i) => i.workflow), ...(this.workflow ? [this.workflow] : [])])) {
      if (this.infos.has(name)) continue;
      void workflowInfo(client, name, locale).then((info) => {
        if (info && client === this.client && locale === this.locale && !this.infos.has(name)) this.infos = new Map(this.infos).set(name, info);
      });
    }
  }

  private stateText(item: CaseSummary): string {
    if (item.stateTitle !== undefined) return localize(item.stateTitle, this.locale);
    const info = this.infos.get(item.workflow);
    return statePaths(item.state).map((p) => localize(stateTitle(info, p), this.locale)).join(', ');
  }

  /** The query sent for the current scope and filters. */
  query(cursor?: string): CaseQuery {
    return {
      ...(this.workflow ? { workflow: this.workflow } : {}),
      ...(this.state ? { state: this.state } : {}),
      ...(this.q ? { q: this.q } : {}),
      ...(this.overdue ? { overdue: true } : {}),
      ...(this.scope === 'unit' && this.user ? { unit: this.user.actingUnit ?? this.user.unit } : {}),
      limit: this.pageSize,
      ...(cursor ? { cursor } : {}),
    };
  }

  private mine(item: CaseSummary): boolean {
    if (this.scope !== 'mine' || !this.user) return true;
    const me = this.user.username;
    return item.assignee === me || item.owner === me || item.customerUser === me;
  }

  /** Loads the first page again (after a filter change or a stream message). */
  async reload(): Promise<void> {
    const client = this.client;
    if (!client) return;
    await this.loads.run(() => client.listCases(this.query()), (page) => {
      this.items = page.items.filter((i) => this.mine(i));
      this.next = page.next ?? null;
    });
  }

  private async loadMore() {
    const client = this.client;
    const next = this.next;
    if (!client || !next) return;
    await this.loads.run(() => client.listCases(this.query(next)), (page) => {
      const seen = new Set(this.items.map((i) => i.id));
      this.items = [...this.items, ...page.items.filter((i) => this.mine(i) && !seen.has(i.id))];
      this.next = page.next ?? null;
    });
  }

  private startStream() {
    this.stopStream();
    if (!this.client || !this.live || !this.isConnected) return;
    const controller = new AbortController();
    this.stream = controller;
    void this.client.stream(this.onStream, controller.signal, {
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
    if (IGNORED_STREAM_EVENTS.has(message.event)) return;
    // A changed case shows at once where it is already listed; the list is then read again, as
    // the change may move a case into or out of this worklist.
    const data = message.data as { case?: CaseSummary } | CaseSummary | null;
    const changed = data && typeof data === 'object' ? ('case' in data && data.case ? data.case : data) : undefined;
    if (changed && typeof (changed as CaseSummary).id === 'string' && 'state' in changed) {
      this.items = this.items.map((i) => (i.id === (changed as CaseSummary).id ? { ...i, ...(changed as CaseSummary) } : i));
    }
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(), RELOAD_DELAY_MS);
  };

  private open(id: string) {
    this.dispatchEvent(new CustomEvent('sf-open-case', { detail: { id }, bubbles: true, composed: true }));
  }

  override render() {
    const t = this.t;
    const sorted = [...this.items].sort(worklistOrder(this.now));
    return html`
      <div class="toolbar" part="toolbar">
        <div role="group" aria-label=${t('listTitle')} ?hidden=${Boolean(this.user?.customer)}>
          ${(['mine', 'unit'] as const).map(
            (scope) => html`<button type="button" part="scope-button" data-scope=${scope} aria-pressed=${this.scope === scope ? 'true' : 'false'}
              @click=${() => (this.scope = scope)}>${scope === 'mine' ? t('scopeMine') : t('scopeUnit')}</button>`,
          )}
        </div>
        <label>${t('filterWorkflow')}
          <select name="workflow" @change=${(e: Event) => this.chooseWorkflow((e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.workflow}>${t('filterAll')}</option>
            ${this.workflowChoices().map(
              (w) => html`<option value=${w.name} ?selected=${this.workflow === w.name}>${w.title ? localize(w.title, this.locale) : w.name}</option>`,
            )}
          </select>
        </label>
        ${this.renderStateFilter(t)}
        <label>${t('filterSearch')}
          <input name="q" type="search" .value=${this.q} @change=${(e: Event) => (this.q = (e.target as HTMLInputElement).value.trim())} />
        </label>
        <label class="inline"><input name="overdue" type="checkbox" .checked=${this.overdue}
          @change=${(e: Event) => (this.overdue = (e.target as HTMLInputElement).checked)} />${t('filterOverdue')}</label>
      </div>
      ${this.error
        ? html`<div class="alert" role="alert" part="error">${describeError(this.error, t)}
            <button type="button" @click=${() => void this.reload()}>${t('retry')}</button></div>`
        : nothing}
      <table part="table">
        <thead><tr>
          <th scope="col">${t('colCase')}</th><th scope="col">${t('colSummary')}</th><th scope="col">${t('colWorkflow')}</th><th scope="col">${t('colState')}</th>
          <th scope="col">${t('colUnit')}</th><th scope="col">${t('colAssignee')}</th><th scope="col">${t('colDeadline')}</th>
          <th scope="col">${t('colUpdated')}</th>
        </tr></thead>
        <tbody>
          ${sorted.length === 0 && !this.loading
            ? html`<tr><td colspan="8" class="muted" part="empty">${t('noCases')}</td></tr>`
            : sorted.map((item) => this.renderRow(item, t))}
        </tbody>
      </table>
      <div class="status" part="status">
        <span role="status">${this.loading ? t('loading') : t('casesCount', { count: sorted.length })}</span>
        ${this.live && this.client
          ? html`<span class=${this.streamLost ? 'error' : 'muted'} part="live">${this.streamLost ? t('liveLost') : t('live')}</span>`
          : nothing}
        ${this.next ? html`<button type="button" part="load-more" @click=${() => void this.loadMore()}>${t('loadMore')}</button>` : nothing}
      </div>
    `;
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
    const due = nextDeadline(item);
    const workflow = this.workflows.find((w) => w.name === item.workflow);
    return html`<tr class=${overdue ? 'overdue' : ''} data-id=${item.id} part="row${overdue ? ' row-overdue' : ''}" @click=${() => this.open(item.id)}>
      <td><a href=${`#/cases/${encodeURIComponent(item.id)}`} @click=${(e: Event) => { e.preventDefault(); e.stopPropagation(); this.open(item.id); }}
        >${item.title ? `${item.id} ${localize(item.title, this.locale)}` : item.id}</a>
        ${overdue ? html` <span class="badge overdue" part="overdue">${t('overdue')}</span>` : nothing}</td>
      <td part="summary">${this.renderSummary(item)}</td>
      <td>${workflow?.title ? localize(workflow.title, this.locale) : item.workflowTitle !== undefined ? localize(item.workflowTitle, this.locale) : this.infos.get(item.workflow)?.title !== undefined ? localize(this.infos.get(item.workflow)!.title, this.locale) : item.workflow}</td>
      <td>${this.stateText(item)}</td>
      <td title=${item.unit}>${this.names.unit(item.unit)}</td>
      <td title=${item.assignee ?? ''}>${this.names.person(item.assignee)}</td>
      <td>${due === undefined
        ? t('noDeadline')
        : html`<span class="remaining ${due < this.now ? 'overdue' : ''}" title=${formatInstant(due, this.locale, this.timeZone)}>${due < this.now
            ? t('overdueBy', { span: formatSpan(this.now - due, t) })
            : t('remaining', { span: formatSpan(due - this.now, t) })}</span>`}</td>
      <td>${formatInstant(toMillis(item.updatedAt) ?? toMillis(item.createdAt), this.locale, this.timeZone)}</td>
    </tr>`;
  }

  /** The summary values joined by ' · '; the field labels say which is which on hover. */
  private renderSummary(item: CaseSummary) {
    const parts = summaryParts(this.infos.get(item.workflow), item.data, this.locale);
    return html`<span title=${parts.map((p) => `${p.title}: ${p.text}`).join('\n')}>${parts.map((p) => p.text).join(' · ')}</span>`;
  }
}

if (!customElements.get('sf-case-list')) customElements.define('sf-case-list', SfCaseList);

declare global {
  interface HTMLElementTagNameMap {
    'sf-case-list': SfCaseList;
  }
}
