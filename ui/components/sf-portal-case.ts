import { css, html, nothing, type PropertyValues } from 'lit';
import type { FieldError } from '../../engine/forms/form-model.ts';
import { localize } from '../../engine/localized.ts';
import type { PortalCase } from '../api/types.ts';
import type { AvailableEvent, StreamMessage } from '../api/types.ts';
import { portalTranslator, type PortalTranslate } from '../i18n/portal-messages.ts';
import { ApiElement } from './api-element.ts';
import { describeError, formatInstant, loginExpired } from './case-format.ts';
import { formForEvent } from './form-from-schema.ts';
import { LatestLoad } from './latest-load.ts';
import { portalValue } from './portal-value.ts';
import { sfBaseStyles } from './sf-base-styles.ts';
import './sf-form.ts';

/** A form the customer opened: which case it goes to (the rating goes to the linked return visit). */
interface Opened {
  readonly caseId: string;
  readonly event: AvailableEvent;
  readonly expectedVersion: number;
  value: unknown;
  readonly idempotencyKey: string;
}

/**
 * One case as its customer sees it (the portal, NORM-5/NORM-8): a progress line of the steps the
 * workflow shows customers, who comes and when, what they told us, the replies staff made public,
 * what they may do now and, once the work is done, the request to rate it. Everything comes from
 * the server's customer view (server/cases/customer-view.ts), which sends nothing else, so this
 * page has nothing internal to hide.
 *
 * Properties in: `client`, `caseId` (attribute `case-id`), `locale`, `timeZone`, `live` (reload
 * when the event stream reports a change of this case, default true).
 * Events out: `sf-case-loaded` {case}, `sf-case-changed` {case, event}, `sf-login-expired` on 401.
 */
export class SfPortalCase extends ApiElement {
  static override styles = [
    sfBaseStyles,
    css`
      :host { display: block; max-width: 48rem; }
      header h2 { margin: 0 0 0.25rem; font-size: 1.25rem; }
      .status { display: inline-block; padding: 0.125rem 0.625rem; border-radius: 999px; background: var(--sf-status-background, #e8f0fe); color: var(--sf-status-color, #1a3e8a); font-weight: 600; }
      .status.finished { background: #e6f4ea; color: #135a28; }
      section { margin-top: 1.25rem; }
      h3 { font-size: 1rem; margin: 0 0 0.5rem; }
      ol.progress { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 0; padding: 0; margin: 0; counter-reset: step; }
      ol.progress li { flex: 1 1 7rem; position: relative; padding: 2.25rem 0.25rem 0; text-align: center; font-size: 0.875rem; color: #5f6368; }
      ol.progress li::before { counter-increment: step; content: counter(step); position: absolute; top: 0; left: 50%; transform: translateX(-50%); width: 1.75rem; height: 1.75rem; line-height: 1.75rem; border-radius: 50%; background: #dadce0; color: #3c4043; font-weight: 600; z-index: 1; }
      ol.progress li::after { content: ''; position: absolute; top: 0.8125rem; left: -50%; width: 100%; height: 0.125rem; background: #dadce0; }
      ol.progress li:first-child::after { display: none; }
      ol.progress li.done::before { content: '✓'; background: #188038; color: #fff; }
      ol.progress li.done::after, ol.progress li.current::after { background: #188038; }
      ol.progress li.current { color: #202124; font-weight: 600; }
      ol.progress li.current::before { background: var(--_accent); color: #fff; }
      .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0.75rem; }
      .card { border: var(--_line); border-radius: var(--_radius); padding: 0.75rem 1rem; background: #fff; }
      .card .big { font-size: 1.125rem; font-weight: 600; }
      a.call { display: inline-flex; align-items: center; min-height: 44px; padding: 0 1rem; margin-top: 0.5rem; border-radius: var(--_radius); background: var(--_accent); color: #fff; text-decoration: none; font-weight: 600; }
      dl.facts { display: grid; grid-template-columns: minmax(6rem, max-content) 1fr; gap: 0.375rem 1rem; margin: 0; }
      dl.facts dt { color: #5f6368; }
      dl.facts dd { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
      ol.replies { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 0.5rem; }
      ol.replies li { border-inline-start: 0.25rem solid var(--_accent); background: #f8f9fa; padding: 0.5rem 0.75rem; border-radius: 0 var(--_radius) var(--_radius) 0; }
      ol.replies p { margin: 0.25rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
      .actions button { min-height: 44px; }
      .rate { border: 2px solid var(--_accent); border-radius: var(--_radius); padding: 1rem; background: #f4f8ff; }
      .muted { color: #5f6368; }
      @media (max-width: 40rem) {
        dl.facts { grid-template-columns: 1fr; gap: 0 0; }
        dl.facts dd { margin-bottom: 0.5rem; }
        ol.progress li { flex-basis: 4.5rem; font-size: 0.8125rem; }
      }
    `,
  ];

