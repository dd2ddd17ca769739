import { html, nothing, type TemplateResult } from 'lit';
import type { Locale } from '../../engine/localized.ts';
import type { EditorMessageKey, EditorTranslate } from '../i18n/editor-messages.ts';
import { formatInstant } from './case-format.ts';
import type { Names } from './directory.ts';
import type { Migration, MigrationCase } from '../api/types.ts';

/** One case of POST /api/cases/migrate's answer (docs/migration.md). */
type StateRef = MigrationCase['state']['before'][number];

const OUTCOME: Record<MigrationCase['outcome'], EditorMessageKey> = {
  migrate: 'outcomeMigrate',
  migrated: 'outcomeMigrated',
  refused: 'outcomeRefused',
  unchanged: 'outcomeUnchanged',
  alreadyMigrated: 'outcomeAlreadyMigrated',
  skipped: 'outcomeSkipped',
};

/**
 * What a migration does (dry run) or did, case by case: state before → after by title, each SLA
 * deadline before → after with the engine's explanation on hover and below, timers added and
 * cancelled, and why a case stays (the fields the new forms refuse) — the server's messages, in
 * the administrator's language.
 */
export function migrationPlanView(
  answer: Migration,
  te: EditorTranslate,
  locale: Locale,
  timeZone: string | undefined,
  names: Names,
): TemplateResult {
  const c = answer.counts;
  const when = (iso: string | null | undefined) => (iso ? formatInstant(iso, locale, timeZone) : '—');
  const states = (list: readonly StateRef[] | undefined) => (list ?? []).map((s) => s.title).join(', ');
  return html`
    <p role="status" part="migration-counts">${
      answer.dryRun
        ? te('migrateCounts', { selected: c.selected, migrate: c.migrate, refused: c.refused, unchanged: c.unchanged })
        : te('migrateDone', {
            migrated: c.migrated,
            alreadyMigrated: c.alreadyMigrated,
            refused: c.refused,
            skipped: c.skipped,
          })
    }</p>
    <div class="scroll"><table part="migration-cases">
      <thead><tr><th scope="col">${te('migrateCase')}</th><th scope="col">${te('migrateUnitColumn')}</th><th scope="col">${te('migrateOutcome')}</th>
        <th scope="col">${te('migrateStateColumn')}</th><th scope="col">${te('migrateClocks')}</th><th scope="col">${te('migrateTimers')}</th><th scope="col">${te('migrateProblems')}</th></tr></thead>
      <tbody>${answer.cases.map(
        (k) => html`<tr data-case=${k.id} data-outcome=${k.outcome}>
        <th scope="row"><a href=${`#/cases/${encodeURIComponent(k.number ?? k.id)}`}>${k.number ?? k.id}</a></th>
        <td>${names.unit(k.unit)}</td>
        <td class=${k.outcome === 'refused' ? 'error' : ''}>${te(OUTCOME[k.outcome])}</td>
        <td>${k.state ? (states(k.state.before) === states(k.state.after) ? states(k.state.after) : `${states(k.state.before)} → ${states(k.state.after)}`) : nothing}</td>
        <td>${(k.clocks ?? []).map((x) => html`<div title=${(x.explanation ?? []).join('\n')}>${x.title}: ${when(x.before?.deadline)} → ${when(x.after?.deadline)}</div>`)}</td>
        <td>${(k.timers?.added ?? []).map((x) => html`<div>${te('migrateTimerAdded', { title: x.title })}</div>`)}${(k.timers?.removed ?? []).map((x) => html`<div>${te('migrateTimerRemoved', { title: x.title })}</div>`)}</td>
        <td>${(k.dataRefusals ?? []).map((x) => html`<div class="error">${x.message}</div>`)}${(k.notes ?? []).map((x) => html`<div class="muted">${x.message}</div>`)}</td>
      </tr>`,
      )}</tbody>
    </table></div>`;
}
