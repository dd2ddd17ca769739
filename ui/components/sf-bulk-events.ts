import { css, html, nothing, type PropertyValues } from 'lit';
import { localize } from '../../engine/localized.ts';
import type { AvailableEvent, CaseView } from '../api/types.ts';
import { worklistTranslator } from '../i18n/worklist-messages.ts';
import { ApiElement } from './api-element.ts';
import { caseRef, describeError, eventData, loginExpired } from './case-format.ts';
import { touchTargets } from './phone-styles.ts';
import type { FormInput } from './resolve-form.ts';
import { sfBaseStyles } from './sf-base-styles.ts';

/** What became of one case: sent, or refused with the reason the server gave for that case. */
interface Outcome {
  readonly id: string;
  readonly ok: boolean;
  readonly text: string;
}

/**
 * One event sent to several cases at once (issue 15, item 8), e.g. a lead dispatching a morning's
 * repairs to one technician. Nothing here decides for the server: each case is read for what this
 * user may do with it now, only events every selected case offers are offered, and each case then
 * gets its own `POST /api/cases/:id/events` with its own `expectedVersion`, so its own rules,
 * guards and permissions apply. What failed is listed per case with the server's reason; what
 * succeeded is not sent again.
 *
 * Properties in: `client`, `ids` (the selected cases), `locale`, `directory`.
 * Events out: `sf-bulk-done` {ok: string[], failed: string[]} after a run; `sf-bulk-clear` to drop the selection.
 */
export class SfBulkEvents extends ApiElement {
  static override styles = [
    sfBaseStyles,
    touchTargets,
    css`
      :host { border: var(--_line); border-radius: var(--_radius); padding: 0.75rem; margin-bottom: 0.75rem; background: var(--sf-notice-background, #e8f0fe); }
      .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
      .row label { display: flex; flex-direction: column; gap: 0.125rem; font-size: 0.875em; }
      ul.outcomes { margin: 0.5rem 0 0; padding-inline-start: 1.25rem; }
      li.failed { color: var(--_error); }
      sf-form { display: block; margin-top: 0.75rem; background: #fff; padding: 0.5rem; border-radius: var(--_radius); }
    `,
  ];

  static override properties = {
    ids: { attribute: false },
    views: { state: true },
    chosen: { state: true },
    form: { state: true },
    running: { state: true },
    done: { state: true },
    outcomes: { state: true },
  };
  declare ids: readonly string[];
  /** Each selected case as this user sees it now, or why it could not be read. */
  declare views: ReadonlyMap<string, CaseView | Error>;
  declare chosen: string;
  declare form: FormInput | undefined;
  declare running: boolean;
  declare done: number;
  declare outcomes: readonly Outcome[];

  constructor() {
    super();
    this.ids = [];
    this.views = new Map();
    this.chosen = '';
    this.running = false;
    this.done = 0;
    this.outcomes = [];
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if ((changed.has('ids') || changed.has('client')) && !this.running) void this.read();
  }

  private get w() {
    return worklistTranslator(this.locale);
  }

