import { css, html, nothing, svg } from 'lit';
import type { Inbox, InboxItem, StreamMessage, Unread } from '../api/types.ts';
import { portalTranslator, type PortalTranslate } from '../i18n/portal-messages.ts';
import { ApiElement } from './api-element.ts';
import { formatInstant, loginExpired } from './case-format.ts';
import { touchTargets } from './phone-styles.ts';
import { sfBaseStyles } from './sf-base-styles.ts';

// Drawn rather than an emoji: not every system has a font with the bell.
const BELL = svg`<svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="currentColor"><path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"/></svg>`;

/** GET /api/inbox: one in-app notification. */
export type InboxEntry = InboxItem;

/**
 * The bell in the header: what the engine notified this person of in the app (assignments, SLA
 * warnings and breaches, replies), with the unread count, kept current from the event stream's
 * `inbox` events. Each entry opens its case (and counts as read).
 *
 * Properties in: `client`, `locale`, `timeZone`, `live` (follow the event stream, default true).
 * Events out: `sf-open-case` {id} when an entry is opened.
 */
export class SfInbox extends ApiElement {
  static override styles = [
    sfBaseStyles,
    touchTargets,
    css`
      :host { position: relative; display: inline-block; }
      button.bell { display: inline-flex; align-items: center; gap: 0.375rem; min-height: 2.25rem; }
      @media (pointer: coarse), (max-width: 40rem) { button.bell { min-height: var(--sf-touch-target, 44px); } }
      .count { min-width: 1.25rem; padding: 0 0.375rem; border-radius: 999px; background: #d93025; color: #fff; font-size: 0.75rem; font-weight: 700; line-height: 1.25rem; text-align: center; }
      .panel { position: absolute; inset-inline-end: 0; top: calc(100% + 0.25rem); width: min(24rem, 92vw); max-height: 70vh; overflow: auto; z-index: 20;
        background: #fff; border: var(--_line); border-radius: var(--_radius); box-shadow: 0 4px 16px rgb(0 0 0 / 0.15); padding: 0.5rem; }
      .panel header { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; padding: 0.25rem; }
      .panel h2 { font-size: 1rem; margin: 0; }
      ul { list-style: none; margin: 0; padding: 0; }
      /* a[href] too: on a phone every link is an inline-flex 44 px target, which set an entry's title,
         text and time side by side in three squeezed columns; an entry reads top to bottom. */
      li a, li a[href] { display: block; padding: 0.5rem; border-radius: var(--_radius); color: inherit; text-decoration: none; min-height: 44px; }
      li a:hover, li a:focus-visible { background: #f1f3f4; }
      li.unread a { background: #e8f0fe; }
      li strong { display: block; }
      li p { margin: 0.125rem 0 0; font-size: 0.875rem; overflow-wrap: anywhere; }
      .muted { color: #5f6368; font-size: 0.8125rem; }
      @media (max-width: 40rem) { .panel { position: fixed; inset-inline: 0.5rem; top: 3.5rem; width: auto; } }
    `,
  ];

  static override properties = {
    live: { type: Boolean },
    items: { state: true },
    unread: { state: true },
    open: { state: true },
  };
  declare live: boolean;
  declare items: readonly InboxEntry[];
  declare unread: number;
  declare open: boolean;
  private stream: AbortController | undefined;
  private reading = 0;

  constructor() {
    super();
    this.live = true;
    this.items = [];
    this.unread = 0;
    this.open = false;
  }

  private get pt(): PortalTranslate {
    return portalTranslator(this.locale);
  }

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('click', this.onOutside);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('click', this.onOutside);
    this.stream?.abort();
    this.stream = undefined;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('client') && this.client) {
      void this.reload();
      this.stream?.abort();
      this.stream = undefined;
      if (this.live) {
        const controller = new AbortController();
        this.stream = controller;
        void this.client.subscribe(this.onStream, controller.signal, { onError: (error) => loginExpired(this, error) });
      }
    }
  }

  /** Reads the inbox again (the newest answer wins). */
  async reload(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const n = ++this.reading;
    try {
      const answer = await client.request<Inbox>('GET', '/api/inbox');
      if (n !== this.reading) return;
      this.items = answer.items;
      this.unread = answer.unread;
    } catch (error) {
      loginExpired(this, error);
    }
  }

  private onStream = (message: StreamMessage) => {
    if (message.event === 'inbox') void this.reload();
  };

  private onOutside = (e: Event) => {
    if (this.open && !e.composedPath().includes(this)) this.open = false;
  };

  private async markRead(body: { ids: string[] } | { all: true }) {
    try {
      const answer = await this.client?.request<Unread>('POST', '/api/inbox/read', { body });
      if (answer) this.unread = answer.unread;
      const ids = 'ids' in body ? new Set(body.ids) : undefined;
      this.items = this.items.map((i) => (!ids || ids.has(i.id) ? { ...i, read: true } : i));
    } catch (error) {
      loginExpired(this, error);
    }
  }

  private openEntry(e: Event, entry: InboxEntry) {
    e.preventDefault();
    this.open = false;
    if (!entry.read) void this.markRead({ ids: [entry.id] });
    if (entry.caseId)
      this.dispatchEvent(
        new CustomEvent('sf-open-case', {
          detail: { id: entry.caseNumber ?? entry.caseId },
          bubbles: true,
          composed: true,
        }),
      );
  }

  override render() {
    const pt = this.pt;
    // The visible words (通知 and the count) begin the name a screen reader or voice control uses.
    const label = this.unread ? pt('inboxBell', { count: this.unread }) : pt('inbox');
    return html`<button type="button" class="bell" part="button" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="sf-inbox-panel" aria-label=${label}
        @click=${() => (this.open = !this.open)}>${BELL}<span>${pt('inbox')}</span>${
          // The space makes the visible text read "Notifications 3", as the name begins.
          this.unread
            ? html` <span class="count" part="count" data-unread=${this.unread}>${this.unread > 99 ? '99+' : this.unread}</span>`
            : nothing
        }</button>
      ${
        this.open
          ? html`<div class="panel" id="sf-inbox-panel" part="panel" role="region" aria-label=${pt('inbox')}>
            <header><h2>${pt('inbox')}</h2>${this.unread ? html`<button type="button" @click=${() => void this.markRead({ all: true })}>${pt('inboxMarkAll')}</button>` : nothing}</header>
            ${
              this.items.length === 0
                ? html`<p class="muted">${pt('inboxEmpty')}</p>`
                : html`<ul>${this.items.map(
                    (i) => html`<li class=${i.read ? 'read' : 'unread'} data-entry=${i.id}>
                  <a href=${i.caseId ? `#/cases/${encodeURIComponent(i.caseNumber ?? i.caseId)}` : '#'} @click=${(e: Event) => this.openEntry(e, i)}>
                    <strong>${i.read ? nothing : html`<span class="visually-hidden">${pt('inboxUnreadMark')} </span>`}${i.title ?? i.subject}${
                      i.caseNumber ? html` <span class="number" part="case-number">${i.caseNumber}</span>` : nothing
                    }</strong>
                    <p>${i.body}</p>
                    <span class="muted">${formatInstant(i.at, this.locale, this.timeZone)}</span></a></li>`,
                  )}</ul>`
            }
          </div>`
          : nothing
      }`;
  }
}

if (!customElements.get('sf-inbox')) customElements.define('sf-inbox', SfInbox);

declare global {
  interface HTMLElementTagNameMap {
    'sf-inbox': SfInbox;
  }
}
