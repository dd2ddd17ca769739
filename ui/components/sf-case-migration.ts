import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { FieldError } from '../../engine/forms/form-model.ts';
import type { Locale } from '../../engine/localized.ts';
import type { ApiClient } from '../api/client.ts';
import type { Migration, VersionSummary, WorkflowState } from '../api/types.ts';
import { appTranslator } from '../i18n/app-messages.ts';
import { editorTranslator } from '../i18n/editor-messages.ts';
import { loginExpired } from './case-format.ts';
import { DirectoryNames } from './directory-names.ts';
import { errorAlert } from './error-alert.ts';
import { migrationPlanView } from './migration-plan-view.ts';
import { touchTargets } from './phone-styles.ts';
import { sfBaseStyles } from './sf-base-styles.ts';

/** A published version as GET /api/definitions/versions lists it (with its open cases). */
export type VersionRow = VersionSummary;

/** A JSON pointer token (the server names a mapping's errors `/stateMapping/STATE`). */
const token = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Moving a workflow's open cases from one published version to another (POST /api/cases/migrate,
 * docs/migration.md): the filter (unit, state, created range), the state mapping for the states the
 * target lacks, or recomputing the deadlines only; the reason; a dry run that lists every case's
 * change, and only then — with the same conditions — the migration itself. Refusals (422) are put
 * at the field they name; an interrupted batch is offered to be finished.
 *
 * Properties in: `client`, `locale`, `timeZone`, `workflow`, `workflowTitle`, `from` (VersionRow), `versions`
 * (VersionRow[]).
 * Events out: `sf-migrated` {answer} after an applied run; `sf-close`.
 */
export class SfCaseMigration extends LitElement {
  static override styles = [
    sfBaseStyles,
    touchTargets,
    css`
      form { display: grid; gap: 0.75rem; }
      .row { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: end; }
      label { display: grid; gap: 0.25rem; }
      label.check { display: flex; gap: 0.5rem; align-items: center; }
      textarea { font: inherit; min-height: 3rem; width: 100%; box-sizing: border-box; border: var(--_border); border-radius: var(--_radius); padding: 0.375rem 0.5rem; }
      fieldset { border: var(--_line); border-radius: var(--_radius); }
      .field-error { color: var(--_error); font-size: 0.875em; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; font-size: 0.875em; }
      th, td { border-bottom: var(--_line); padding: 0.25rem 0.5rem; text-align: start; vertical-align: top; }
      .error { color: var(--_error); }
    `,
  ];

  static override properties = {
    client: { attribute: false },
    locale: { reflect: true },
    timeZone: { attribute: 'time-zone' },
    workflow: {},
    workflowTitle: { attribute: false },
    from: { attribute: false },
    versions: { attribute: false },
    to: { state: true },
    unit: { state: true },
    state: { state: true },
    createdFrom: { state: true },
    createdTo: { state: true },
    clocksOnly: { state: true },
    mapping: { state: true },
    reason: { state: true },
    statesFrom: { state: true },
    statesTo: { state: true },
    plan: { state: true },
    plannedFor: { state: true },
    done: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  declare client: ApiClient | undefined;
  declare locale: Locale;
  declare timeZone: string | undefined;
  declare workflow: string;
  declare workflowTitle: string;
  declare from: VersionRow;
  declare versions: readonly VersionRow[];
  declare to: number | undefined;
  declare unit: string;
  declare state: string;
  declare createdFrom: string;
  declare createdTo: string;
  declare clocksOnly: boolean;
  declare mapping: Readonly<Record<string, string>>;
  declare reason: string;
  declare statesFrom: readonly WorkflowState[];
  declare statesTo: readonly WorkflowState[];
  /** The last dry run, and the request it was for (the migration sends exactly that one). */
  declare plan: Migration | undefined;
  declare plannedFor: string | undefined;
  declare done: Migration | undefined;
  declare error: unknown;
  declare busy: boolean;

  private readonly names = new DirectoryNames(this);

  constructor() {
    super();
    this.locale = 'zh-CN';
    this.workflow = '';
    this.workflowTitle = '';
    this.versions = [];
    this.unit = '';
    this.state = '';
    this.createdFrom = '';
    this.createdTo = '';
    this.clocksOnly = false;
    this.mapping = {};
    this.reason = '';
    this.statesFrom = [];
    this.statesTo = [];
    this.busy = false;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('versions') && this.to === undefined) this.to = this.versions.find((v) => v.current)?.seq;
    if (changed.has('from') || changed.has('workflow')) void this.loadStates('statesFrom', this.from?.version);
    if (changed.has('to') || changed.has('versions'))
      void this.loadStates('statesTo', this.versions.find((v) => v.seq === this.to)?.version);
  }

