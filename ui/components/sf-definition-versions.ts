import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { localize, type Locale } from '../../engine/localized.ts';
import type { ApiClient } from '../api/client.ts';
import type { DefinitionSummary } from '../api/types.ts';
import { appTranslator } from '../i18n/app-messages.ts';
import { editorTranslator } from '../i18n/editor-messages.ts';
import { formatInstant, loginExpired } from './case-format.ts';
import { DirectoryNames } from './directory-names.ts';
import { errorAlert } from './error-alert.ts';
import { touchTargets } from './phone-styles.ts';
import { sfBaseStyles } from './sf-base-styles.ts';
import './sf-case-migration.ts';
import type { VersionRow } from './sf-case-migration.ts';

/**
 * The administrator's versions page: every published definition version, newest first, with who
 * published it and when, its note, and how many open cases still run on it (per workflow, by
 * title); a version other than the current one with open cases offers to migrate them
 * (<sf-case-migration>: the dry run first). After a migration the counts are read again.
 *
 * Properties in: `client`, `locale`, `timeZone`.
 * Events out: `sf-login-expired` on 401.
 */
export class SfDefinitionVersions extends LitElement {
  static override styles = [
    sfBaseStyles,
    touchTargets,
    css`
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; font-size: 0.9375em; }
      th, td { border-bottom: var(--_line); padding: 0.375rem 0.5rem; text-align: start; vertical-align: top; }
      td.count { font-variant-numeric: tabular-nums; }
      .current { color: var(--_ok); font-weight: 600; }
      ul { margin: 0; padding: 0; list-style: none; }
      li { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: center; margin-block: 0.125rem; }
      sf-case-migration { display: block; margin-top: 1.5rem; border-top: var(--_line); padding-top: 1rem; }
      @media (max-width: 40rem) {
        thead { display: none; }
        tr { display: block; border-bottom: var(--_line); padding-block: 0.5rem; }
        th, td { display: block; border: 0; padding: 0.125rem 0; }
        td[data-label]::before { content: attr(data-label) ': '; color: var(--_muted); }
      }
    `,
  ];

  static override properties = {
    client: { attribute: false },
    locale: { reflect: true },
    timeZone: { attribute: 'time-zone' },
    versions: { state: true },
    workflowTitles: { state: true },
    migrating: { state: true },
    error: { state: true },
  };
  declare client: ApiClient | undefined;
  declare locale: Locale;
  declare timeZone: string | undefined;
  declare versions: readonly VersionRow[] | undefined;
  declare workflowTitles: ReadonlyMap<string, string>;
  /** The version and workflow whose cases are being migrated. */
  declare migrating: { readonly from: VersionRow; readonly workflow: string } | undefined;
  declare error: unknown;

  private readonly names = new DirectoryNames(this);

  constructor() {
    super();
    this.locale = 'zh-CN';
    this.workflowTitles = new Map();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if ((changed.has('client') || changed.has('locale')) && this.client) void this.load();
  }

  /** Reads the versions (with their open cases) and the workflows' titles. */
  async load(): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      const [versions, definitions] = await Promise.all([
        client.request<VersionRow[]>('GET', '/api/definitions/versions'),
        client.request<DefinitionSummary[]>('GET', '/api/definitions'),
      ]);
      this.versions = [...versions].sort((a, b) => b.seq - a.seq);
      this.workflowTitles = new Map(
        definitions.filter((d) => d.kind === 'Workflow').map((d) => [d.name, localize(d.title ?? d.name, this.locale)]),
      );
      this.error = undefined;
    } catch (error) {
      this.error = error;
      loginExpired(this, error);
    }
  }

  override render() {
    const te = editorTranslator(this.locale);
    const t = appTranslator(this.locale);
    const versions = this.versions;
    const title = (workflow: string) => this.workflowTitles.get(workflow) ?? workflow;
    return html`
      ${errorAlert(this.error, t)}
      <h2>${te('versionsTitle')}</h2>
      ${
        versions === undefined
          ? html`<p class="muted" role="status">${t('loading')}</p>`
          : html`<div class="scroll"><table part="versions">
        <thead><tr><th scope="col">${te('versionsSeq')}</th><th scope="col">${te('versionsPublishedBy')}</th><th scope="col">${te('versionsPublishedAt')}</th>
          <th scope="col">${te('versionsNote')}</th><th scope="col">${te('versionsOpenCases')}</th><th scope="col"></th></tr></thead>
        <tbody>${versions.map((v) => {
          const byWorkflow = Object.entries(v.openCasesByWorkflow ?? {}).filter(([, n]) => n > 0);
          return html`<tr data-seq=${v.seq}>
            <th scope="row" title=${v.version}>${te('versionName', { seq: v.seq })}${v.current ? html` <span class="current">${te('versionsCurrent')}</span>` : nothing}</th>
            <td data-label=${te('versionsPublishedBy')}>${v.firstStart ? te('versionsFirstStartBy') : this.names.person(v.publishedBy)}</td>
            <td data-label=${te('versionsPublishedAt')}>${formatInstant(v.publishedAt, this.locale, this.timeZone)}</td>
            <td data-label=${te('versionsNote')} part="note">${
              // the server's own first version: said in the reader's words, not its stored English note
              v.firstStart
                ? te('versionsFirstStartNote')
                : v.note?.trim()
                  ? v.note
                  : // published without a note: said so, quietly, rather than an empty line on a phone
                    html`<span class="muted">${te('versionsNoNote')}</span>`
            }</td>
            <td class="count" data-label=${te('versionsOpenCases')} part="open-cases">${v.openCases ?? '—'}</td>
            <td><ul>${byWorkflow.map(
              ([workflow, count]) => html`<li data-workflow=${workflow}>
              ${
                v.current
                  ? html`<span>${title(workflow)} ${count}</span>`
                  : html`<button type="button" part="migrate" data-workflow=${workflow}
                @click=${() => (this.migrating = { from: v, workflow })}>${te('versionsMigrate', { workflow: title(workflow), count })}</button>`
              }
            </li>`,
            )}</ul></td>
          </tr>`;
        })}</tbody>
      </table></div>`
      }
      ${
        this.migrating && versions
          ? html`<sf-case-migration part="migration" .client=${this.client} .locale=${this.locale} .timeZone=${this.timeZone}
        .workflow=${this.migrating.workflow} .workflowTitle=${title(this.migrating.workflow)} .from=${this.migrating.from} .versions=${versions}
        @sf-migrated=${() => void this.load()} @sf-close=${() => (this.migrating = undefined)}></sf-case-migration>`
          : nothing
      }
    `;
  }
}

if (!customElements.get('sf-definition-versions'))
  customElements.define('sf-definition-versions', SfDefinitionVersions);

declare global {
  interface HTMLElementTagNameMap {
    'sf-definition-versions': SfDefinitionVersions;
  }
}
