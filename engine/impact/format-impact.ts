import { localize, type Locale } from '../localized.ts';
import { formatInstant } from '../sla/explain-clock.ts';
import type { ImpactReport } from './impact-report.ts';
import { impactMessage as m } from './impact-messages.ts';

export interface FormatOptions {
  readonly locale: Locale;
  /** The zone instants are shown in (the business calendar's). */
  readonly timeZone: string;
  /** Lines listed per section before "… and N more" (default 10). */
  readonly limit?: number;
}

/** The impact report as lines a person reads, in their language, times in the calendar's zone. */
export function formatImpact(report: ImpactReport, options: FormatOptions): string[] {
  const { locale, timeZone } = options;
  const limit = options.limit ?? 10;
  const at = (iso: string | null) => (iso === null ? m('none', locale) : formatInstant(Date.parse(iso), timeZone));
  const day = (iso: string) => at(iso).slice(0, 10);
  const t = (x: Parameters<typeof localize>[0]) => localize(x, locale);
  const lines: string[] = [];
  const list = <T>(items: readonly T[], line: (item: T) => string, indent = '    ') => {
    for (const item of items.slice(0, limit)) lines.push(indent + line(item));
    if (items.length > limit) lines.push(indent + m('more', locale, { count: items.length - limit }));
  };
  const lastDay = new Date(Date.parse(report.to) - 1).toISOString();
  lines.push(m('title', locale, { from: day(report.from), to: day(lastDay), version: report.candidateVersion }));
  if (report.empty) {
    lines.push(m('empty', locale));
    return lines;
  }
  lines.push(m('replayed', locale, { cases: report.cases, events: report.events, until: at(report.until) }));
  const s = report.summary;
  lines.push(
    m('summary', locale, {
      earlier: s.deadlinesEarlier,
      later: s.deadlinesLater,
      gained: s.breachesGained,
      lost: s.breachesLost,
      notifications: s.notificationsChanged,
      pointsGained: s.pointsGained,
      pointsLost: s.pointsLost,
      refused: s.refused,
      endStates: s.endStates,
    }),
  );
  if (report.groups.length + report.scorecards.length + report.refused.length + report.endStates.length === 0) {
    lines.push(m('noChange', locale));
    return lines;
  }
  if (report.groups.length) {
    lines.push('', `## ${m('groups', locale)}`);
    for (const g of report.groups) {
      lines.push(m('groupHead', locale, { unit: t(g.unitTitle), workflow: t(g.workflowTitle), cases: g.cases }));
      const deadline = (d: (typeof g.deadlines.earlier)[number]) =>
        m('deadlineLine', locale, { case: d.caseId, clock: t(d.clockTitle), before: at(d.before), after: at(d.after) });
      const breach = (b: (typeof g.breaches.gained)[number]) =>
        m('breachLine', locale, { case: b.caseId, clock: t(b.clockTitle), deadline: at(b.deadline) });
      const notice = (n: (typeof g.notifications.added)[number]) =>
        m('notificationLine', locale, {
          case: n.caseId,
          template: t(n.templateTitle),
          recipient: n.recipientName ?? n.recipient,
          channel: n.channel,
          before: at(n.before),
          after: at(n.after),
        });
      const section = <T>(code: Parameters<typeof m>[0], items: readonly T[], line: (x: T) => string) => {
        if (items.length === 0) return;
        lines.push(`  ${m(code, locale, { count: items.length })}`);
        list(items, line);
      };
      section('deadlinesEarlier', g.deadlines.earlier, deadline);
      section('deadlinesLater', g.deadlines.later, deadline);
      section('breachesGained', g.breaches.gained, breach);
      section('breachesLost', g.breaches.lost, breach);
      section('notificationsAdded', g.notifications.added, notice);
      section('notificationsRemoved', g.notifications.removed, notice);
      section('notificationsMoved', g.notifications.moved, notice);
    }
  }
  if (report.scorecards.length) {
    lines.push('', `## ${m('points', locale)}`);
    for (const u of report.scorecards) {
      lines.push(m('pointsHead', locale, { unit: t(u.unitTitle), scorecard: t(u.scorecardTitle) }));
      for (const month of u.months) if (month.before !== month.after) lines.push(`  ${m('monthLine', locale, month)}`);
      for (const c of u.categories) {
        if (c.delta === 0 && c.gained.length + c.lost.length === 0) continue;
        lines.push(
          `  ${m('categoryLine', locale, { category: t(c.title), before: c.before, after: c.after, delta: signed(c.delta) })}`,
        );
        list([...c.lost, ...c.gained], (p) =>
          m('pointLine', locale, {
            points: signed(p.points),
            case: p.caseId ?? '',
            rule: t(p.ruleTitle),
            reason: p.reasonTitle !== undefined ? t(p.reasonTitle) : p.reason,
          }),
        );
      }
    }
  }
  if (report.refused.length) {
    lines.push('', `## ${m('refused', locale)}`);
    list(
      report.refused,
      (r) =>
        m('refusedLine', locale, {
          at: at(r.at),
          case: r.caseId,
          workflow: t(r.workflowTitle),
          event: t(r.title),
          actor: r.actorName ?? r.actor,
          kind: m(`kind.${r.kind}`, locale),
          // The command line's English stays the engine's message, as it has always printed it.
          reason: locale === 'en' ? r.reason : t(r.reasonTitle),
        }) +
        (r.alsoBefore ? m('alsoBefore', locale) : '') +
        (r.followsRefusal ? m('followsRefusal', locale) : ''),
      '  ',
    );
  }
  if (report.endStates.length) {
    lines.push('', `## ${m('endStates', locale)}`);
    const end = (e: ImpactReport['endStates'][number]['before']) =>
      e === null ? m('notStarted', locale) : e.titles.map(t).join(', ') + (e.done ? ` (${m('closed', locale)})` : '');
    list(
      report.endStates,
      (e) =>
        m('endStateLine', locale, {
          case: e.caseId,
          workflow: t(e.workflowTitle),
          before: end(e.before),
          after: end(e.after),
        }),
      '  ',
    );
  }
  return lines;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