  /**
   * The leaf states of the workflow in one version (GET /api/definitions/Workflow/NAME?version=…), with their titles.
   */
  private async loadStates(which: 'statesFrom' | 'statesTo', version: string | undefined) {
    const client = this.client;
    if (!client || !this.workflow || !version) return;
    try {
      const view = await client.definition('Workflow', this.workflow, { query: { version } });
      this[which] = view.states.filter((s) => s.type !== 'compound');
    } catch (error) {
      this.error = error;
      loginExpired(this, error);
    }
  }

  /** The request as the form says now; the mapping only where a state moves. */
  private request(dryRun: boolean): Record<string, unknown> {
    const filter = Object.fromEntries(
      Object.entries({
        unit: this.unit,
        state: this.state,
        createdFrom: this.createdFrom,
        createdTo: this.createdTo,
      }).filter(([, v]) => v),
    );
    const stateMapping = Object.fromEntries(Object.entries(this.mapping).filter(([k, v]) => v && v !== k));
    return {
      workflow: this.workflow,
      fromVersion: this.from.seq,
      ...(this.to !== undefined ? { toVersion: this.to } : {}),
      filter,
      ...(this.clocksOnly ? { clocksOnly: true } : { stateMapping }),
      reason: this.reason.trim(),
      dryRun,
    };
  }

  private get planned(): boolean {
    return this.plan !== undefined && this.plannedFor === JSON.stringify(this.request(false));
  }

  async dryRun(): Promise<void> {
    await this.send(true);
  }

  async apply(): Promise<void> {
    if (!this.planned) return;
    await this.send(false);
  }

  async resume(): Promise<void> {
    await this.send(false, { resume: true });
  }

  private async send(dryRun: boolean, body: Record<string, unknown> = this.request(dryRun)) {
    const client = this.client;
    if (!client || this.busy) return;
    this.busy = true;
    this.error = undefined;
    try {
      const answer = await client.request<Migration>('POST', '/api/cases/migrate', {
        body,
        ...(dryRun ? {} : { idempotencyKey: crypto.randomUUID() }),
      });
      if (dryRun) {
        this.plan = answer;
        this.plannedFor = JSON.stringify(this.request(false));
        this.done = undefined;
      } else {
        this.done = answer;
        this.plan = undefined;
        this.dispatchEvent(new CustomEvent('sf-migrated', { detail: { answer }, bubbles: true, composed: true }));
      }
    } catch (error) {
      this.error = error;
      loginExpired(this, error);
    } finally {
      this.busy = false;
    }
  }

  /** The messages of a 422 whose path is at or under `pointer`. */
  private errorsAt(pointer: string): string {
    const errors = ((this.error as { status?: number; errors?: readonly FieldError[] } | undefined)?.errors ??
      []) as readonly FieldError[];
    return errors
      .filter((e) => e.path === pointer || e.path.startsWith(`${pointer}/`))
      .map((e) => e.message)
      .join(' ');
  }

