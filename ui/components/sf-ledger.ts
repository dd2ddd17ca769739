import { css, html } from 'lit';
import { localize, type Locale } from '../../engine/localized.ts';
import type { Ledger, LedgerColumn, LedgerQuery } from '../api/types.ts';
import { formatInstant, isoDate, loginExpired, toMillis } from './case-format.ts';
import { casePageTranslator } from '../i18n/case-page-messages.ts';
import { errorAlert } from './error-alert.ts';
import { reportFilters } from './report-filters.ts';
import { ReportElement } from './report-element.ts';
import { ReportLoad } from './report-load.ts';
import { sfBaseStyles } from './sf-base-styles.ts';

/** `@page` rules are ignored inside shadow roots, so the A4 page is declared once in the document. */
const PAGE_STYLE_ID = 'sf-a4-landscape-page';
function declareA4Page() {
  if (typeof document === 'undefined' || document.getElementById(PAGE_STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = PAGE_STYLE_ID;
  style.textContent = '@page sf-a4-landscape { size: A4 landscape; margin: 10mm 8mm; }';
  document.head.append(style);
}

/** A value as the ledger shows it (and as the printed form reads): dates, times, yuan, yes/no. */
export function formatLedgerValue(value: unknown, column: LedgerColumn, locale: Locale, timeZone?: string): string {
  if (value === null || value === undefined || value === '') return '';
  switch (column.format) {
    case 'datetime':
      return formatInstant(value as string | number, locale, timeZone);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? value
        : isoDate(value as string | number, timeZone);
    case 'money':
      return typeof value === 'number' ? value.toFixed(2) : String(value);
    case 'yesno':
      return value === true
        ? casePageTranslator(locale)('yes')
        : value === false
          ? casePageTranslator(locale)('no')
          : String(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/**
 * The service information ledger (FORM-1): filters (unit, from, to), the rows as a table, a CSV
 * download (the server's CSV, UTF-8 with BOM) and an A4 landscape print layout.
 *
 * Properties in: `client`, `locale`, `ledger` (name; default the published one), `unit`, `from`,
 * `to` (YYYY-MM-DD; default the current month on the server).
 * Events out: `sf-open-case` {id} from a row's case, `sf-login-expired` on 401.
 */
export class SfLedger extends ReportElement {
  static override styles = [
    sfBaseStyles,
    css`
      .table-wrap { overflow-x: auto; }
      table { font-size: 0.875em; }
      td { white-space: pre-wrap; }
      /* Short headings (序号, 单位、部门) stay on one line on screen; the wrapper scrolls sideways. */
      th { white-space: nowrap; }
      a { color: var(--_accent); }
      .print-title { display: none; }
      @media print {
        :host { page: sf-a4-landscape; font-size: 8.5pt; color: #000; }
        .toolbar, .status, [part~='csv'], button { display: none !important; }
        .print-title { display: block; text-align: center; font-size: 14pt; margin: 0 0 4mm; }
        .table-wrap { overflow: visible; }
        table { font-size: 8pt; width: 100%; table-layout: auto; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        th, td { border: 0.5pt solid #000; padding: 1mm 1.2mm; }
        th { background: none; white-space: normal; }
        a { color: inherit; text-decoration: none; }
      }
    `,
  ];

  static override properties = {
    ledger: {},
    from: {},
    to: {},
    data: { state: true },
    csvUrl: { state: true },
  };
  declare ledger: string | undefined;
  declare from: string | undefined;
  declare to: string | undefined;
  declare data: Ledger | undefined;
  declare csvUrl: string | undefined;

  private loads = new ReportLoad(this, {
    filters: ['ledger', 'unit', 'from', 'to'],
    fetch: (client, query) => {
      this.forgetCsv(); // the file was for the filters before
      return client.ledger(query);
    },
    apply: (data) => (this.data = data),
  });

  override connectedCallback() {
    super.connectedCallback();
    declareA4Page();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.forgetCsv();
  }

  /** The filters that are set, as the API takes them (for the rows and the CSV alike). */
  query(): LedgerQuery {
    return this.loads.query();
  }

  /** Loads the ledger again for the filters shown (a retry after a failure). */
  async load(): Promise<void> {
    await this.loads.load();
  }

  private forgetCsv() {
    if (this.csvUrl) URL.revokeObjectURL(this.csvUrl);
    this.csvUrl = undefined;
  }

  /** Fetches the server's CSV (the token goes as a header, so a plain link would not do) and saves it. */
  async downloadCsv(event?: Event): Promise<void> {
    if (this.csvUrl) return; // the link already points at the file: let the browser save it
    event?.preventDefault();
    if (!this.client) return;
    try {
      const blob = await this.client.ledgerCsv(this.query());
      this.csvUrl = URL.createObjectURL(blob);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLAnchorElement>('a[part~="csv"]')?.click();
    } catch (error) {
      this.error = error;
      loginExpired(this, error);
    }
  }

  /**
   * The first and last day the ledger on screen covers, in the ledger's time zone (the server's `to` is exclusive);
   * before its first answer, this month where the reader is, which is what the server defaults to.
   */
  private period(): { from: string; to: string } {
    const toAt = toMillis(this.data?.to);
    if (this.data?.from && toAt !== undefined)
      return { from: isoDate(this.data.from, this.timeZone), to: isoDate(toAt - 1, this.timeZone) };
    const today = isoDate(Date.now(), this.timeZone);
    const [year, month] = today.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return { from: `${today.slice(0, 7)}-01`, to: `${today.slice(0, 7)}-${String(last).padStart(2, '0')}` };
  }

  /** The period as dates in the ledger's time zone. */
  private rangeText(): string {
    const shown = this.period();
    const from = this.from ?? (this.data?.from ? shown.from : '');
    const to = this.to ?? (this.data?.to ? shown.to : '');
    return from || to ? ` · ${from} — ${to}` : '';
  }

  private fileName(): string {
    const name = this.data?.ledger ?? this.ledger ?? 'ledger';
    const range = this.rangeText().replace(/^ · /, '').split(' — ').filter(Boolean).join('_');
    return `${name}${range ? `-${range}` : ''}.csv`;
  }

  override render() {
    const t = this.t;
    const data = this.data;
    const columns: readonly LedgerColumn[] = data?.columns ?? [];
    const title = data?.title !== undefined ? localize(data.title, this.locale) : t('ledgerTitle');
    // The inputs show the period on screen: a blank date input reads as an empty yyyy/mm/dd (issue 15).
    const shown = this.period();
    return html`
      ${reportFilters(
        this,
        t,
        [
          { name: 'from', label: t('ledgerFrom'), type: 'date', shown: shown.from },
          { name: 'to', label: t('ledgerTo'), type: 'date', shown: shown.to },
        ],
        {
          units: this.names.units(),
          actions: html`<a part="button csv" href=${this.csvUrl ?? '#'} download=${this.fileName()} @click=${(e: Event) => void this.downloadCsv(e)}>${t('ledgerCsv')}</a>
          <button type="button" part="print" @click=${() => window.print()}>${t('ledgerPrint')}</button>`,
        },
      )}
      ${errorAlert(this.error, t)}
      <h2 class="print-title">${title}${this.unit ? ` · ${this.names.unit(this.unit)}` : ''}${this.rangeText()}</h2>
      <div class="table-wrap">
        <table part="table">
          <caption class="visually-hidden">${title}</caption>
          <thead><tr>${columns.map((c) => html`<th scope="col" data-column=${c.name}>${c.title}</th>`)}</tr></thead>
          <tbody>
            ${
              !data || data.rows.length === 0
                ? html`<tr><td colspan=${Math.max(columns.length, 1)} class="muted" part="empty">${this.loading ? t('loading') : t('ledgerEmpty')}</td></tr>`
                : data.rows.map(
                    (row) =>
                      html`<tr part="row" data-case=${row.caseId ?? ''}>${columns.map((c) => {
                        const text = formatLedgerValue(row.values[c.name], c, this.locale, this.timeZone);
                        return html`<td>${
                          c.name === 'caseId' && row.caseId
                            ? html`<a href=${`#/cases/${encodeURIComponent(row.caseId)}`} @click=${(e: Event) => {
                                e.preventDefault();
                                this.open(row.caseId!);
                              }}>${text}</a>`
                            : text
                        }</td>`;
                      })}</tr>`,
                  )
            }
          </tbody>
        </table>
      </div>
      <p class="status muted" role="status" part="status">${this.loading ? t('loading') : t('ledgerRows', { count: data?.rows.length ?? 0 })}</p>
    `;
  }

  private open(id: string) {
    this.dispatchEvent(new CustomEvent('sf-open-case', { detail: { id }, bubbles: true, composed: true }));
  }
}

if (!customElements.get('sf-ledger')) customElements.define('sf-ledger', SfLedger);

declare global {
  interface HTMLElementTagNameMap {
    'sf-ledger': SfLedger;
  }
}
