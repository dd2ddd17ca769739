import { css, html, nothing } from 'lit';
import { localize, type Locale } from '../../engine/localized.ts';
import type { MonthlyReport } from '../api/types.ts';
import type { AppTranslate } from '../i18n/app-messages.ts';
import { isoDate } from './case-format.ts';
import { errorAlert } from './error-alert.ts';
import { reportFilters } from './report-filters.ts';
import { ReportElement } from './report-element.ts';
import { ReportLoad } from './report-load.ts';
import { monthName } from './month-name.ts';
import { reportPhone } from './phone-styles.ts';
import { sfBaseStyles } from './sf-base-styles.ts';
import './sf-scorecard.ts';

export type ReportMeasure = MonthlyReport['measures'][number];

/** A measure's value as read: percentages, yuan, counts. */
export function formatMeasure(value: number | null, unit: string | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'percent') return `${value.toFixed(1).replace(/\.0$/, '')}%`;
  if (unit === 'amount')
    return `${value.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${locale === 'en' ? 'yuan' : '元'}`;
  return value.toLocaleString(locale);
}

/**
 * The monthly unit report (INFO-3, INFO-4, MGMT-1): cases per workflow and state, SLA deadlines met,
 * every measure of the MonthlyReport definition (with its groups), and the unit's scorecards.
 *
 * Properties in: `client`, `locale`, `unit`, `month` ('2026-09'; default this month on the server),
 * or `report` to show one the host already has.
 * Events out: `sf-open-case` (from the scorecards), `sf-login-expired` on 401.
 */
export class SfMonthlyReport extends ReportElement {
  static override styles = [
    sfBaseStyles,
    css`
      section { margin-block: 1rem; }
      .kpis { display: flex; flex-wrap: wrap; gap: 1rem; }
      .kpi { border: var(--_line); border-radius: var(--_radius); padding: 0.5rem 0.75rem; min-width: 9rem; }
      .kpi strong { display: block; font-size: 1.5rem; }
      ul.groups { margin: 0.25rem 0 0; padding: 0; list-style: none; font-size: 0.875em; }
      ul.groups li { display: grid; grid-template-columns: minmax(0, 10rem) minmax(0, 1fr) minmax(0, max-content); gap: 0.5rem; align-items: center; }
      .bar { height: 0.5rem; background: var(--_accent); border-radius: 999px; }
      td.number { text-align: end; font-variant-numeric: tabular-nums; }
      @media print { .toolbar { display: none; } section { break-inside: avoid; } }
    `,
    reportPhone,
  ];

  static override properties = {
    month: {},
    report: { attribute: false },
  };
  declare month: string | undefined;
  declare report: MonthlyReport | undefined;

  private loads = new ReportLoad(this, {
    filters: ['unit', 'month'],
    fetch: (client, query) => client.monthlyReport(query),
    apply: (report) => (this.report = report),
  });

  /** Loads the report again for the unit and month shown (a retry after a failure). */
  async load(): Promise<void> {
    await this.loads.load();
  }

  override render() {
    const t = this.t;
    const r = this.report;
    return html`
      ${reportFilters(this, t, [{ name: 'month', label: t('reportMonth'), type: 'month', shown: this.shownMonth() }], {
        units: this.names.units(),
        actions: html`<button type="button" @click=${() => window.print()}>${t('ledgerPrint')}</button>`,
      })}
      ${errorAlert(this.error, t)}
      ${!r ? html`<p class="muted" role="status">${this.loading ? t('loading') : ''}</p>` : this.renderReport(r, t)}
    `;
  }

  /** The month of the report on screen, else this month where the reader is (what the server defaults to). */
  private shownMonth(): string {
    return this.report?.month ?? isoDate(Date.now(), this.timeZone).slice(0, 7);
  }

  private renderReport(r: MonthlyReport, t: AppTranslate) {
    return html`
      <h2 part="title">${t('reportTitle', { unit: this.names.unit(r.unit), month: monthName(r.month, this.locale) })}</h2>
      <div class="kpis" part="kpis">
        <div class="kpi"><span>${t('reportCases')}</span><strong>${r.cases}</strong></div>
        ${
          r.sla
            ? html`<div class="kpi" part="sla"><span>${t('reportSla')}</span><strong>${formatMeasure(r.sla.metPercent, 'percent', this.locale)}</strong>
              <span class="muted">${t('reportSlaDetail', { met: r.sla.met, breached: r.sla.breached })}</span></div>`
            : nothing
        }
      </div>
      <section part="workflows">
        <h3>${t('reportByWorkflow')}</h3>
        <table>
          <thead><tr><th scope="col">${t('colWorkflow')}</th><th scope="col">${t('reportTotal')}</th><th scope="col">${t('reportDone')}</th><th scope="col">${t('colState')}</th></tr></thead>
          <tbody>${
            r.byWorkflow.length === 0
              ? html`<tr><td colspan="4" class="muted">${t('noCases')}</td></tr>`
              : r.byWorkflow.map(
                  (
                    w,
                  ) => html`<tr data-workflow=${w.workflow}><th scope="row">${w.title !== undefined ? localize(w.title, this.locale) : w.workflow}</th>
                <td class="number">${w.total}</td><td class="number">${w.done}</td>
                <td>${Object.entries(w.states ?? {})
                  .map(([s, n]) => `${w.stateTitles?.[s] ?? s} ${n}`)
                  .join(' · ')}</td></tr>`,
                )
          }</tbody>
        </table>
      </section>
      <section part="measures">
        <h3>${t('reportMeasures')}</h3>
        <table class="stack">
          <tbody>${r.measures.map((m) => this.renderMeasure(m, t))}</tbody>
        </table>
      </section>
      ${
        r.scorecards?.length
          ? html`<section part="scorecards"><sf-scorecard .scorecards=${r.scorecards} .locale=${this.locale} .timeZone=${this.timeZone} .directory=${this.names.current} hide-filters></sf-scorecard></section>`
          : nothing
      }
    `;
  }

  private renderMeasure(m: ReportMeasure, t: AppTranslate) {
    const groups = m.groups ?? [];
    const max = Math.max(1, ...groups.map((g) => g.value ?? 0));
    return html`<tr data-measure=${m.name} part="measure">
      <th scope="row">${m.title !== undefined ? localize(m.title, this.locale) : m.name}</th>
      <td class="number">${formatMeasure(m.value, m.unit, this.locale)}</td>
      <td>${
        m.kind === 'ratio' || m.kind === 'completeness'
          ? html`<span class="muted">${m.numerator ?? 0} / ${m.denominator ?? 0}</span>`
          : nothing
      }
        ${
          groups.length
            ? html`<ul class="groups">${groups.map(
                (
                  g,
                ) => html`<li data-group=${g.group}><span class=${g.group === '' ? 'muted' : ''}>${g.title ?? (g.group === '' ? t('reportNoValue') : g.group)}</span>
              <span class="bar" style=${`width:${(((g.value ?? 0) / max) * 100).toFixed(0)}%`}></span>
              <span>${formatMeasure(g.value, m.unit, this.locale)}</span></li>`,
              )}</ul>`
            : nothing
        }</td>
    </tr>`;
  }
}

if (!customElements.get('sf-monthly-report')) customElements.define('sf-monthly-report', SfMonthlyReport);

declare global {
  interface HTMLElementTagNameMap {
    'sf-monthly-report': SfMonthlyReport;
  }
}
