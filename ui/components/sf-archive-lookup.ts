import { css, html, nothing, type PropertyValues } from 'lit';
import { localize, type Localized } from '../../engine/localized.ts';
import type { ArchiveRecord, CaseSummary, RecordCases, RecordLookup } from '../api/types.ts';
import { casePageTranslator } from '../i18n/case-page-messages.ts';
import { ApiElement } from './api-element.ts';
import { summaryParts } from './case-summary.ts';
import { statePaths } from './case-format.ts';
import { sfBaseStyles } from './sf-base-styles.ts';
import { stateTitle, workflowInfo, type WorkflowInfo } from './workflow-info.ts';

/** An archive a registration can be filled from, as the workflow view serves it (`records`). */
type RecordLookupInfo = RecordLookup;

type FoundRecord = ArchiveRecord;

interface Found {
  readonly lookup: RecordLookupInfo;
  readonly records: readonly FoundRecord[];
}

interface EarlierCase {
  readonly item: CaseSummary;
  readonly info: WorkflowInfo | undefined;
}

/** How long typing must pause before the archive is searched, and how short a value searches nothing. */
const DEBOUNCE_MS = 300;
const MIN_LENGTH = 2;
const SHOWN = 5;

/**
 * Looks the customer (or any archive the workflow links, INFO-2) up while a registration is typed:
 * when a field the archive is searched by changes (the phone, the name), the matching records are
 * offered, each with the customer's earlier cases (and so their products) at hand; choosing one
 * fills the fields still empty, and completes the one typed to search with (the last digits of a
 * phone are a search, not the customer's number). Properties in: `client`, `locale`, `lookups` (the workflow view's
 * `records`), `data` (the form's data as typed). Events out: `sf-archive-fill` {data, fields}.
 */
export class SfArchiveLookup extends ApiElement {
  static override styles = [
    sfBaseStyles,
    css`
      :host { display: block; }
      section { border: var(--_line); border-radius: var(--_radius); padding: 0.5rem 0.75rem; margin-block: 0.5rem; background: var(--sf-lookup-background, #f8f9fa); }
      h3 { margin: 0 0 0.25rem; font-size: 0.9375rem; }
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
      .record { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; align-items: center; overflow-wrap: anywhere; }
      .record button { min-height: 2.75rem; }
      .cases { margin: 0.25rem 0 0; padding-inline-start: 1.25rem; font-size: 0.875em; list-style: disc; display: block; }
      .cases li { margin-block: 0.125rem; }
    `,
  ];

  static override properties = {
    lookups: { attribute: false },
    data: { attribute: false },
    labels: { attribute: false },
    found: { state: true },
    earlier: { state: true },
    filled: { state: true },
  };
  declare lookups: readonly RecordLookupInfo[] | undefined;
  declare data: Readonly<Record<string, unknown>> | undefined;
  /** Labels of the form's fields by name, for saying what was filled. */
  declare labels: Readonly<Record<string, Localized>> | undefined;
  declare found: Found | undefined;
  declare earlier: ReadonlyMap<string, readonly EarlierCase[]>;
  declare filled: string | undefined;

  /** Settles when the search the latest typing asked for has been answered (or given up). */
  searchDone: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private searched = '';
  /** The field typed into to search, and what it held: choosing a record completes it. */
  private typedSearch: { readonly field: string; readonly q: string } | undefined;
  private dismissed = new Set<string>();

