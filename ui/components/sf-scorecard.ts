import { css, html, nothing, svg, type PropertyValues } from 'lit';
import { localize } from '../../engine/localized.ts';
import type { CategoryScore, PointChange, Scorecard } from '../api/types.ts';
import type { AppTranslate } from '../i18n/app-messages.ts';
import { formatInstant, isoDate } from './case-format.ts';
import { errorAlert } from './error-alert.ts';
import { reportFilters } from './report-filters.ts';
import { ReportElement } from './report-element.ts';
import { ReportLoad } from './report-load.ts';
import { reportPhone } from './phone-styles.ts';
import { scoreGroups, type ScoreGroup } from './score-groups.ts';
import { monthName } from './month-name.ts';
import { sfBaseStyles } from './sf-base-styles.ts';

/**
 * A unit's scorecards for a month (or a year): the total and band, each category's score, and
 * every point added or deducted with its explanation and the case it came from (KPI-5).
 *
 * Properties in: `client`, `locale`, `unit`, `period` ('2026-09' or '2026'; default this month on
 * the server), or `scorecards` to show results the host already has.
 * Events out: `sf-open-case` {id}, `sf-login-expired` on 401.
 */
export class SfScorecard extends ReportElement {
  static override styles = [
    sfBaseStyles,
    css`
      article { border: var(--_line); border-radius: var(--_radius); padding: 0.75rem 1rem; margin-bottom: 1rem; }
      .total { font-size: 1.5rem; font-weight: 700; }
      .band { margin-inline-start: 0.75rem; }
      .band.reward { color: var(--_ok); }
      .band.penalty { color: var(--_error); }
      .meter { display: inline-block; width: 8rem; height: 0.5rem; background: #e8eaed; border-radius: 999px; vertical-align: middle; overflow: hidden; }
      .meter > span { display: block; height: 100%; background: var(--_accent); }
      ul.changes { margin: 0.25rem 0 0; padding-inline-start: 1.25rem; }
      ul.changes > li + li { margin-top: 0.375rem; }
      ul.cases { margin: 0.125rem 0 0; padding-inline-start: 1rem; list-style: circle; }
      .reason { display: block; font-size: 0.875em; }
      .points { font-variant-numeric: tabular-nums; font-weight: 600; }
      .points.minus { color: var(--_error); }
      .points.plus { color: var(--_ok); }
      .explanation { margin: 0.5rem 0 0; padding-inline-start: 1.25rem; color: var(--_muted); font-size: 0.875em; }
      a { color: var(--_accent); }
      a[part~="case-number"] { white-space: nowrap; }
      .chart svg { max-width: 100%; height: auto; }
      .chart .legend { display: flex; gap: 1rem; flex-wrap: wrap; font-size: 0.875em; }
      .chart .swatch { display: inline-block; width: 0.75rem; height: 0.75rem; border-radius: 2px; margin-inline-end: 0.25rem; vertical-align: middle; }
      @media print { .toolbar { display: none; } article { break-inside: avoid; } }
    `,
    reportPhone,
  ];

  static override properties = {
    period: {},
    scorecards: { attribute: false },
    compareUnits: { attribute: false },
    hideFilters: { type: Boolean, attribute: 'hide-filters' },
    series: { state: true },
  };
  declare period: string | undefined;
  declare scorecards: readonly Scorecard[] | undefined;
  /** Units whose monthly totals the chart compares (default: the unit shown). */
  declare compareUnits: readonly string[] | undefined;
  declare hideFilters: boolean;
  /** Monthly totals per unit for the chart, from each unit's annual scorecard. */
  declare series: readonly {
    readonly unit: string;
    readonly points: readonly { readonly month: string; readonly total: number }[];
  }[];

  private loads = new ReportLoad(this, {
    filters: ['unit', 'period'],
    fetch: (client, query) => client.scorecards(query),
    apply: (cards) => (this.scorecards = cards),
  });

  constructor() {
    super();
    this.hideFilters = false;
    this.series = [];
  }

  /** After the ReportLoad's `hostUpdate`, so the scorecards are asked for before the chart's. */
  protected override update(changed: PropertyValues<this>) {
    if (['client', 'unit', 'period', 'compareUnits'].some((k) => changed.has(k as keyof SfScorecard)) && this.client)
      void this.loadChart();
    super.update(changed);
  }