  static override properties = {
    caseId: { attribute: 'case-id', reflect: true },
    live: { type: Boolean },
    view: { state: true },
    loading: { state: true },
    loadError: { state: true },
    opened: { state: true },
    busy: { state: true },
    message: { state: true },
    formErrors: { state: true },
  };
  declare caseId: string | undefined;
  declare live: boolean;
  declare view: PortalCase | undefined;
  declare loading: boolean;
  declare loadError: unknown;
  declare opened: Opened | undefined;
  declare busy: boolean;
  declare message: { kind: 'ok' | 'error'; text: string } | undefined;
  declare formErrors: readonly FieldError[];

  private stream: AbortController | undefined;
  private loads = new LatestLoad(this, (error) => (this.loadError = error));

  constructor() {
    super();
    this.live = true;
    this.loading = false;
    this.busy = false;
    this.formErrors = [];
  }

  private get pt(): PortalTranslate {
    return portalTranslator(this.locale);
  }

  override connectedCallback() {
    super.connectedCallback();
    this.startStream();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stream?.abort();
    this.stream = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('caseId') || changed.has('client')) {
      this.view = undefined;
      this.opened = undefined;
      this.message = undefined;
      void this.reload();
      if (changed.has('client') || changed.has('live')) this.startStream();
    }
  }

  /** Reads the case again; a form the customer is filling stays as typed. */
  async reload(): Promise<void> {
    const client = this.client;
    const id = this.caseId;
    if (!client || !id) return;
    await this.loads.run(
      () => client.request<PortalCase>('GET', `/api/cases/${encodeURIComponent(id)}`),
      (view) => {
        this.view = view;
        this.loadError = undefined;
        this.dispatchEvent(
          new CustomEvent('sf-case-loaded', { detail: { case: view }, bubbles: true, composed: true }),
        );
      },
    );
  }

  private startStream() {
    this.stream?.abort();
    this.stream = undefined;
    if (!this.client || !this.live || !this.isConnected) return;
    const controller = new AbortController();
    this.stream = controller;
    void this.client.subscribe(this.onStream, controller.signal, { onError: (error) => loginExpired(this, error) });
  }

  private onStream = (message: StreamMessage) => {
    const data = message.data as { id?: string; version?: number } | null;
    if (!data || this.busy || this.opened) return;
    const rating = this.view?.rating?.case;
    if (
      data.id === this.caseId
        ? (data.version ?? Infinity) > (this.view?.version ?? -1)
        : data.id !== undefined && data.id === rating
    )
      void this.reload();
  };

  private open(caseId: string, event: AvailableEvent, expectedVersion: number) {
    // The form opens on its defaults from the case (the visit time being moved), as the server gave them.
    const value = event.prefill ? structuredClone(event.prefill) : undefined;
    this.opened = { caseId, event, expectedVersion, value, idempotencyKey: crypto.randomUUID() };
    this.formErrors = [];
    this.message = undefined;
  }

  /** Sends the open form; on a refusal the form and what was typed stay, with the messages by the fields. */
  async send(data: unknown): Promise<void> {
    const opened = this.opened;
    const client = this.client;
    if (!opened || !client || this.busy) return;
    opened.value = data;
    this.busy = true;
    this.formErrors = [];
    const title = opened.event.title !== undefined ? localize(opened.event.title, this.locale) : '';
    try {
      await client.request('POST', `/api/cases/${encodeURIComponent(opened.caseId)}/events`, {
        body: { type: opened.event.type, data: data ?? {}, expectedVersion: opened.expectedVersion },
        idempotencyKey: opened.idempotencyKey,
      });
      this.opened = undefined;
      this.message = { kind: 'ok', text: this.pt('portalSent', { title }) };
      await this.reload();
      this.dispatchEvent(
        new CustomEvent('sf-case-changed', {
          detail: { case: this.view, event: opened.event.type },
          bubbles: true,
          composed: true,
        }),
      );
    } catch (error) {
      const e = error as { status?: number; errors?: readonly FieldError[] };
      if (e.status === 422 && e.errors?.length) this.formErrors = e.errors;
      this.message = {
        kind: 'error',
        text: e.status === 422 && e.errors?.length ? this.t('invalidData') : describeError(error, this.t),
      };
      loginExpired(this, error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const view = this.view;
    if (!view) {
      if (this.loadError) return html`<div class="alert" role="alert">${describeError(this.loadError, this.t)}</div>`;
      return html`<p role="status" class="muted">${this.t('loading')}</p>`;
    }
    const pt = this.pt;
    return html`
      <header part="header">
        <h2>${view.workflowTitle}${view.number ? html` <span class="number" part="case-number">${view.number}</span>` : nothing}</h2>
        <span class="status ${view.done ? 'finished' : ''}" part="status">${view.done ? pt('portalFinished') : (view.stateTitle ?? '')}</span>
        <span class="muted"> · ${pt('portalSubmittedOn')} ${formatInstant(view.createdAt, this.locale, this.timeZone)}</span>
      </header>
      ${this.message ? html`<p class=${this.message.kind === 'ok' ? 'notice ok' : 'alert'} role=${this.message.kind === 'ok' ? 'status' : 'alert'} part="message">${this.message.text}</p>` : nothing}
      ${this.renderRating(view, pt)}
      ${this.renderProgress(view, pt)}
      ${this.renderPeople(view, pt)}
      ${this.renderActions(view, pt)}
      ${this.renderReplies(view, pt)}
      ${this.renderRequest(view, pt)}
    `;
  }

  private renderProgress(view: PortalCase, pt: PortalTranslate) {
    const steps = view.progress.filter((s) => s.status !== 'skipped');
    if (steps.length === 0) return nothing;
    const label = { done: pt('portalStepDone'), current: pt('portalStepCurrent'), todo: pt('portalStepTodo') } as const;
    return html`<section part="progress" aria-labelledby="sf-progress"><h3 id="sf-progress">${pt('portalProgress')}</h3>
      <ol class="progress">${steps.map(
        (s) => html`<li class=${s.status} data-step=${s.step} aria-current=${s.status === 'current' ? 'step' : 'false'}>
        ${s.title}<span class="visually-hidden"> (${label[s.status as 'done' | 'current' | 'todo']})</span></li>`,
      )}</ol></section>`;
  }

  private renderPeople(view: PortalCase, pt: PortalTranslate) {
    const tech = view.technician;
    // The portal's appointment field holds an instant (ISO text); nothing else is shown as one.
    const appointment = typeof view.appointment === 'string' && view.appointment ? view.appointment : null;
    if (!tech && !appointment) return nothing;
    return html`<section class="cards" part="people">
      ${
        tech
          ? html`<div class="card" part="technician"><div class="muted">${pt('portalTechnician')}</div><div class="big">${tech.name}</div>
        ${tech.phone ? html`<a class="call" href=${`tel:${tech.phone}`}>${pt('portalCall', { phone: tech.phone })}</a>` : nothing}</div>`
          : nothing
      }
      ${
        appointment
          ? html`<div class="card" part="appointment"><div class="muted">${pt('portalAppointment')}</div>
        <div class="big">${formatInstant(appointment, this.locale, this.timeZone) || appointment}</div></div>`
          : nothing
      }
    </section>`;
  }

  private renderRequest(view: PortalCase, pt: PortalTranslate) {
    const reader = { locale: this.locale, timeZone: this.timeZone, t: pt };
    const rows = view.fields
      .map((f) => [f, portalValue(f, valueAt(view.data, f.path), reader)] as const)
      .filter(([, v]) => v !== nothing);
    if (rows.length === 0) return nothing;
    return html`<section part="request" aria-labelledby="sf-request"><h3 id="sf-request">${pt('portalRequest')}</h3>
      <dl class="facts">${rows.map(([f, v]) => html`<dt>${f.title}</dt><dd data-field=${f.path}>${v}</dd>`)}</dl></section>`;
  }

  private renderReplies(view: PortalCase, pt: PortalTranslate) {
    return html`<section part="replies" aria-labelledby="sf-replies"><h3 id="sf-replies">${pt('portalReplies')}</h3>
      ${
        view.replies.length === 0
          ? html`<p class="muted">${pt('portalNoReplies')}</p>`
          : html`<ol class="replies">${[...view.replies].reverse().map(
              (r) => html`<li part="reply">
            <span class="muted">${formatInstant(r.at, this.locale, this.timeZone)} · ${r.title}${r.by ? ` · ${r.by}` : ''}</span><p>${r.text}</p></li>`,
            )}</ol>`
      }
    </section>`;
  }

  private renderActions(view: PortalCase, pt: PortalTranslate) {
    if (view.availableEvents.length === 0) return nothing;
    const opened = this.opened?.caseId === view.id ? this.opened : undefined;
    return html`<section part="actions" aria-labelledby="sf-portal-actions"><h3 id="sf-portal-actions">${pt('portalActions')}</h3>
      <div class="actions">${view.availableEvents.map(
        (
          e,
        ) => html`<button type="button" data-event=${e.type} aria-expanded=${opened?.event.type === e.type ? 'true' : 'false'}
        ?disabled=${this.busy} @click=${() => this.open(view.id, e, view.version)}>${e.title !== undefined ? localize(e.title, this.locale) : ''}</button>`,
      )}</div>
      ${opened ? this.renderForm(opened) : nothing}</section>`;
  }

  private renderRating(view: PortalCase, pt: PortalTranslate) {
    const rating = view.rating;
    if (!rating) return nothing;
    if ('given' in rating) {
      const reader = { locale: this.locale, timeZone: this.timeZone, t: pt };
      const rows = rating.given.fields
        .map((f) => [f, portalValue(f, rating.given.data[f.path], reader)] as const)
        .filter(([, v]) => v !== nothing);
      return html`<section class="rate" part="rating" data-rated="true"><h3>${pt('portalRated')}</h3>
        <dl class="facts">${rows.map(([f, v]) => html`<dt>${f.title}</dt><dd>${v}</dd>`)}</dl></section>`;
    }
    const opened = this.opened?.caseId === rating.case ? this.opened : undefined;
    return html`<section class="rate" part="rating" aria-labelledby="sf-rate"><h3 id="sf-rate">${pt('portalRateTitle')}</h3>
      <p class="muted">${pt('portalRateHint')}</p>
      ${
        opened
          ? this.renderForm(opened)
          : html`<div class="actions"><button type="button" class="primary" data-event=${rating.event.type}
        @click=${() => this.open(rating.case, rating.event, rating.version)}>${rating.event.title !== undefined ? localize(rating.event.title, this.locale) : pt('portalRateTitle')}</button></div>`
      }</section>`;
  }

  private renderForm(opened: Opened) {
    const form = formForEvent(opened.event.form ?? null, opened.event.type);
    const cancel = html`<button type="button" slot="actions" @click=${() => (this.opened = undefined)}>${this.t('cancel')}</button>`;
    if (!form) {
      return html`<div class="actions"><button type="button" class="primary" ?disabled=${this.busy} @click=${() => void this.send({})}>${this.t('confirm')}</button>${cancel}</div>`;
    }
    return html`<sf-form .form=${form} .value=${opened.value} .locale=${this.locale} .errors=${this.formErrors} ?disabled=${this.busy}
      draft-key=${`portal-${opened.caseId}/${opened.event.type}`}
      @sf-submit=${(e: CustomEvent<{ data: unknown }>) => {
        e.stopPropagation();
        void this.send(e.detail.data);
      }}>${cancel}</sf-form>`;
  }
}

function valueAt(data: unknown, path: string): unknown {
  let v = data;
  for (const key of path.split('.'))
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

if (!customElements.get('sf-portal-case')) customElements.define('sf-portal-case', SfPortalCase);

declare global {
  interface HTMLElementTagNameMap {
    'sf-portal-case': SfPortalCase;
  }
}
