import { css, html, nothing, type PropertyValues } from 'lit';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import type { FieldError } from '../../engine/forms/form-model.ts';
import { localize, type Localized } from '../../engine/localized.ts';
import type { AvailableEvent, CaseLink, CaseView, Deadline, HistoryEntry, StreamMessage } from '../api/types.ts';
import { appTranslator, type AppTranslate } from '../i18n/app-messages.ts';
import type { Outbox } from '../offline/outbox.ts';
import { ApiElement } from './api-element.ts';
import {
  caseRef,
  deadlinesOf,
  describeError,
  eventData,
  formatInstant,
  formatSpan,
  loginExpired,
  statePaths,
  toMillis,
} from './case-format.ts';
import { errorAlert } from './error-alert.ts';
import { LatestLoad } from './latest-load.ts';
import { formForEvent } from './form-from-schema.ts';
import {
  scriptDefinition,
  scriptLines,
  scriptNames,
  stateTitle,
  workflowInfo,
  type WorkflowInfo,
} from './workflow-info.ts';
import type { FormInput } from './resolve-form.ts';
import { noteParts, type NotePart } from './note-line.ts';
import { clockLine, type ClockLineReader } from './clock-line.ts';
import { casePhone, touchTargets } from './phone-styles.ts';
import { sfBaseStyles } from './sf-base-styles.ts';
import './sf-form.ts';
import './sf-case-summary.ts';
import { drafts as defaultDrafts, type Drafts } from '../offline/drafts.ts';
import { rebasePrefill } from './prefill-rebase.ts';
import { settingsOf } from './installation-settings.ts';
import { casePageTranslator } from '../i18n/case-page-messages.ts';
import { fieldPairs } from '../values/format-value.ts';
import { fieldsOfForm } from '../values/form-fields.ts';
import { valueStyles } from '../values/value-styles.ts';

/** Which clock a promise counts, as the reader's catalogue words it. */
const COUNTS = { working: 'clockCountsWorking', elapsed: 'clockCountsElapsed', agreed: 'clockCountsAgreed' } as const;

interface OpenEvent {
  readonly type: string;
  /** What the user typed (submitted at least once, or carried over a reload). */
  value: unknown;
  /** One key per submission attempt of this form, so retrying after a lost answer never duplicates. */
  idempotencyKey: string;
  /** The defaults from the case it was opened with (see prefill-rebase.ts). */
  prefill?: Readonly<Record<string, unknown>> | undefined;
  /** The prefill a saved draft of this form was typed over, read before this opening replaces it. */
  draftBasis?: Promise<Readonly<Record<string, unknown>> | undefined>;
  /** Said above the form when values it showed moved to the case's current ones. */
  notice?: string | undefined;
  /** Whether the prefill this form was typed over has been recorded beside its draft. */
  basisSaved?: boolean;
}

/** A service-language script of the current step (NORM-2), from the Script definitions its state names. */
interface ScriptBlock {
  readonly name: string;
  readonly title: Localized;
  readonly lines: readonly Localized[];
}

type Message = { readonly kind: 'ok' | 'error' | 'stale' | 'queued'; readonly text: string };

/** A history entry being printed through its event's form (the signed work order on A4, FORM-5). */
interface Printing {
  readonly seq: number;
  readonly title: string;
  readonly form: FormInput;
  readonly data: unknown;
  readonly entry: HistoryEntry;
}

/** `@page` rules are ignored inside shadow roots, so the A4 page is declared once in the document. */
function declareA4Portrait() {
  const id = 'sf-a4-portrait-page';
  if (typeof document === 'undefined' || document.getElementById(id)) return;
  const style = document.createElement('style');
  style.id = id;
  style.textContent = '@page sf-a4-portrait { size: A4 portrait; margin: 12mm 12mm; }';
  document.head.append(style);
}

/**
 * One case: its state, the actions this user may take now (each opening its event's form), the
 * SLA clocks counting down with their explanation, the service script for the current step,
 * linked cases and the history as a timeline.
 *
 * Properties in: `client` (ApiClient), `caseId` (attribute `case-id`), `locale`, `live` (reload when
 * the event stream reports a change of this case, default true), `outbox` (optional: an event that
 * cannot reach the server waits there), `value` (the case, when the host already has it).
 * Events out: `sf-case-loaded` {case}, `sf-case-changed` {case, event} after an event was applied,
 * `sf-open-case` {id} for a linked case, `sf-login-expired` on 401.
 */