  override render() {
    const te = editorTranslator(this.locale);
    const t = appTranslator(this.locale);
    const names = this.names;
    const toStates = new Set(this.statesTo.map((s) => s.path));
    const open = this.statesFrom.filter((s) => s.type !== 'final');
    const unfinished = (this.error as { status?: number; code?: string } | undefined)?.code === 'MIGRATION_UNFINISHED';
    const fieldError = (pointer: string) => {
      const text = this.errorsAt(pointer);
      return text ? html`<span class="field-error" role="alert">${text}</span>` : nothing;
    };
    const planned = this.planned;
    const willMove = this.plan?.counts.migrate ?? 0;
    return html`
      <h3>${te('migrateTitle', { workflow: this.workflowTitle, from: this.from?.seq ?? '' })}</h3>
      <p class="muted">${te('migrateIntro')}</p>
      <form part="migration-form" @submit=${(e: Event) => (e.preventDefault(), void this.dryRun())} @input=${() => this.requestUpdate()}>
        <div class="row">
          <label>${te('migrateTo')}<select name="to" @change=${(e: Event) => (this.to = Number((e.target as HTMLSelectElement).value))}>
            ${this.versions.filter((v) => v.seq !== this.from?.seq).map((v) => html`<option value=${v.seq} ?selected=${v.seq === this.to}>${te('versionName', { seq: v.seq })}${v.current ? ` (${te('versionsCurrent')})` : ''}</option>`)}
          </select>${fieldError('/toVersion')}</label>
          <label>${te('migrateUnit')}<select name="unit" @change=${(e: Event) => (this.unit = (e.target as HTMLSelectElement).value)}>
            <option value="">${te('migrateAllUnits')}</option>
            ${names.units().map((u) => html`<option value=${u.name} ?selected=${u.name === this.unit}>${u.title}</option>`)}
          </select>${fieldError('/filter/unit')}</label>
          <label>${te('migrateState')}<select name="state" @change=${(e: Event) => (this.state = (e.target as HTMLSelectElement).value)}>
            <option value="">${te('migrateAllStates')}</option>
            ${open.map((s) => html`<option value=${s.path} ?selected=${s.path === this.state}>${s.title}</option>`)}
          </select>${fieldError('/filter/state')}</label>
          <label>${te('migrateCreatedFrom')}<input type="date" name="createdFrom" .value=${this.createdFrom} @input=${(e: Event) => (this.createdFrom = (e.target as HTMLInputElement).value)}>${fieldError('/filter/createdFrom')}</label>
          <label>${te('migrateCreatedTo')}<input type="date" name="createdTo" .value=${this.createdTo} @input=${(e: Event) => (this.createdTo = (e.target as HTMLInputElement).value)}>${fieldError('/filter/createdTo')}</label>
        </div>
        <label class="check"><input type="checkbox" name="clocksOnly" .checked=${this.clocksOnly} @change=${(e: Event) => (this.clocksOnly = (e.target as HTMLInputElement).checked)}>${te('migrateClocksOnly')}</label>
        ${
          this.clocksOnly
            ? fieldError('/stateMapping')
            : html`<fieldset part="migration-mapping"><legend>${te('migrateMapping')}</legend>
          <p class="muted">${te('migrateMappingHint')}</p>
          <div class="row">${open.map((s) => {
            const gone = !toStates.has(s.path);
            const chosen = this.mapping[s.path] ?? (gone ? '' : s.path);
            return html`<label>${s.title}${gone ? te('migrateGone') : ''}
              <select name=${`map-${s.path}`} data-state=${s.path} @change=${(e: Event) => (this.mapping = { ...this.mapping, [s.path]: (e.target as HTMLSelectElement).value })}>
                ${gone ? html`<option value="" ?selected=${chosen === ''}>${te('migrateChoose')}</option>` : html`<option value=${s.path} ?selected=${chosen === s.path}>${te('migrateKeep')}</option>`}
                ${this.statesTo.filter((x) => x.type !== 'final' && x.path !== s.path).map((x) => html`<option value=${x.path} ?selected=${chosen === x.path}>${x.title}</option>`)}
              </select>${fieldError(`/stateMapping/${token(s.path)}`)}</label>`;
          })}</div>${fieldError('/stateMapping')}</fieldset>`
        }
        <label>${te('migrateReason')}<textarea name="reason" required .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}></textarea>${fieldError('/reason')}</label>
        <div class="actions">
          <button type="submit" part="migration-dry-run" ?disabled=${this.busy || !this.client}>${te('migrateDryRun')}</button>
          <button type="button" class="primary" part="migration-apply" ?disabled=${this.busy || !planned || willMove === 0} @click=${() => void this.apply()}>${te('migrateApply', { count: willMove })}</button>
          <button type="button" part="migration-close" @click=${() => this.dispatchEvent(new CustomEvent('sf-close', { bubbles: true, composed: true }))}>${te('migrateClose')}</button>
          ${this.plan && !planned ? html`<span class="muted" role="status">${te('migrateChanged')}</span>` : !this.plan && !this.done ? html`<span class="muted">${te('migrateDryRunFirst')}</span>` : nothing}
        </div>
      </form>
      ${unfinished ? html`<p class="error" role="alert">${te('migrateUnfinished')} <button type="button" part="migration-resume" @click=${() => void this.resume()}>${te('migrateResume')}</button></p>` : errorAlert(this.error, t)}
      ${this.plan ? html`<section part="migration-plan">${migrationPlanView(this.plan, te, this.locale, this.timeZone, names)}</section>` : nothing}
      ${this.done ? html`<section part="migration-result">${migrationPlanView(this.done, te, this.locale, this.timeZone, names)}</section>` : nothing}
    `;
  }
}

if (!customElements.get('sf-case-migration')) customElements.define('sf-case-migration', SfCaseMigration);

declare global {
  interface HTMLElementTagNameMap {
    'sf-case-migration': SfCaseMigration;
  }
}