  /** Each compared unit's annual scorecard lists its months: their totals make the chart. */
  private async loadChart() {
    const client = this.client;
    const units = this.compareUnits ?? (this.unit ? [this.unit] : []);
    const year = (this.period ?? new Date().toISOString()).slice(0, 4);
    if (!client || units.length === 0) {
      this.series = [];
      return;
    }
    const key = `${units.join(',')}|${year}`;
    this.chartKey = key;
    const series = await Promise.all(
      units.map(async (unit) => {
        const cards = await client.scorecards({ unit, period: year }).catch(() => [] as Scorecard[]);
        const months = cards[0]?.months ?? [];
        return { unit, points: months.map((m) => ({ month: m.period, total: m.total })) };
      }),
    );
    if (this.chartKey === key) this.series = series.filter((s) => s.points.length > 0);
  }

  private chartKey: string | undefined;

  /** Loads the scorecards again for the unit and period shown (a retry after a failure). */
  async load(): Promise<void> {
    await this.loads.load();
  }

  override render() {
    const t = this.t;
    const cards = this.scorecards ?? [];
    return html`
      ${reportFilters(
        this,
        t,
        [
          {
            name: 'period',
            label: t('scorecardPeriod'),
            placeholder: '2026-09',
            pattern: '\\d{4}(-\\d{2})?',
            // the period of the cards on screen, else this month where the reader is (the server's default)
            shown: cards[0]?.period ?? isoDate(Date.now(), this.timeZone).slice(0, 7),
          },
        ],
        {
          units: this.names.units(),
          hidden: this.hideFilters,
        },
      )}
      ${errorAlert(this.error, t)}
      ${
        cards.length === 0
          ? html`<p class="muted" role="status">${this.loading ? t('loading') : t('scorecardEmpty')}</p>`
          : cards.map((card) => this.renderCard(card, t))
      }
      ${this.renderChart(t)}
    `;
  }

  private renderChart(t: AppTranslate) {
    const series = this.series;
    if (series.length === 0) return nothing;
    const W = 640;
    const H = 220;
    const pad = { left: 40, right: 12, top: 12, bottom: 28 };
    const months = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
    const max = Math.max(100, ...series.flatMap((s) => s.points.map((p) => p.total)));
    const x = (m: string) => pad.left + ((Number(m) - 1) / 11) * (W - pad.left - pad.right);
    const y = (v: number) => H - pad.bottom - (v / max) * (H - pad.top - pad.bottom);
    const colors = ['#1a73e8', '#d93025', '#188038', '#f9ab00', '#9334e6', '#12b5cb'];
    const monthOf = (period: string) => period.slice(5, 7);
    return html`<section class="chart" part="chart" aria-labelledby="sf-chart-title">
      <h3 id="sf-chart-title">${t('scorecardChart')}</h3>
      <svg viewBox=${`0 0 ${W} ${H}`} role="img" aria-labelledby="sf-chart-title">
        ${[0, 0.25, 0.5, 0.75, 1].map((f) => {
          const v = Math.round(max * f);
          return svgLine(pad.left, y(v), W - pad.right, y(v), v);
        })}
        ${months.map((m) => svgText(x(m), H - 8, m))}
        ${series.map((s, i) =>
          svgSeries(
            s.points.map((p) => [x(monthOf(p.month)), y(p.total)] as const),
            colors[i % colors.length]!,
            s.unit,
          ),
        )}
      </svg>
      <div class="legend">${series.map((s, i) => html`<span><span class="swatch" style=${`background:${colors[i % colors.length]}`}></span>${this.names.unit(s.unit)}</span>`)}</div>
      <!-- A table is never narrower than its cells: hidden inside a box, or its 13 columns widen a phone's page. -->
      <div class="visually-hidden"><table><thead><tr><th>${t('ledgerUnit')}</th>${months.map((m) => html`<th>${m}</th>`)}</tr></thead>
        <tbody>${series.map((s) => html`<tr><th>${this.names.unit(s.unit)}</th>${months.map((m) => html`<td>${s.points.find((p) => monthOf(p.month) === m)?.total ?? ''}</td>`)}</tr>`)}</tbody></table></div>
    </section>`;
  }