export class SfCase extends ApiElement {
  static override styles = [
    sfBaseStyles,
    valueStyles,
    css`
      :host { --_col: minmax(0, 1fr); }
      header { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: baseline; margin-bottom: 0.75rem; }
      header h2 { margin: 0; }
      .state { font-weight: 600; }
      dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.125rem 0.75rem; margin: 0; }
      dl.facts dt { color: var(--_muted); }
      dl.facts dd { margin: 0; }
      section { margin-block: 1rem; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
      .event-form { border: var(--_line); border-radius: var(--_radius); padding: 0.75rem; margin-top: 0.75rem; }
      .clocks { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
      .clock { border: var(--_line); border-radius: var(--_radius); padding: 0.5rem 0.75rem; }
      .clock.breached, .clock.overdue { border-color: var(--_error); }
      .countdown { font-variant-numeric: tabular-nums; font-weight: 600; }
      .countdown.overdue { color: var(--_error); }
      .countdown.warn { color: var(--_warn); }
      .calendar-gap { margin: 0.25rem 0 0; color: var(--_warn); font-size: 0.875em; }
      .explanation { margin: 0.25rem 0 0; padding-inline-start: 1.25rem; color: var(--_muted); font-size: 0.875em; }
      .script { background: var(--sf-script-background, #fef7e0); border-radius: var(--_radius); padding: 0.5rem 0.75rem; }
      .script ol { margin: 0; padding-inline-start: 1.25rem; }
      .timeline { list-style: none; margin: 0; padding: 0; border-inline-start: 2px solid #dadce0; }
      .timeline > li { position: relative; padding: 0 0 0.75rem 1rem; min-width: 0; overflow-wrap: anywhere; }
      .timeline details > .sf-v-pairs { margin-top: 0.25rem; }
      sf-case-summary { margin-block: 0.75rem; }
      .timeline > li::before { content: ''; position: absolute; inset-inline-start: -6px; top: 0.35rem; width: 10px; height: 10px; border-radius: 50%; background: var(--_accent); }
      .timeline .who { font-weight: 600; }
      .timeline .what { font-weight: 600; }
      .timeline ul { margin: 0.25rem 0 0; padding-inline-start: 1.25rem; font-size: 0.875em; }
      .ok { color: var(--_ok); }
      .diagram { overflow: auto; max-height: 28rem; border: var(--_line); border-radius: var(--_radius); }
      .diagram svg { max-width: none; height: auto; }
      .diagram g.current rect { fill: var(--sf-diagram-current, #fde68a); stroke: var(--sf-diagram-current-stroke, #b45309); stroke-width: 2; }
      /* Printing with an event's form open prints that form (the work order on A4, signature included);
         otherwise the case without its buttons. */
      @media print {
        .actions, button { display: none; }
        :host(:not([form-open])) .event-form { display: none; }
        :host([form-open]:not([printing])) > :not([part~='actions-section']), :host([form-open]:not([printing])) #sf-actions { display: none; }
        .event-form { border: 0; padding: 0; }
        :host([printing]) { page: sf-a4-portrait; font-size: 9pt; color: #000; }
        :host([printing]) > :not(.print-view) { display: none !important; }
        .print-view sf-form { --sf-gap: 0.35rem; --sf-input-padding: 0.1rem 0.25rem; --sf-fieldset-border: 0.5pt solid #000; --sf-border: 0.5pt solid #000; }
      }
      .print-view { display: none; }
      @media print { :host([printing]) .print-view { display: block; } }
      .print-view header { display: block; margin-bottom: 4mm; }
      .print-view h2 { text-align: center; font-size: 14pt; }
    `,
    touchTargets,
    casePhone,
  ];

  static override properties = {
    caseId: { attribute: 'case-id', reflect: true },
    live: { type: Boolean },
    outbox: { attribute: false },
    value: { attribute: false },
    view: { state: true },
    loading: { state: true },
    loadError: { state: true },
    opened: { state: true },
    busy: { state: true },
    message: { state: true },
    formErrors: { state: true },
    now: { state: true },
    workflow: { state: true },
    stateScripts: { state: true },
    printing: { state: true },
    mapUrl: { attribute: 'map-url' },
    installationMapUrl: { state: true },
  };
  /**
   * A URL template with `{address}` for map links; unset: the installation's (GET /api/settings), none when it has
   * none.
   */
  declare mapUrl: string | undefined;
  declare installationMapUrl: string | undefined;
  declare caseId: string | undefined;
  declare live: boolean;
  declare outbox: Outbox | undefined;
  declare value: CaseView | undefined;
  declare view: CaseView | undefined;
  declare loading: boolean;
  declare loadError: unknown;
  declare opened: OpenEvent | undefined;
  declare busy: boolean;
  declare message: Message | undefined;
  declare formErrors: readonly FieldError[];
  declare now: number;
  declare workflow: WorkflowInfo | undefined;
  /** Script blocks of the current state read from the Script definitions its workflow names. */
  declare stateScripts: readonly ScriptBlock[];
  declare printing: Printing | undefined;
  /** Where event forms keep drafts (and the prefill each was typed over); replaceable for tests and hosts. */
  drafts: Drafts = defaultDrafts;
  /** Opens the browser's print dialog; replaceable for tests and hosts. */
  printPage: () => void = () => window.print();

