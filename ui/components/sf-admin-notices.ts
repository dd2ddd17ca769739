import { css, html, nothing, type PropertyValues } from 'lit';
import { localize } from '../../engine/localized.ts';
import type { AdminNotice } from '../api/types.ts';
import { ApiElement } from './api-element.ts';
import { sfBaseStyles } from './sf-base-styles.ts';

/**
 * What an administrator must act on in the published definitions (GET /api/definitions/notices),
 * e.g. a calendar whose public holidays end this year, shown on every page of the staff app until
 * someone publishes the fix. Renders nothing when there is nothing to do, or for a user the server
 * does not count as an administrator (403).
 *
 * Properties in: `client`, `locale`. Reads the notices when the client is set and on `refresh()`
 * (the host calls it after publishing).
 */
export class SfAdminNotices extends ApiElement {
  static override properties = { notices: { state: true } };
  declare notices: readonly AdminNotice[];

  static override styles = [
    sfBaseStyles,
    css`
      :host { display: block; }
      .notices { border: 1px solid var(--_warn); border-radius: var(--_radius); padding: 0.5rem 0.75rem; margin-block-end: 0.75rem; }
      strong { color: var(--_warn); }
      ul { margin: 0.25rem 0 0; padding-inline-start: 1.25rem; }
    `,
  ];

  constructor() {
    super();
    this.notices = [];
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('client')) void this.refresh();
  }

  /** Reads the notices again; a failure (not an administrator, offline) shows none. */
  async refresh(): Promise<void> {
    if (!this.client) return;
    try {
      this.notices = await this.client.request<AdminNotice[]>('GET', '/api/definitions/notices');
    } catch {
      this.notices = [];
    }
  }

  override render() {
    if (this.notices.length === 0) return nothing;
    const t = this.t;
    return html`<div class="notices" part="notices" role="status">
      <strong>${t('noticesTitle')}</strong>
      <ul>${this.notices.map(
        (n) =>
          html`<li data-code=${n.code}>${t('calendarNotice', {
            calendar: n.calendarTitle !== undefined ? localize(n.calendarTitle, this.locale) : n.calendar,
            year: n.year,
          })}</li>`,
      )}</ul>
    </div>`;
  }
}

if (!customElements.get('sf-admin-notices')) customElements.define('sf-admin-notices', SfAdminNotices);
