import { html, nothing, type TemplateResult } from 'lit';
import { impactMessage as m, type ImpactMessage } from '../../engine/impact/impact-messages.ts';
import type { ImpactReport } from '../api/types.ts';
import { localize, type Locale, type Localized } from '../../engine/localized.ts';
import { formatInstant } from '../../engine/sla/explain-clock.ts';
import type { EditorTranslate } from '../i18n/editor-messages.ts';

/** Lines listed under a heading before "… and N more". */
const LIMIT = 20;

/**
 * The impact report (docs/impact.md) as the editor's 影响 tab shows it: the summary, a table per
 * unit and workflow, the points per unit and category, refused events and changed end states, each
 * line in the report's own catalogue (engine/impact/messages, the command line's words) and times
 * in the calendar's zone. A case's number links to the case.
 */
export function impactReportView(
  report: ImpactReport,
  locale: Locale,
  timeZone: string,
  te: EditorTranslate,
): TemplateResult {
  const t = (x: Localized) => localize(x, locale);
  const at = (iso: string | null) => (iso === null ? m('none', locale) : formatInstant(Date.parse(iso), timeZone));
  const day = (iso: string) => at(iso).slice(0, 10);
  // The editor's own text is the candidate: named as such, its content hash (the command line's word for it) only
  // in the tooltip, never as a reader's heading (issue 15).
  const heading = html`<h3 title=${report.candidateVersion}>${te('impactReportTitle', {
    from: day(report.from),
    to: day(new Date(Date.parse(report.to) - 1).toISOString()),
  })}</h3>`;
  if (report.empty) return html`${heading}<p role="status" part="impact-empty">${m('empty', locale)}</p>`;
  const s = report.summary;
  const unchanged =
    report.groups.length + report.scorecards.length + report.refused.length + report.endStates.length === 0;
  const caseLink = (id: string | null) =>
    id ? html`<a href=${`#/cases/${encodeURIComponent(id)}`}>${report.caseNumbers[id] ?? id}</a>` : nothing;
  const list = <T>(items: readonly T[], line: (item: T) => TemplateResult) =>
    html`<ul class="lines">${items.slice(0, LIMIT).map((x) => html`<li>${line(x)}</li>`)}${items.length > LIMIT ? html`<li class="muted">${m('more', locale, { count: items.length - LIMIT })}</li>` : nothing}</ul>`;
  const counted = <T>(code: ImpactMessage, items: readonly T[], line: (item: T) => TemplateResult) =>
    items.length
      ? html`<details><summary>${m(code, locale, { count: items.length })}</summary>${list(items, line)}</details>`
      : nothing;
  return html`
    ${heading}
    <p class="muted">${m('replayed', locale, { cases: report.cases, events: report.events, until: at(report.until) })}</p>
    <p part="impact-summary" class=${s.breachesGained + s.pointsLost + s.refused + s.endStates > 0 ? 'loss' : ''}>${m('summary', locale, { earlier: s.deadlinesEarlier, later: s.deadlinesLater, gained: s.breachesGained, lost: s.breachesLost, notifications: s.notificationsChanged, pointsGained: s.pointsGained, pointsLost: s.pointsLost, refused: s.refused, endStates: s.endStates })}</p>
    ${unchanged ? html`<p role="status">${m('noChange', locale)}</p>` : nothing}
    ${
      report.groups.length
        ? html`<section part="impact-groups"><h4>${m('groups', locale)}</h4>
      <div class="scroll"><table>
        <thead><tr><th scope="col">${te('impactUnitWorkflow')}</th><th scope="col">${te('impactCases')}</th><th scope="col">${te('impactEarlier')}</th><th scope="col">${te('impactLater')}</th>
          <th scope="col">${te('impactBreachGained')}</th><th scope="col">${te('impactBreachLost')}</th><th scope="col">${te('impactNotices')}</th></tr></thead>
        <tbody>${report.groups.map(
          (g) => html`<tr data-unit=${g.unit} data-workflow=${g.workflow}>
          <th scope="row">${t(g.unitTitle)} · ${t(g.workflowTitle)}</th><td>${g.cases}</td><td>${g.deadlines.earlier.length}</td><td>${g.deadlines.later.length}</td>
          <td class=${g.breaches.gained.length ? 'loss' : ''}>${g.breaches.gained.length}</td><td>${g.breaches.lost.length}</td>
          <td>${g.notifications.added.length + g.notifications.removed.length + g.notifications.moved.length}</td></tr>`,
        )}</tbody>
      </table></div>
      ${report.groups.map((g) => {
        const deadline = (d: (typeof g.deadlines.earlier)[number]) =>
          html`${caseLink(d.caseId)} ${t(d.clockTitle)}: ${at(d.before)} → ${at(d.after)}`;
        const breach = (b: (typeof g.breaches.gained)[number]) =>
          html`${caseLink(b.caseId)} ${t(b.clockTitle)} (${at(b.deadline)})`;
        const notice = (n: (typeof g.notifications.added)[number]) =>
          html`${caseLink(n.caseId)} ${t(n.templateTitle)} → ${n.recipientName ?? n.recipient}: ${at(n.before)} → ${at(n.after)}`;
        return html`<div class="group"><h5>${m('groupHead', locale, { unit: t(g.unitTitle), workflow: t(g.workflowTitle), cases: g.cases })}</h5>
          ${counted('deadlinesEarlier', g.deadlines.earlier, deadline)}${counted('deadlinesLater', g.deadlines.later, deadline)}
          ${counted('breachesGained', g.breaches.gained, breach)}${counted('breachesLost', g.breaches.lost, breach)}
          ${counted('notificationsAdded', g.notifications.added, notice)}${counted('notificationsRemoved', g.notifications.removed, notice)}${counted('notificationsMoved', g.notifications.moved, notice)}</div>`;
      })}</section>`
        : nothing
    }
    ${
      report.scorecards.length
        ? html`<section part="impact-points"><h4>${m('points', locale)}</h4>${report.scorecards.map(
            (u) => html`<div class="group" data-unit=${u.unit}>
      <h5>${m('pointsHead', locale, { unit: t(u.unitTitle), scorecard: t(u.scorecardTitle) })}</h5>
      <ul class="lines">${u.months.filter((x) => x.before !== x.after).map((x) => html`<li>${m('monthLine', locale, x)}</li>`)}</ul>
      ${u.categories
        .filter((c) => c.delta !== 0 || c.gained.length + c.lost.length > 0)
        .map(
          (c) => html`<details data-category=${c.category}>
        <summary class=${c.delta < 0 ? 'loss' : ''}>${m('categoryLine', locale, { category: t(c.title), before: c.before, after: c.after, delta: signed(c.delta) })}</summary>
        ${list([...c.lost, ...c.gained], (p) => html`${signed(p.points)} ${caseLink(p.caseId)} ${t(p.ruleTitle)}${p.reasonTitle !== undefined ? `: ${t(p.reasonTitle)}` : locale === 'en' ? `: ${p.reason}` : ''}`)}</details>`,
        )}
    </div>`,
          )}</section>`
        : nothing
    }
    ${report.refused.length ? html`<section part="impact-refused"><h4>${m('refused', locale)}</h4>${list(report.refused, (r) => html`${at(r.at)} ${caseLink(r.caseId)} ${t(r.workflowTitle)} · ${t(r.title)} (${r.actorName ?? r.actor}): ${m(`kind.${r.kind}` as ImpactMessage, locale)} — ${t(r.reasonTitle)}${r.alsoBefore ? m('alsoBefore', locale) : ''}${r.followsRefusal ? m('followsRefusal', locale) : ''}`)}</section>` : nothing}
    ${
      report.endStates.length
        ? html`<section part="impact-end-states"><h4>${m('endStates', locale)}</h4>${list(report.endStates, (e) => {
            const end = (x: (typeof e)['before']) =>
              x === null
                ? m('notStarted', locale)
                : x.titles.map(t).join(', ') + (x.done ? ` (${m('closed', locale)})` : '');
            return html`${caseLink(e.caseId)} ${t(e.workflowTitle)}: ${end(e.before)} → ${end(e.after)}`;
          })}</section>`
        : nothing
    }`;
}

/** What the report shows lost, one line each, for the question before publishing (empty: nothing lost). */
export function impactLosses(report: ImpactReport, locale: Locale, te: EditorTranslate): string[] {
  const s = report.summary;
  const lines: string[] = [];
  if (s.breachesGained) lines.push(m('breachesGained', locale, { count: s.breachesGained }));
  if (s.pointsLost) lines.push(te('impactLostPoints', { count: s.pointsLost }));
  if (s.refused) lines.push(te('impactRefusedCount', { count: s.refused }));
  if (s.endStates) lines.push(te('impactEndStatesCount', { count: s.endStates }));
  return lines;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
