import { LitElement, css, html, nothing } from 'lit';
import type { Locale } from '../../engine/localized.ts';
import { translator } from '../i18n/translate.ts';
import type { Outbox, OutboxEntry } from '../offline/outbox.ts';

/**
 * Shows what the offline outbox still holds: how many requests wait for the network and which
 * ones the server refused (with its reason). Flushes when the browser comes back online and on
 * "retry now".
 *
 * Properties in: `outbox` (from createOutbox), `locale`, `fetchImpl` (defaults to fetch).
 * Event out: `sf-outbox-flushed` {sent, failed, pending} after each flush it started.
 */
export class SfOutboxStatus extends LitElement {
  static override properties = {
    outbox: { attribute: false },
    locale: {},
    fetchImpl: { attribute: false },
    entries: { state: true },
  };
  declare outbox: Outbox | undefined;
  declare locale: Locale;
  declare fetchImpl: typeof fetch | undefined;
  declare entries: readonly OutboxEntry[];

  static override styles = css`
    :host { display: block; font: var(--sf-font, inherit); }
    :host([hidden]) { display: none; }
    ul { margin: 0.25rem 0; padding-inline-start: 1.25rem; }
    .failed { color: var(--sf-color-error, #c5221f); }
    button { font: inherit; }
  `;

  private listened: Outbox | undefined;

  constructor() {
    super();
    this.locale = 'zh-CN';
    this.entries = [];
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('online', this.onOnline);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onOnline);
    this.listened?.events.removeEventListener('change', this.onChange);
    this.listened = undefined;
  }

  protected override willUpdate() {
    if (this.outbox !== this.listened) {
      this.listened?.events.removeEventListener('change', this.onChange);
      this.listened = this.outbox;
      this.listened?.events.addEventListener('change', this.onChange);
      void this.refresh();
    }
  }

  // Listeners are called without waiting: these start the work and let it report through the page.
  private onOnline = () => void this.flush();
  private onChange = () => void this.refresh();

  private refresh = async () => {
    this.entries = this.outbox ? await this.outbox.list() : [];
  };

  flush = async () => {
    if (!this.outbox) return;
    const result = await this.outbox.flush(this.fetchImpl ?? fetch.bind(globalThis));
    this.dispatchEvent(new CustomEvent('sf-outbox-flushed', { detail: result, bubbles: true, composed: true }));
  };

  override render() {
    const t = translator(this.locale);
    const pending = this.entries.filter((e) => e.status === 'pending');
    const failed = this.entries.filter((e) => e.status === 'failed');
    if (!pending.length && !failed.length) return html`<p part="empty" role="status">${t('outboxEmpty')}</p>`;
    return html`<section part="outbox" role="status" aria-live="polite">
      ${
        pending.length
          ? html`<p part="pending">${t('outboxPending', { count: pending.length })}
            <button type="button" part="button retry" @click=${() => void this.flush()}>${t('outboxRetry')}</button></p>
            <ul>${pending.map(
              (e) =>
                html`<li>${e.method} ${e.url}${
                  e.attempts ? html` — ${t('outboxAttempts', { n: e.attempts, error: e.lastError ?? '' })}` : nothing
                }</li>`,
            )}</ul>`
          : nothing
      }
      ${
        failed.length
          ? html`<p part="failed" class="failed">${t('outboxFailed', { count: failed.length })}</p>
            <ul>${failed.map(
              (
                e,
              ) => html`<li class="failed" part="failed-entry">${e.method} ${e.url}: ${e.problem?.detail ?? e.lastError ?? ''}
              ${(e.problem?.errors ?? []).map((err) => html`<br />${err.path} ${err.message}`)}
              <button type="button" part="button dismiss" @click=${() => this.outbox?.dismiss(e.seq)}>${t('outboxDismiss')}</button></li>`,
            )}</ul>`
          : nothing
      }
    </section>`;
  }
}

if (!customElements.get('sf-outbox-status')) customElements.define('sf-outbox-status', SfOutboxStatus);

declare global {
  interface HTMLElementTagNameMap {
    'sf-outbox-status': SfOutboxStatus;
  }
}
