import { css, html, nothing, type PropertyValues } from 'lit';
import type { FieldError } from '../../engine/forms/form-model.ts';
import { localize } from '../../engine/localized.ts';
import type { ArchiveRecord, CaseSummary, RecordCases, RecordTypeSummary, RecordWithHistory } from '../api/types.ts';
import type { AppTranslate } from '../i18n/app-messages.ts';
import { ApiElement } from './api-element.ts';
import { caseRef, formatInstant, loginExpired, statePaths } from './case-format.ts';
import { errorAlert } from './error-alert.ts';
import type { FormInput } from './resolve-form.ts';
import { tableCards } from './phone-styles.ts';
import { sfBaseStyles } from './sf-base-styles.ts';
import { stateTitle, workflowInfo, type WorkflowInfo } from './workflow-info.ts';
import { casePageTranslator } from '../i18n/case-page-messages.ts';
import { fieldPairs, formatValue, isPresent } from '../values/format-value.ts';
import { fieldsOfForm } from '../values/form-fields.ts';
import type { ValueReader } from '../values/value-reader.ts';
import { valueStyles } from '../values/value-styles.ts';
import type { ViewFieldInfo } from '../values/view-field.ts';
import './sf-form.ts';

export type RecordType = RecordTypeSummary;

/**
 * Archives (customer and product records and the other record types): search a type, open a record
 * to see it through its form, its earlier versions and the cases linked to it; create one.
 *
 * Properties in: `client`, `locale`, `timeZone`, `type` (record type; default the first), `recordId`.
 * Events out: `sf-open-case` {id}, `sf-record-saved` {record}, `sf-login-expired` on 401.
 */
export class SfRecords extends ApiElement {
  static override styles = [
    sfBaseStyles,
    tableCards,
    valueStyles,
    css`
      tr[data-id] { cursor: pointer; }
      tr[data-id]:hover { background: var(--sf-row-hover, #f1f3f4); }
      /* Darker than the accent: links stay 4.5:1 on the hovered (or tapped) row's grey. */
      a { color: var(--sf-link-color, #174ea6); }
      section { margin-block: 1rem; }
      .versions { margin: 0; padding-inline-start: 1.25rem; font-size: 0.875em; }
    `,
  ];

  static override properties = {
    type: {},
    recordId: { attribute: 'record-id' },
    types: { state: true },
    items: { state: true },
    record: { state: true },
    cases: { state: true },
    form: { state: true },
    creating: { state: true },
    q: { state: true },
    error: { state: true },
    formErrors: { state: true },
    formLoaded: { state: true },
    infos: { state: true },
  };
  declare type: string | undefined;
  declare recordId: string | undefined;
  declare types: readonly RecordType[];
  declare items: readonly ArchiveRecord[];
  declare record: RecordWithHistory | undefined;
  declare cases: readonly CaseSummary[];
  declare form: FormInput | undefined;
  declare creating: boolean;
  declare q: string;
  declare error: unknown;
  declare formErrors: readonly FieldError[];
  /** Whether the record type's form was asked for and answered (or refused): until then no fallback is shown. */
  declare formLoaded: boolean;
  /** Titles of the linked cases' workflows and states, read once per workflow. */
  declare infos: ReadonlyMap<string, WorkflowInfo>;