  constructor() {
    super();
    this.earlier = new Map();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!changed.has('data')) return;
    const before = (changed.get('data') as Record<string, unknown> | undefined) ?? {};
    for (const lookup of this.lookups ?? []) {
      const field = lookup.searchBy.find((f) => this.data?.[f] !== before[f]);
      if (field === undefined) continue;
      const q = String(this.data?.[field] ?? '').trim();
      this.typedSearch = { field, q };
      clearTimeout(this.timer);
      if (q.length < MIN_LENGTH) return;
      this.searchDone = new Promise((resolve) => {
        this.timer = setTimeout(() => void this.search(lookup, q).finally(resolve), DEBOUNCE_MS);
      });
      return;
    }
  }

  private async search(lookup: RecordLookupInfo, q: string) {
    const client = this.client;
    if (!client) return;
    const key = `${lookup.type}\u0000${q}`;
    this.searched = key;
    let records: FoundRecord[];
    try {
      const answer = await client.request<{ items: readonly FoundRecord[] }>(
        'GET',
        `/api/records/${encodeURIComponent(lookup.type)}?q=${encodeURIComponent(q)}&limit=${SHOWN}`,
      );
      records = answer.items.filter((r) => !this.dismissed.has(r.id));
    } catch {
      // Looking up is a help: without the archive (offline, a customer) the form works as before.
      return;
    }
    if (this.searched !== key) return;
    this.found = records.length ? { lookup, records } : undefined;
    for (const r of records.slice(0, 1)) void this.readCases(lookup, r);
  }

  private async readCases(lookup: RecordLookupInfo, record: FoundRecord) {
    const client = this.client;
    if (!client || this.earlier.has(record.id)) return;
    try {
      const answer = await client.request<RecordCases>(
        'GET',
        `/api/records/${encodeURIComponent(lookup.type)}/${encodeURIComponent(record.id)}/cases`,
      );
      const items = answer.items.slice(-SHOWN).reverse();
      const infos = await Promise.all(items.map((c) => workflowInfo(client, c.workflow, this.locale)));
      this.earlier = new Map([...this.earlier, [record.id, items.map((item, i) => ({ item, info: infos[i] }))]]);
    } catch {
      /* the record is offered without its cases */
    }
  }

  private fill(lookup: RecordLookupInfo, record: FoundRecord) {
    const data: Record<string, unknown> = {};
    for (const [recordField, dataField] of Object.entries(lookup.fields)) {
      const value = record.data[recordField];
      const current = this.data?.[dataField];
      if (value === undefined || value === null || value === '') continue;
      const typedToSearch =
        this.typedSearch?.field === dataField &&
        String(current ?? '').trim() === this.typedSearch.q &&
        value !== current;
      if (current !== undefined && current !== null && current !== '' && !typedToSearch) continue;
      data[dataField] = value;
    }
    this.dismissed.add(record.id);
    this.found = undefined;
    const fields = Object.keys(data);
    this.filled = fields.length
      ? new Intl.ListFormat(this.locale, { type: 'conjunction' }).format(
          fields.map((f) => localize(this.labels?.[f] ?? f, this.locale)),
        )
      : undefined;
    this.dispatchEvent(
      new CustomEvent('sf-archive-fill', {
        detail: { data, fields, record: record.id, type: lookup.type },
        bubbles: true,
        composed: true,
      }),
    );
  }

  override render() {
    const t = casePageTranslator(this.locale);
    const found = this.found;
    if (!found)
      return this.filled
        ? html`<p class="notice" role="status" part="archive-filled">${t('lookupFilled', { fields: this.filled })}</p>`
        : nothing;
    const { lookup } = found;
    return html`<section part="archive-lookup" aria-labelledby="sf-lookup-title" role="region">
      <h3 id="sf-lookup-title">${lookup.title}</h3>
      <ul>${found.records.map((r) => this.renderRecord(lookup, r, t))}</ul>
    </section>`;
  }

  private renderRecord(lookup: RecordLookupInfo, r: FoundRecord, t: ReturnType<typeof casePageTranslator>) {
    const title = lookup.titleField ? String(r.data[lookup.titleField] ?? '') : '';
    const details = Object.keys(lookup.fields)
      .filter((f) => f !== lookup.titleField && typeof r.data[f] === 'string' && r.data[f] !== '')
      .map((f) => r.data[f] as string);
    const cases = this.earlier.get(r.id);
    return html`<li part="archive-record" data-record=${r.id}>
      <div class="record"><strong>${title || r.id}</strong>${details.map((d) => html`<span>${d}</span>`)}
        <button type="button" class="primary" part="archive-fill" @click=${() => this.fill(lookup, r)}>${t('lookupFill')}</button>
        <button type="button" part="archive-dismiss" @click=${() => {
          this.dismissed.add(r.id);
          this.found = { lookup, records: (this.found?.records ?? []).filter((x) => x.id !== r.id) };
          if (!this.found.records.length) this.found = undefined;
        }}>${t('lookupDismiss')}</button></div>
      ${
        cases === undefined
          ? nothing
          : html`<p class="muted" style="margin:0.25rem 0 0">${t('lookupCases')}</p>${
              cases.length === 0
                ? html`<p class="muted">${t('lookupNoCases')}</p>`
                : html`<ul class="cases" part="archive-cases">${cases.map(({ item, info }) => {
                    const parts = summaryParts(info, item.data as Record<string, unknown> | undefined, this.locale).map(
                      (p) => p.text,
                    );
                    const wf = info?.title !== undefined ? localize(info.title, this.locale) : item.workflow;
                    return html`<li><a href=${`#/cases/${encodeURIComponent(item.id)}`}>${[wf, ...parts].join(' · ')}</a> <span class="muted">${statePaths(
                      item.state,
                    )
                      .map((p) => localize(stateTitle(info, p), this.locale))
                      .join(', ')}</span></li>`;
                  })}</ul>`
            }`
      }
    </li>`;
  }
}

if (!customElements.get('sf-archive-lookup')) customElements.define('sf-archive-lookup', SfArchiveLookup);

declare global {
  interface HTMLElementTagNameMap {
    'sf-archive-lookup': SfArchiveLookup;
  }
}