  private renderCard(card: Scorecard, t: AppTranslate) {
    const max = card.max ?? card.categories.reduce((sum, c) => sum + (c.max ?? 0), 0);
    return html`<article part="scorecard" data-scorecard=${card.scorecard ?? ''}>
      <h2>${t('scorecardTitle')}${card.title !== undefined ? ` · ${localize(card.title, this.locale)}` : card.scorecard ? ` · ${card.scorecard}` : ''} · ${this.names.unit(card.unit)} · ${monthName(card.period, this.locale)}</h2>
      <p><span class="total" part="total">${t('scorecardTotal', { total: fmt(card.total), max: fmt(max) })}</span>
        ${
          card.band
            ? html`<span class="band ${card.band.outcome ?? ''}" part="band">${t('scorecardBand', { band: card.band.title !== undefined ? localize(card.band.title, this.locale) : card.band.name })}</span>`
            : nothing
        }</p>
      <table part="categories" class="stack">
        <thead><tr><th scope="col">${t('scorecardCategory')}</th><th scope="col">${t('scorecardScore')}</th><th scope="col"></th></tr></thead>
        <tbody>${card.categories.map((c) => this.renderCategory(c, t))}</tbody>
      </table>
      ${
        card.explanation?.length
          ? html`<details part="explanation"><summary>${t('explanation')}</summary>
            <ol class="explanation">${this.explanationLines(card, t).map((line) => html`<li>${line}</li>`)}</ol></details>`
          : nothing
      }
    </article>`;
  }

  private renderCategory(c: CategoryScore, t: AppTranslate) {
    const share = c.max ? Math.max(0, Math.min(1, c.score / c.max)) : 0;
    return html`<tr part="category" data-category=${c.name}>
      <th scope="row">${c.title !== undefined ? localize(c.title, this.locale) : c.name}</th>
      <td><span class="points">${fmt(c.score)}</span>${c.max !== undefined ? html` / ${fmt(c.max)}` : nothing}
        <span class="meter" aria-hidden="true"><span style=${`width:${(share * 100).toFixed(0)}%`}></span></span></td>
      <td>${
        c.changes.length === 0
          ? html`<span class="muted">${t('scorecardNoChanges')}</span>`
          : html`<ul class="changes">${scoreGroups(c.changes, this.locale).map((g) => this.renderGroup(g, t))}</ul>`
      }
        ${c.limit ? html`<p class="muted" part="limit">${this.limitText(c, t)}</p>` : nothing}</td>
    </tr>`;
  }

  /** A group's title, else (a rule with no title, no fact description and no reason) the rule's name. */
  private groupTitle(g: ScoreGroup): string {
    const p = g.changes[0]!.change;
    return g.title || (g.reason ? '' : this.locale === 'en' ? p.text : p.rule);
  }

  /** Why a category's score is not its raw sum, from its floor and cap. */
  private limitText(c: CategoryScore, t: AppTranslate): string {
    const raw = c.raw ?? c.score;
    if (c.floor !== undefined && raw < c.floor)
      return t('scorecardFloor', { floor: fmt(c.floor), points: fmt(c.floor - raw) });
    if (c.cap !== undefined && raw > c.cap) return t('scorecardCap', { cap: fmt(c.cap), points: fmt(raw - c.cap) });
    return t('scorecardLimit', { limit: c.limit ?? '' });
  }

  /** The card's explanation in the reader's language, from its fields: period, each category, limits, total, band. */
  private explanationLines(card: Scorecard, t: AppTranslate): string[] {
    const max = card.max ?? card.categories.reduce((sum, c) => sum + (c.max ?? 0), 0);
    const lines: string[] = [];
    if (card.months?.length) {
      lines.push(
        t('scorecardLineAverage'),
        ...card.months.map((m) =>
          t('scorecardLineMonth', { period: m.period, total: fmt(m.total), max: fmt(m.max ?? max) }),
        ),
      );
    } else {
      const unit = this.names.unit(card.unit);
      lines.push(
        card.from && card.to
          ? t('scorecardLinePeriod', {
              unit,
              period: card.period,
              from: formatInstant(card.from, this.locale, this.timeZone),
              to: formatInstant(card.to, this.locale, this.timeZone),
            })
          : t('scorecardLinePeriodOnly', { unit, period: card.period }),
      );
    }
    for (const c of card.categories) {
      const category = c.title !== undefined ? localize(c.title, this.locale) : c.name;
      for (const g of scoreGroups(c.changes, this.locale)) {
        const title = this.groupTitle(g);
        for (const { change: p, reason } of g.changes) {
          const why = [title, reason ?? g.reason].filter(Boolean).join(t('scorecardReasonSeparator'));
          lines.push(
            t('scorecardLineChange', {
              category,
              what: `${this.points(p.points, t)} ${why}${p.caseNumber ? ` · ${p.caseNumber}` : ''}${p.at ? ` · ${formatInstant(p.at, this.locale, this.timeZone)}` : ''}`,
            }),
          );
        }
      }
      if (c.limit) lines.push(t('scorecardLineChange', { category, what: this.limitText(c, t) }));
      lines.push(t('scorecardLineCategory', { category, max: fmt(c.max ?? 0), score: fmt(c.score) }));
    }
    lines.push(t('scorecardLineTotal', { total: fmt(card.total), max: fmt(max) }));
    if (card.band)
      lines.push(
        t('scorecardBand', {
          band: card.band.title !== undefined ? localize(card.band.title, this.locale) : card.band.name,
        }),
      );
    return lines;
  }