  private async read() {
    const client = this.client;
    const ids = this.ids;
    if (!client) return;
    const views = await Promise.all(
      ids.map((id) => client.getCase(id).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))))),
    );
    if (client !== this.client || ids !== this.ids) return;
    this.views = new Map(ids.map((id, i) => [id, views[i]!]));
    if (this.chosen && !this.common().some((e) => e.type === this.chosen)) void this.choose('');
  }

  /** The events every readable selected case offers this user now, in the first case's order. */
  common(): AvailableEvent[] {
    const cases = [...this.views.values()].filter((v): v is CaseView => !(v instanceof Error));
    if (cases.length === 0) return [];
    return cases[0]!.availableEvents.filter((e) =>
      cases.every((c) => c.availableEvents.some((x) => x.type === e.type)),
    );
  }

  private async choose(type: string) {
    this.chosen = type;
    this.form = undefined;
    this.outcomes = [];
    const event = this.common().find((e) => e.type === type);
    if (!event?.form) return;
    const [{ formForEvent }] = await Promise.all([import('./form-from-schema.ts'), import('./sf-form.ts')]);
    if (this.chosen === type) this.form = formForEvent(event.form, event.type);
  }

  /** Sends the chosen event to each selected case in turn; each answer is that case's own. */
  private async run(data: unknown) {
    const client = this.client;
    const type = this.chosen;
    if (!client || !type || this.running) return;
    this.running = true;
    this.done = 0;
    const outcomes: Outcome[] = [];
    for (const id of this.ids) {
      const view = this.views.get(id);
      const ref = view && !(view instanceof Error) ? caseRef(view) : id;
      try {
        if (!view || view instanceof Error) throw view ?? new Error(id);
        await client.sendEvent(
          id,
          { type, data: eventData(data), expectedVersion: view.version },
          { idempotencyKey: crypto.randomUUID() },
        );
        outcomes.push({ id, ok: true, text: this.w('bulkOk', { id: ref }) });
      } catch (error) {
        loginExpired(this, error);
        outcomes.push({ id, ok: false, text: this.w('bulkFailed', { id: ref, reason: describeError(error, this.t) }) });
      }
      this.done += 1;
    }
    this.outcomes = outcomes;
    this.running = false;
    const failed = outcomes.filter((o) => !o.ok).map((o) => o.id);
    this.dispatchEvent(
      new CustomEvent('sf-bulk-done', {
        detail: { ok: outcomes.filter((o) => o.ok).map((o) => o.id), failed },
        bubbles: true,
        composed: true,
      }),
    );
  }

  override render() {
    const w = this.w;
    const common = this.common();
    const loaded = this.views.size === this.ids.length;
    const event = common.find((e) => e.type === this.chosen);
    const ok = this.outcomes.filter((o) => o.ok).length;
    return html`
      <div class="row" part="bulk-bar">
        <strong role="status">${w('selectedCount', { count: this.ids.length })}</strong>
        <label>${w('bulkAction')}
          <select name="bulk-event" ?disabled=${!loaded || this.running || common.length === 0} @change=${(e: Event) => void this.choose((e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.chosen}>—</option>
            ${common.map((e) => html`<option value=${e.type} ?selected=${this.chosen === e.type}>${e.title !== undefined ? localize(e.title, this.locale) : e.type}</option>`)}
          </select>
        </label>
        ${
          event && !event.form
            ? html`<button type="button" class="primary" part="bulk-apply" ?disabled=${this.running} @click=${() => void this.run({})}>${w('bulkApply')}</button>`
            : nothing
        }
        <button type="button" part="bulk-clear" ?disabled=${this.running}
          @click=${() => this.dispatchEvent(new CustomEvent('sf-bulk-clear', { bubbles: true, composed: true }))}>${w('bulkClear')}</button>
      </div>
      ${loaded && common.length === 0 && this.ids.length > 0 ? html`<p class="muted" part="bulk-none">${w('bulkNoCommon')}</p>` : nothing}
      ${
        event?.form && this.form
          ? html`<sf-form .form=${this.form} .locale=${this.locale} .people=${this.names.current} .caseUnit=${this.sharedUnit()} ?disabled=${this.running}
            @sf-submit=${(e: CustomEvent<{ data: unknown }>) => {
              e.stopPropagation();
              void this.run(e.detail.data);
            }}></sf-form>`
          : nothing
      }
      ${this.running ? html`<p role="status" part="bulk-progress">${w('bulkRunning', { done: this.done, count: this.ids.length })}</p>` : nothing}
      ${
        this.outcomes.length
          ? html`<p role="status" part="bulk-summary">${w('bulkDone', { ok, failed: this.outcomes.length - ok })}</p>
            <ul class="outcomes" part="bulk-outcomes">${this.outcomes.map((o) => html`<li class=${o.ok ? 'ok' : 'failed'} data-id=${o.id} data-ok=${String(o.ok)}>${o.text}</li>`)}</ul>`
          : nothing
      }
    `;
  }

  /** The unit of the selected cases when they share one: user fields then offer its people. */
  private sharedUnit(): string | undefined {
    const units = new Set(
      [...this.views.values()].filter((v): v is CaseView => !(v instanceof Error)).map((v) => v.unit),
    );
    return units.size === 1 ? [...units][0] : undefined;
  }
}

if (!customElements.get('sf-bulk-events')) customElements.define('sf-bulk-events', SfBulkEvents);

declare global {
  interface HTMLElementTagNameMap {
    'sf-bulk-events': SfBulkEvents;
  }
}