  constructor() {
    super();
    this.types = [];
    this.items = [];
    this.cases = [];
    this.creating = false;
    this.q = '';
    this.formErrors = [];
    this.formLoaded = false;
    this.infos = new Map();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('client')) void this.loadTypes();
    if ((changed.has('client') || changed.has('type') || changed.has('q')) && this.type) void this.search();
    if ((changed.has('client') || changed.has('type')) && this.type) void this.loadForm();
    if ((changed.has('client') || changed.has('recordId') || changed.has('type')) && this.type)
      void this.open(this.recordId);
  }

  private async guard<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await work();
      this.error = undefined;
      return result;
    } catch (error) {
      this.error = error;
      loginExpired(this, error);
      return undefined;
    }
  }

  private async loadTypes() {
    const client = this.client;
    if (!client) return;
    const types = await this.guard(() => client.request<RecordType[]>('GET', '/api/records'));
    this.types = types ?? [];
    if (!this.type && this.types[0]) this.type = this.types[0].type;
  }

  private async loadForm() {
    const client = this.client;
    const form =
      this.types.find((t) => t.type === this.type)?.form ??
      (await this.loadTypes(), this.types.find((t) => t.type === this.type)?.form);
    this.form = undefined;
    this.formLoaded = false;
    if (client && form) this.form = (await this.guard(() => client.definition('Form', form))) ?? undefined;
    this.formLoaded = true;
  }

  /** The fields of the record type's form, with their titles (JSON Schema `title`, `x-sf-label`) and options. */
  private fields(): readonly ViewFieldInfo[] {
    return this.form ? fieldsOfForm(this.form as unknown as Record<string, unknown>) : [];
  }

  private get reader(): ValueReader {
    return {
      locale: this.locale,
      timeZone: this.timeZone,
      person: (u) => this.names.person(u),
      unit: (u) => this.names.unit(u),
      t: casePageTranslator(this.locale),
    };
  }

  /** Reads the titles of the linked cases' workflows (and their states), once each. */
  private readWorkflows(cases: readonly CaseSummary[]) {
    const client = this.client;
    const locale = this.locale;
    if (!client) return;
    for (const name of new Set(cases.map((c) => c.workflow))) {
      if (this.infos.has(name)) continue;
      void workflowInfo(client, name, locale).then((info) => {
        if (info && client === this.client && locale === this.locale) this.infos = new Map(this.infos).set(name, info);
      });
    }
  }

  async search(): Promise<void> {
    const client = this.client;
    const type = this.type;
    if (!client || !type) return;
    const page = await this.guard(() =>
      client.request<{ items: readonly ArchiveRecord[] }>('GET', `/api/records/${encodeURIComponent(type)}`, {
        query: { q: this.q, limit: 50 },
      }),
    );
    if (page && type === this.type) this.items = page.items;
  }

  private async open(id: string | undefined) {
    const client = this.client;
    const type = this.type;
    if (!id || !client || !type) {
      this.record = undefined;
      this.cases = [];
      return;
    }
    this.creating = false;
    this.formErrors = [];
    const path = `/api/records/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
    const [record, cases] = await Promise.all([
      this.guard(() => client.request<RecordWithHistory>('GET', path)),
      this.guard(() => client.request<RecordCases>('GET', `${path}/cases`)),
    ]);
    if (id !== this.recordId && this.recordId !== undefined) return;
    this.record = record;
    this.cases = cases?.items ?? [];
    this.readWorkflows(this.cases);
  }

  private choose(id: string) {
    this.recordId = id;
  }

  private async create(data: unknown) {
    const client = this.client;
    const type = this.type;
    if (!client || !type) return;
    try {
      const record = await client.request<ArchiveRecord>('POST', `/api/records/${encodeURIComponent(type)}`, {
        body: { data },
        idempotencyKey: crypto.randomUUID(),
      });
      this.creating = false;
      this.dispatchEvent(new CustomEvent('sf-record-saved', { detail: { record }, bubbles: true, composed: true }));
      this.recordId = record.id;
      void this.search();
    } catch (error) {
      const e = error as { status?: number; errors?: readonly FieldError[] };
      if (e.status === 422 && e.errors?.length) this.formErrors = e.errors;
      this.error = error;
      loginExpired(this, error);
    }
  }

  override render() {
    const t = this.t;
    return html`
      <form class="toolbar" part="toolbar" @submit=${(e: Event) => {
        e.preventDefault();
        const form = new FormData(e.target as HTMLFormElement);
        this.q = String(form.get('q') ?? '').trim();
      }}>
        <label>${t('recordsType')}
          <select name="type" @change=${(e: Event) => {
            this.recordId = undefined;
            this.type = (e.target as HTMLSelectElement).value;
          }}>
            ${this.types.map((rt) => html`<option value=${rt.type} ?selected=${rt.type === this.type}>${rt.title !== undefined ? localize(rt.title, this.locale) : rt.type}</option>`)}
          </select>
        </label>
        <label>${t('filterSearch')}<input name="q" type="search" .value=${this.q} /></label>
        <button type="submit" class="primary">${t('ledgerApply')}</button>
        <button type="button" part="new-record" ?disabled=${!this.form} @click=${() => {
          this.creating = true;
          this.recordId = undefined;
          this.record = undefined;
        }}>${t('recordsNew')}</button>
      </form>
      ${errorAlert(this.error, t)}
      ${
        this.creating && this.form
          ? html`<section part="new"><h3>${t('recordsNew')}</h3>
            <sf-form .form=${this.form} .locale=${this.locale} .people=${this.names.current} .errors=${this.formErrors} draft-key=${`record-new/${this.type}`}
              @sf-submit=${(e: CustomEvent<{ data: unknown }>) => void this.create(e.detail.data)}>
              <button type="button" slot="actions" @click=${() => (this.creating = false)}>${t('cancel')}</button></sf-form></section>`
          : nothing
      }
      ${this.record ? this.renderRecord(this.record, t) : nothing}
      <table part="table" class="cards">
        <thead><tr><th scope="col">${t('recordsId')}</th><th scope="col">${t('recordsSummary')}</th><th scope="col">${t('colUnit')}</th><th scope="col">${t('colUpdated')}</th></tr></thead>
        <tbody>${
          this.items.length === 0
            ? html`<tr><td colspan="4" class="muted" part="empty">${t('recordsEmpty')}</td></tr>`
            : this.items.map(
                (
                  r,
                ) => html`<tr data-id=${r.id} part="row" aria-selected=${r.id === this.recordId ? 'true' : 'false'} @click=${() => this.choose(r.id)}>
              <td><a href=${`#/records/${encodeURIComponent(r.type)}/${encodeURIComponent(r.id)}`} @click=${(
                e: Event,
              ) => {
                e.preventDefault();
                e.stopPropagation();
                this.choose(r.id);
              }}>${this.recordName(r)}</a></td>
              <td data-label=${t('recordsSummary')}>${summaryOf(r.data, this.fields(), this.reader)}</td><td data-label=${t('colUnit')}>${this.names.unit(r.unit)}</td><td data-label=${t('colUpdated')}>${formatInstant(r.updatedAt, this.locale, this.timeZone)}</td></tr>`,
              )
        }</tbody>
      </table>
    `;
  }

  /** What names a record to people: its title field's value (a customer's name), its id only without one. */
  private recordName(record: Pick<ArchiveRecord, 'type' | 'id' | 'data'>): string {
    const field = this.types.find((rt) => rt.type === record.type)?.titleField;
    const value = field === undefined ? undefined : (record.data as Record<string, unknown>)[field];
    if (typeof value !== 'string' || value === '') return record.id;
    // A title field that names a person (a duty roster's staff) is shown as the person's name.
    return this.names.current?.people.some((p) => p.username === value) ? this.names.person(value) : value;
  }

  /** A linked case's workflow and state by their titles (their names only until the titles are read). */
  private caseLine(c: CaseSummary): string {
    const info = this.infos.get(c.workflow);
    const workflow = info?.title !== undefined ? localize(info.title, this.locale) : c.workflow;
    const states = statePaths(c.state).map((p) => localize(stateTitle(info, p), this.locale));
    return [workflow, states.join(', ')].filter(Boolean).join(' · ');
  }

  private renderRecord(record: RecordWithHistory, t: AppTranslate) {
    return html`<section part="record" data-id=${record.id}>
      <h3>${this.recordName(record)} <span class="muted">· ${t('caseVersion')} ${record.version}</span></h3>
      ${
        this.form
          ? html`<sf-form .form=${this.form} .value=${record.data} .locale=${this.locale} .people=${this.names.current} disabled exportparts="form"></sf-form>`
          : this.formLoaded
            ? // No form to show it through: its values formatted as on a case page, under the fields' words.
              html`<div part="record-data">${fieldPairs(this.fields(), record.data, this.reader)}</div>`
            : html`<p class="muted" role="status">${t('loading')}</p>`
      }
      <h3>${t('recordsCases')}</h3>
      ${
        this.cases.length === 0
          ? html`<p class="muted">${t('noCases')}</p>`
          : html`<ul part="cases">${this.cases.map(
              (c) => html`<li><a href=${`#/cases/${encodeURIComponent(caseRef(c))}`} data-case=${c.id}
            @click=${(e: Event) => {
              e.preventDefault();
              this.dispatchEvent(
                new CustomEvent('sf-open-case', { detail: { id: caseRef(c) }, bubbles: true, composed: true }),
              );
            }}>${caseRef(c)}</a>
            <span class="muted">${this.caseLine(c)} · ${formatInstant(c.updatedAt, this.locale, this.timeZone)}</span></li>`,
            )}</ul>`
      }
      ${
        record.history.length
          ? html`<details part="versions"><summary>${t('recordsVersions')}</summary><ol class="versions">${record.history.map(
              (h) =>
                html`<li>${t('caseVersion')} ${h.version} · ${formatInstant(h.at, this.locale, this.timeZone)}${h.by ? ` · ${this.names.person(h.by)}` : ''}</li>`,
            )}</ol></details>`
          : nothing
      }
    </section>`;
  }
}

/**
 * The first few values of a record, for the list: in the form's order, formatted as its fields say
 * (an option by its title, a date in the reader's words) where that is plain text.
 */
function summaryOf(
  data: Readonly<Record<string, unknown>>,
  fields: readonly ViewFieldInfo[],
  reader: ValueReader,
): string {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const keys = [
    ...fields.map((f) => f.name).filter((k) => k in data),
    ...Object.keys(data).filter((k) => !byName.has(k)),
  ];
  return keys
    .map((k) => [byName.get(k), data[k]] as const)
    .filter(([, v]) => (typeof v === 'string' || typeof v === 'number') && isPresent(v))
    .slice(0, 3)
    .map(([field, v]) => {
      const shown = field ? formatValue(field, v, reader) : undefined;
      return typeof shown === 'string' ? shown : String(v);
    })
    .join(' · ');
}

if (!customElements.get('sf-records')) customElements.define('sf-records', SfRecords);

declare global {
  interface HTMLElementTagNameMap {
    'sf-records': SfRecords;
  }
}