  private stream: AbortController | undefined;
  private tick: ReturnType<typeof setInterval> | undefined;
  private loads = new LatestLoad(this, (error) => (this.loadError = error));

  constructor() {
    super();
    this.live = true;
    this.loading = false;
    this.busy = false;
    this.formErrors = [];
    this.now = Date.now();
    this.stateScripts = [];
  }

  /** State paths of a history entry by their titles in this workflow ("—" for none). */
  /** Titles of this workflow's events and states for explanation lines and notes; undefined for a name it lacks. */
  private get lineReader(): ClockLineReader {
    const info = this.workflow;
    return {
      locale: this.locale,
      title: (kind, name) => {
        const found =
          kind === 'event'
            ? info?.events?.find((e) => e.type === name)?.title
            : info?.states?.find((s) => s.path === name || s.path.endsWith(`.${name}`))?.title;
        return found !== undefined ? localize(found, this.locale) : undefined;
      },
    };
  }

  private statesText(paths: readonly string[] | undefined): string {
    return (paths ?? []).map((p) => localize(stateTitle(this.workflow, p), this.locale)).join(', ') || '—';
  }

  override connectedCallback() {
    super.connectedCallback();
    declareA4Portrait();
    window.addEventListener('afterprint', this.afterPrint);
    // The countdown moves every second; a second is also the resolution it shows under a minute.
    this.tick = setInterval(() => (this.now = Date.now()), 1000);
    if (this.hasUpdated) this.startStream();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('afterprint', this.afterPrint);
    clearInterval(this.tick);
    this.stopStream();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('value') && this.value) {
      this.view = this.value;
      if (!this.caseId) this.caseId = this.value.id;
    }
    if (
      (changed.has('client') || changed.has('caseId')) &&
      this.caseId &&
      (!this.view || this.view.id !== this.caseId)
    ) {
      this.opened = undefined;
      this.message = undefined;
      void this.reload();
    }
    if (changed.has('client') || changed.has('live') || changed.has('caseId')) this.startStream();
    if (changed.has('client') && this.client) {
      const client = this.client;
      void settingsOf(client).then((s) => {
        if (this.client === client) this.installationMapUrl = s.mapUrl ?? undefined;
      });
    }
    if ((changed.has('view') || changed.has('locale') || changed.has('client')) && this.view && this.client) {
      const client = this.client;
      const name = this.view.workflow;
      const locale = this.locale;
      void workflowInfo(client, name, locale).then((info) => {
        if (this.client === client && this.view?.workflow === name && this.locale === locale) this.workflow = info;
      });
    }
    if ((changed.has('view') || changed.has('workflow')) && this.client) void this.readScripts();
  }

  protected override updated() {
    this.toggleAttribute('form-open', Boolean(this.opened));
    this.toggleAttribute('printing', Boolean(this.printing));
    // The served diagram marks states with data-state; the current ones are highlighted here.
    const view = this.view;
    const svg = this.renderRoot.querySelector('.diagram svg');
    if (!view || !svg) return;
    // The picture's name for assistive technology: the workflow's title and "流程图".
    const t = appTranslator(this.locale);
    svg.setAttribute(
      'aria-label',
      `${this.workflow?.title !== undefined ? localize(this.workflow.title, this.locale) : ''} ${t('diagram')}`.trim(),
    );
    const current = new Set(statePaths(view.state));
    for (const g of svg.querySelectorAll('g[data-state]'))
      g.classList.toggle('current', current.has(g.getAttribute('data-state') ?? ''));
  }

  /** The service script of the current step from the Script definitions the workflow names for it. */
  private async readScripts() {
    const view = this.view;
    const client = this.client;
    if (!view || !client) return;
    const names = scriptNames(this.workflow, statePaths(view.state));
    const key = names.join('\u0000');
    if (key === this.scriptKey) return;
    this.scriptKey = key;
    const found = await Promise.all(names.map((n) => scriptDefinition(client, n)));
    if (this.scriptKey !== key) return;
    this.stateScripts = found.flatMap((d, i) => {
      const lines = d ? scriptLines(d) : [];
      return d && lines.length ? [{ name: names[i]!, title: d.metadata.title ?? d.title, lines }] : [];
    });
  }

  private scriptKey: string | undefined;

  private stateText(view: CaseView): string {
    const titles = new Map((this.workflow?.states ?? []).map((s) => [s.path, s.title]));
    return statePaths(view.state)
      .map((p) => (titles.get(p) !== undefined ? localize(titles.get(p), this.locale) : p))
      .join(', ');
  }

  /** Reads the case again. What the user typed in an open form is kept. */
  async reload(): Promise<void> {
    const client = this.client;
    const caseId = this.caseId;
    if (!client || !caseId) return;
    await this.loads.run(
      () => client.getCase(caseId),
      (view) => {
        this.view = view;
        if (this.message?.kind === 'stale') this.message = undefined;
        const still = this.opened && view.availableEvents.find((e) => e.type === this.opened!.type);
        if (this.opened && still && JSON.stringify(still.prefill ?? {}) !== JSON.stringify(this.opened.prefill ?? {}))
          this.movePrefill(this.opened, this.opened.prefill, still.prefill);
        if (this.opened && !view.availableEvents.some((e) => e.type === this.opened!.type)) {
          const title = this.opened.type;
          this.opened = undefined;
          this.message = { kind: 'error', text: this.t('eventGone', { title }) };
        }
        this.dispatchEvent(
          new CustomEvent('sf-case-loaded', { detail: { case: view }, bubbles: true, composed: true }),
        );
      },
    );
  }

  private startStream() {
    this.stopStream();
    if (!this.client || !this.live || !this.caseId || !this.isConnected) return;
    const controller = new AbortController();
    this.stream = controller;
    void this.client.subscribe(this.onStream, controller.signal, { onError: (error) => loginExpired(this, error) });
  }

  private stopStream() {
    this.stream?.abort();
    this.stream = undefined;
  }

  private onStream = (message: StreamMessage) => {
    const data = message.data as Record<string, unknown> | null;
    if (!data || typeof data !== 'object') return;
    const nested = data['case'] as Record<string, unknown> | undefined;
    const id = data['caseId'] ?? nested?.['id'] ?? data['id'];
    // The page may have been opened by the case's number: its events name the id.
    if ((id !== this.caseId && id !== this.view?.id) || this.busy) return;
    const version = (data['version'] ?? nested?.['version']) as number | undefined;
    if (version !== undefined && this.view && version <= this.view.version) return;
    // With a form open, the user decides when to reload: their typing stays where it is.
    if (this.opened) this.message = { kind: 'stale', text: this.t('remoteChange') };
    else void this.reload();
  };

  private eventTitle(event: { type: string; title?: Localized }): string {
    return event.title !== undefined ? localize(event.title, this.locale) : event.type;
  }

  private open(event: AvailableEvent) {
    if (this.opened?.type === event.type) return;
    const prefill = event.prefill && Object.keys(event.prefill).length ? event.prefill : undefined;
    this.opened = {
      type: event.type,
      value: prefill ? { ...prefill } : undefined,
      idempotencyKey: crypto.randomUUID(),
      prefill,
    };
    if (prefill && this.view) {
      // A draft saved earlier was typed over the prefill of its day (see typed()).
      this.opened.draftBasis = this.drafts.load<Record<string, unknown>>(this.basisKey(this.view.id, event.type)).then(
        (d) => d?.data,
        () => undefined,
      );
    }
    this.formErrors = [];
    if (this.message?.kind !== 'stale') this.message = undefined;
  }

  private draftKeyOf(caseId: string, type: string): string {
    return `case-${caseId}/${type}`;
  }

  /** Where the prefill a draft was typed over is kept, beside the draft (and cleared with it at logout). */
  private basisKey(caseId: string, type: string): string {
    return `${this.draftKeyOf(caseId, type)}#prefill`;
  }

  /**
   * What the user typed so far, kept so a reload of the case can move untouched prefilled values.
   * Typing starts a draft, so the prefill it is typed over is recorded then (not on opening: a form
   * opened and left untouched leaves nothing behind).
   */
  private typed(e: CustomEvent<{ data: unknown }>) {
    const opened = this.opened;
    if (!opened) return;
    opened.value = e.detail.data;
    if (opened.prefill && !opened.basisSaved && this.view) {
      opened.basisSaved = true;
      const key = this.basisKey(this.view.id, opened.type);
      const prefill = opened.prefill;
      // After the earlier basis was read, so a restored draft is still compared with its own.
      void (opened.draftBasis ?? Promise.resolve(undefined))
        .then(() => this.drafts.save(key, prefill))
        .catch(() => undefined);
    }
  }

  /** The form was sent (or queued): its draft is gone, and so is the prefill it was typed over. */
  private forgetBasis(caseId: string, type: string) {
    void this.drafts.clear(this.basisKey(caseId, type)).catch(() => undefined);
  }

  /** A restored draft typed over an older prefill shows the case's current values where it left them as they were. */
  private async draftRestored(e: CustomEvent<{ data: unknown }>) {
    const opened = this.opened;
    if (!opened) return;
    opened.value = e.detail.data;
    const before = await opened.draftBasis;
    if (this.opened !== opened || !before) return;
    this.movePrefill(opened, before, opened.prefill);
  }

  private movePrefill(
    opened: OpenEvent,
    before: Readonly<Record<string, unknown>> | undefined,
    now: Readonly<Record<string, unknown>> | undefined,
  ) {
    const moved = rebasePrefill(opened.value as Record<string, unknown> | undefined, before, now);
    opened.prefill = now;
    if (!moved) return;
    const event = this.view?.availableEvents.find((x) => x.type === opened.type);
    const labels = new Map(fieldsOfForm(event?.form).map((f) => [f.name, localize(f.label, this.locale)]));
    const fields = new Intl.ListFormat(this.locale, { type: 'conjunction' }).format(
      moved.changed.map((k) => labels.get(k) ?? k),
    );
    this.opened = {
      ...opened,
      value: moved.data,
      notice: casePageTranslator(this.locale)('prefillUpdated', { fields }),
    };
  }

  private close() {
    this.opened = undefined;
    this.formErrors = [];
  }

  /** Sends the open event with `data`; keeps the form and what was typed on every failure. */
  async send(event: AvailableEvent, data: unknown): Promise<void> {
    const view = this.view;
    if (!this.client || !view || this.busy) return;
    const opened =
      this.opened?.type === event.type
        ? this.opened
        : (this.opened = { type: event.type, value: data, idempotencyKey: crypto.randomUUID() });
    opened.value = data;
    const title = this.eventTitle(event);
    const body = { type: event.type, data: eventData(data), expectedVersion: view.version };
    this.busy = true;
    this.formErrors = [];
    try {
      const answer = await this.client.sendEvent(view.id, body, { idempotencyKey: opened.idempotencyKey });
      this.forgetBasis(view.id, event.type);
      this.opened = undefined;
      this.message = { kind: 'ok', text: this.t('eventSent', { title }) };
      if (answer && typeof answer === 'object' && answer.id === view.id && Array.isArray(answer.availableEvents))
        this.view = answer;
      else await this.reload();
      this.dispatchEvent(
        new CustomEvent('sf-case-changed', {
          detail: { case: this.view, event: event.type },
          bubbles: true,
          composed: true,
        }),
      );
    } catch (error) {
      this.failed(error, event, body, opened);
    } finally {
      this.busy = false;
    }
  }

  private failed(error: unknown, event: AvailableEvent, body: unknown, opened: OpenEvent) {
    const t = this.t;
    const e = error as { status?: number; errors?: readonly FieldError[]; detail?: string; title?: string };
    const title = this.eventTitle(event);
    if (e.status === 409) {
      this.message = { kind: 'stale', text: t('stale') };
    } else if (e.status === 422 && e.errors?.length) {
      this.formErrors = e.errors;
      this.message = { kind: 'error', text: t('invalidData') };
    } else if (e.status === 422) {
      this.message = { kind: 'error', text: t('eventImpossible', { detail: e.detail || e.title || '' }) };
    } else if (e.status === 0 && this.outbox && this.client && this.view) {
      void this.outbox.enqueue({
        url: this.client.url(`/api/cases/${encodeURIComponent(this.view.id)}/events`),
        body,
        headers: this.client.headers(),
      });
      this.forgetBasis(this.view.id, event.type);
      this.opened = undefined;
      this.message = { kind: 'queued', text: t('eventQueued', { title }) };
      opened.value = undefined;
    } else {
      this.message = { kind: 'error', text: describeError(error, t) };
      loginExpired(this, error);
    }
  }

  override render() {
    const t = this.t;
    const view = this.view;
    if (!view) {
      if (this.loadError) {
        return html`<div class="alert" role="alert" part="error">${describeError(this.loadError, t)}
          <button type="button" @click=${() => void this.reload()}>${t('retry')}</button></div>`;
      }
      return html`<p role="status" class="muted">${t('loading')}</p>`;
    }
    return html`
      <header part="header" data-version=${view.version}>
        <h2 part="case-number" data-number=${view.number ?? nothing}>${t('caseTitle', { id: caseRef(view) })}</h2>
        <span>${t('caseState')}: <span class="state badge" part="state">${this.stateText(view)}</span></span>
        <!-- The workflow, not the case's event count: a version number tells staff nothing (issue 15). -->
        <span class="muted">${view.workflowTitle}</span>
      </header>
      <dl class="facts" part="facts">
        <dt>${t('caseUnit')}</dt><dd title=${view.unit}>${this.names.unit(view.unit)}</dd>
        <dt>${t('caseOwner')}</dt><dd title=${view.owner ?? ''}>${view.owner ? this.names.person(view.owner) : '—'}</dd>
        <dt>${t('caseAssignee')}</dt><dd title=${view.assignee ?? ''}>${view.assignee ? this.names.person(view.assignee) : '—'}</dd>
      </dl>
      <sf-case-summary part="summary" .sections=${this.workflow?.view} .data=${view.data} .locale=${this.locale} .timeZone=${this.timeZone}
        .mapUrl=${this.mapUrl ?? this.installationMapUrl} .person=${(username: string) => this.names.person(username)} .unitTitle=${(name: string) => this.names.unit(name)} exportparts="summary, summary-part, summary-section, tel, map-link, signature, attachment"></sf-case-summary>
      ${this.renderMessage(t)}
      ${errorAlert(this.loadError, t)}
      ${this.renderScript(view, t)}
      ${this.renderActions(view, t)}
      ${this.renderClocks(view, t)}
      ${this.renderLinks(view, t)}
      ${this.renderHistory(view, t)}
      ${this.renderPrint(view, t)}
      ${
        this.workflow?.diagram?.svg
          ? html`<section part="diagram-section" aria-labelledby="sf-diagram"><h3 id="sf-diagram">${t('diagram')}</h3>
            <div class="diagram" part="diagram" tabindex="0" role="region" aria-labelledby="sf-diagram">${unsafeSVG(this.workflow.diagram.svg)}</div></section>`
          : nothing
      }
    `;
  }

  private renderMessage(t: AppTranslate) {
    const m = this.message;
    if (!m) return nothing;
    if (m.kind === 'stale') {
      return html`<div class="alert" role="alert" part="stale">${m.text}
        <button type="button" class="primary" part="reload" @click=${() => void this.reload()}>${t('reload')}</button></div>`;
    }
    if (m.kind === 'error') return html`<div class="alert" role="alert" part="error">${m.text}</div>`;
    return html`<p class="notice ${m.kind === 'ok' ? 'ok' : ''}" role="status" part="message">${m.text}</p>`;
  }

  private renderActions(view: CaseView, t: AppTranslate) {
    const opened = this.opened;
    const event = opened ? view.availableEvents.find((e) => e.type === opened.type) : undefined;
    return html`<section part="actions-section" aria-labelledby="sf-actions">
      <h3 id="sf-actions">${t('actions')}</h3>
      ${
        view.availableEvents.length === 0
          ? html`<p class="muted">${t('noActions')}</p>`
          : html`<div class="actions" part="actions">${view.availableEvents.map(
              (
                e,
              ) => html`<button type="button" part="event-button" data-event=${e.type} aria-expanded=${opened?.type === e.type ? 'true' : 'false'}
              ?disabled=${this.busy} @click=${() => this.open(e)}>${this.eventTitle(e)}</button>`,
            )}</div>`
      }
      ${event && opened ? this.renderEventForm(view, event, opened, t) : nothing}
    </section>`;
  }

  private renderEventForm(view: CaseView, event: AvailableEvent, opened: OpenEvent, t: AppTranslate) {
    const form: FormInput | undefined = formForEvent(event.form, event.type);
    const cancel = html`<button type="button" slot="actions" part="cancel" @click=${() => this.close()}>${t('cancel')}</button>`;
    return html`<div class="event-form" part="event-form" data-event=${event.type}>
      <h3>${this.eventTitle(event)}</h3>
      ${opened.notice ? html`<p class="notice" role="status" part="prefill-notice">${opened.notice}</p>` : nothing}
      ${
        form
          ? html`<sf-form .form=${form} .value=${opened.value} .locale=${this.locale} .errors=${this.formErrors}
            .people=${this.names.current} .caseUnit=${view.unit}
            draft-key=${this.draftKeyOf(view.id, event.type)} ?disabled=${this.busy}
            @sf-change=${this.typed} @sf-draft-restored=${(e: CustomEvent<{ data: unknown }>) => void this.draftRestored(e)}
            @sf-submit=${(e: CustomEvent<{ data: unknown }>) => {
              e.stopPropagation();
              void this.send(event, e.detail.data);
            }}
            exportparts="form, button, submit">${cancel}</sf-form>`
          : html`<p class="muted">${t('eventNoData')}</p>
            <div class="actions"><button type="button" class="primary" part="confirm" ?disabled=${this.busy}
              @click=${() => void this.send(event, {})}>${t('confirm')}</button>${cancel}</div>`
      }
    </div>`;
  }

  private renderScript(view: CaseView, t: AppTranslate) {
    const blocks = this.stateScripts;
    if (blocks.length === 0) return nothing;
    return html`<section class="script" part="script" aria-labelledby="sf-script">
      <h3 id="sf-script">${t('script')}</h3>
      ${blocks.map(
        (b) => html`<h4>${localize(b.title, this.locale)}</h4>
          <ol>${b.lines.map((line) => html`<li>${localize(line, this.locale)}</li>`)}</ol>`,
      )}
    </section>`;
  }

  private renderClocks(view: CaseView, t: AppTranslate) {
    const clocks = deadlinesOf(view);
    return html`<section part="deadlines" aria-labelledby="sf-deadlines">
      <h3 id="sf-deadlines">${t('deadlines')}</h3>
      ${
        clocks.length === 0
          ? html`<p class="muted">${t('noDeadlines')}</p>`
          : html`<ul class="clocks">${clocks.map((c) => this.renderClock(c, t))}</ul>`
      }
    </section>`;
  }

  private renderClock(clock: Deadline, t: AppTranslate) {
    const due = toMillis(clock.deadline);
    const status = clock.status ?? 'running';
    const running = status === 'running';
    const left = due === undefined ? undefined : due - this.now;
    const overdue = clock.breached || (running && left !== undefined && left < 0);
    const name = clock.title !== undefined ? localize(clock.title, this.locale) : (clock.name ?? clock.policy ?? '');
    const statusText = clock.breached
      ? t('clockBreached')
      : status === 'paused'
        ? t('clockPaused')
        : status === 'stopped'
          ? t('clockStopped')
          : t('clockRunning');
    let countdown: unknown = nothing;
    if (running && left !== undefined) {
      const warn = left >= 0 && left < 3_600_000;
      countdown = html`<span class="countdown ${left < 0 ? 'overdue' : warn ? 'warn' : ''}" part="countdown" role="timer" aria-live="off"
        >${left < 0 ? t('overdueBy', { span: formatSpan(-left, t) }) : t('remaining', { span: formatSpan(left, t) })}</span>`;
    }
    return html`<li class="clock ${overdue ? 'overdue' : ''} ${clock.breached ? 'breached' : ''}" part="clock" data-clock=${clock.name ?? clock.policy ?? ''}>
      <strong>${name}</strong> <span class="badge">${statusText}</span>
      ${clock.counts ? html` <span class="muted" part="clock-counts">${t(COUNTS[clock.counts])}</span>` : nothing}
      ${due !== undefined ? html` <span class="muted">${t('deadlineAt', { at: formatInstant(due, this.locale, this.timeZone) })}</span>` : nothing}
      ${countdown}
      ${
        clock.calendarGap
          ? html`<p class="calendar-gap" part="calendar-gap" role="note">${t('calendarGap', {
              calendar:
                clock.calendarGap.calendarTitle !== undefined
                  ? localize(clock.calendarGap.calendarTitle, this.locale)
                  : clock.calendarGap.calendar,
              years: clock.calendarGap.years.join(', '),
            })}</p>`
          : nothing
      }
      ${
        clock.explanationLines.length
          ? html`<details part="explanation"><summary>${t('explanation')}</summary>
            <ul class="explanation">${clock.explanationLines.map((line) => html`<li>${clockLine(line, this.lineReader)}</li>`)}</ul></details>`
          : nothing
      }
    </li>`;
  }

  /** A note's text, or another case it names as a link to it (by its number, as the worklist shows it). */
  private notePart(part: NotePart) {
    if (typeof part === 'string') return part;
    return html`<a href=${`#/cases/${encodeURIComponent(part.case)}`} part="note-case" @click=${(e: Event) => {
      e.preventDefault();
      this.dispatchEvent(new CustomEvent('sf-open-case', { detail: { id: part.case }, bubbles: true, composed: true }));
    }}>${part.case}</a>`;
  }

  private renderLinks(view: CaseView, t: AppTranslate) {
    const links: readonly CaseLink[] = view.links;
    if (links.length === 0) return nothing;
    return html`<section part="links" aria-labelledby="sf-links">
      <h3 id="sf-links">${t('links')}</h3>
      <ul>${links.map(
        (l) => html`<li>${l.direction === 'parent' ? t('linkParent') : t('linkChild')}
          <a href=${`#/cases/${encodeURIComponent(l.number ?? l.caseId)}`} data-case=${l.caseId} part="link"
            @click=${(e: Event) => {
              e.preventDefault();
              this.dispatchEvent(
                new CustomEvent('sf-open-case', {
                  detail: { id: l.number ?? l.caseId },
                  bubbles: true,
                  composed: true,
                }),
              );
            }}
            >${l.number ?? l.caseId}</a>
          <span class="muted">${l.workflowTitle ?? ''}</span></li>`,
      )}</ul>
    </section>`;
  }

  /** Prints a history entry's data through its event's form (disabled), e.g. the signed work order. */
  async printEntry(entry: HistoryEntry, title: string, schema: Record<string, unknown>): Promise<void> {
    const form = formForEvent(schema, entry.type);
    if (!form) return;
    this.printing = { seq: entry.seq, title, form, data: entry.data ?? {}, entry };
    await this.updateComplete;
    await this.renderRoot.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('.print-view sf-form')
      ?.updateComplete;
    this.printPage();
  }

  private afterPrint = () => {
    this.printing = undefined;
  };

  private renderPrint(view: CaseView, t: AppTranslate) {
    const p = this.printing;
    if (!p) return nothing;
    return html`<div class="print-view" part="print-view" data-seq=${p.seq}>
      <header>
        <h2>${p.title}</h2>
        <p>${t('caseTitle', { id: view.id })} · ${formatInstant(p.entry.at, this.locale, this.timeZone)} · ${this.names.person(p.entry.actor)}${p.entry.actorUnit ? ` (${this.names.unit(p.entry.actorUnit)})` : ''}</p>
      </header>
      <sf-form .form=${p.form} .value=${p.data} .locale=${this.locale} .people=${this.names.current} .caseUnit=${view.unit} disabled></sf-form>
    </div>`;
  }

  private renderHistory(view: CaseView, t: AppTranslate) {
    const entries = [...view.history].sort((a, b) => b.seq - a.seq);
    return html`<section part="history" aria-labelledby="sf-history">
      <h3 id="sf-history">${t('history')}</h3>
      ${
        entries.length === 0
          ? html`<p class="muted">${t('noHistory')}</p>`
          : html`<ol class="timeline" reversed>${entries.map((h) => this.renderEntry(h, view, t))}</ol>`
      }
    </section>`;
  }

  private renderEntry(entry: HistoryEntry, view: CaseView, t: AppTranslate) {
    const known =
      view.availableEvents.find((e) => e.type === entry.type) ??
      this.workflow?.events?.find((e) => e.type === entry.type);
    const title = known
      ? this.eventTitle(known)
      : entry.type === 'create'
        ? t('historyCreated')
        : entry.type === 'migrated'
          ? t('historyMigrated')
          : entry.type;
    const data = Object.entries(entry.data ?? {});
    const at = toMillis(entry.at);
    const reader = {
      locale: this.locale,
      timeZone: this.timeZone,
      names: this.names,
      titles: { event: (name: string) => this.lineReader.title?.('event', name) },
      caseNumber: (id: string) => view.links.find((l) => l.caseId === id)?.number,
    };
    return html`<li part="history-entry" data-seq=${entry.seq}>
      <time datetime=${at !== undefined ? new Date(at).toISOString() : ''}>${formatInstant(entry.at, this.locale, this.timeZone)}</time>
      · <span class="who" title=${entry.actor}>${this.names.person(entry.actor)}${entry.actorUnit ? html` <span class="muted">(${this.names.unit(entry.actorUnit)})</span>` : nothing}</span>
      · <span class="what">${title}</span>
      ${
        // A move, not an event that left the case where it was (a comment: 结算 → 结算 said nothing).
        (entry.from?.length || entry.to?.length) && this.statesText(entry.from) !== this.statesText(entry.to)
          ? html` <span class="muted" part="move">${t('historyMove', { from: this.statesText(entry.from), to: this.statesText(entry.to) })}</span>`
          : nothing
      }
      ${entry.effects?.length ? html`<ul aria-label=${t('historyEffects')}>${entry.effects.map((e) => html`<li>${noteParts(e, reader).map((p) => this.notePart(p))}</li>`)}</ul>` : nothing}
      ${
        data.length && known && 'form' in known && known.form
          ? html` <button type="button" part="print-entry" data-seq=${entry.seq} @click=${() => void this.printEntry(entry, title, known.form!)}>${t('ledgerPrint')}</button>`
          : nothing
      }
      ${
        data.length
          ? html`<details part="history-data"><summary>${t('historyData')}</summary>${fieldPairs(
              fieldsOfForm(
                known && 'form' in known ? known.form : entry.type === 'create' ? this.workflow?.startForm : undefined,
              ),
              entry.data ?? {},
              {
                locale: this.locale,
                timeZone: this.timeZone,
                mapUrl: this.mapUrl ?? this.installationMapUrl,
                person: (u) => this.names.person(u),
                unit: (u) => this.names.unit(u),
                t: casePageTranslator(this.locale),
              },
            )}</details>`
          : nothing
      }
    </li>`;
  }
}

if (!customElements.get('sf-case')) customElements.define('sf-case', SfCase);

declare global {
  interface HTMLElementTagNameMap {
    'sf-case': SfCase;
  }
}