  private points(points: number, t: AppTranslate): string {
    return t('scorecardPoints', { points: `${points > 0 ? '+' : ''}${fmt(points)}` });
  }

  /**
   * One rule: its title once, its total when it counted more than once, the reason when it adds something, then each
   * case it counted with its points, its number (a link) and when.
   */
  private renderGroup(g: ScoreGroup, t: AppTranslate) {
    const sign = (n: number) => (n > 0 ? 'plus' : n < 0 ? 'minus' : '');
    const single = g.changes.length === 1;
    return html`<li part="rule" data-rule=${g.changes[0]!.change.rule ?? ''}>
      ${single ? html`<span class="points ${sign(g.points)}">${this.points(g.points, t)}</span> ` : nothing}<span part="rule-title">${this.groupTitle(g)}</span>
      ${single ? nothing : html` <span class="points ${sign(g.points)}" part="rule-total">${t('scorecardRuleTotal', { points: this.points(g.points, t), count: g.changes.length })}</span>`}
      ${g.reason ? html`<span class="reason muted" part="reason">${g.reason}</span>` : nothing}
      ${
        single
          ? html` ${this.renderCase(g.changes[0]!.change)}${g.changes[0]!.reason ? html`<span class="reason muted" part="reason">${g.changes[0]!.reason}</span>` : nothing}`
          : html`<ul class="cases">${g.changes.map(
              ({ change: p, reason }) => html`<li part="change">
              <span class="points ${sign(p.points)}">${this.points(p.points, t)}</span> ${this.renderCase(p)}
              ${reason ? html`<span class="reason muted" part="reason">${reason}</span>` : nothing}</li>`,
            )}</ul>`
      }
    </li>`;
  }

  /** The case a change came from, by its number (a link to it), and when. */
  private renderCase(p: PointChange) {
    return html`${
      p.caseId
        ? html`<a part="case-number" href=${`#/cases/${encodeURIComponent(p.caseNumber ?? p.caseId)}`} @click=${(
            e: Event,
          ) => {
            e.preventDefault();
            this.dispatchEvent(
              new CustomEvent('sf-open-case', { detail: { id: p.caseId }, bubbles: true, composed: true }),
            );
          }}>${p.caseNumber ?? p.caseId}</a>`
        : nothing
    }${p.at ? html` <span class="muted" part="at">${formatInstant(p.at, this.locale, this.timeZone)}</span>` : nothing}`;
  }
}

const svgLine = (x1: number, y1: number, x2: number, y2: number, label: number) =>
  svg`<line x1=${x1} y1=${y1} x2=${x2} y2=${y2} stroke="#dadce0" /><text x=${x1 - 6} y=${y1 + 4} text-anchor="end" font-size="10" fill="#5f6368">${label}</text>`;
const svgText = (x: number, y: number, text: string) =>
  svg`<text x=${x} y=${y} text-anchor="middle" font-size="10" fill="#5f6368">${text}</text>`;
const svgSeries = (points: readonly (readonly [number, number])[], color: string, unit: string) =>
  svg`<g data-unit=${unit}><polyline fill="none" stroke=${color} stroke-width="2" points=${points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ')} />
    ${points.map(([px, py]) => svg`<circle cx=${px.toFixed(1)} cy=${py.toFixed(1)} r="3" fill=${color} />`)}</g>`;

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

if (!customElements.get('sf-scorecard')) customElements.define('sf-scorecard', SfScorecard);

declare global {
  interface HTMLElementTagNameMap {
    'sf-scorecard': SfScorecard;
  }
}
