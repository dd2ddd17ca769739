import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { FieldError, LayoutField } from '../../engine/forms/form-model.ts';
import { localize, type Locale } from '../../engine/localized.ts';
import type { Directory } from '../api/types.ts';
import { getAt, isWithin, removeAt, setAt } from '../data/json-pointer.ts';
import { soleChoice } from '../fields/field-choices.ts';
import { fieldTypes } from '../fields/index.ts';
import { translator, type Translate } from '../i18n/translate.ts';
import { drafts as defaultDrafts, type Drafts } from '../offline/drafts.ts';
import { fieldId } from './field-id.ts';
import { messagesByField, placeErrors, type PlacedError } from './field-errors.ts';
import type { FormEvaluation, FormRuntime } from './form-runtime.ts';
import { resolveForm, type FormInput } from './resolve-form.ts';
import { sfFormStyles } from './sf-form-styles.ts';
import { bindRow, resolvePointer, visibleFields, type RowBinding } from './walk-layout.ts';

const DRAFT_DELAY_MS = 400;
const EMPTY: ReadonlySet<string> = new Set();

/**
 * Renders any compiled form generically and validates it with the engine's own validator.
 *
 * Properties in: `form` (FormInput), `value` (initial data; setting it replaces what is shown),
 * `locale` ('zh-CN' | 'en'), `context` (facts for conditions and expressions), `draftKey` (keeps a
 * draft in IndexedDB while typing), `disabled`, `errors` (FieldError[] from the server, shown at
 * their fields; what was typed is kept), `people` (the directory: user fields offer its people by
 * name; without it a username is typed) and `caseUnit` (the unit of the case the form is for:
 * user fields with `within: case` offer only its people; not part of `context`, which holds the
 * facts conditions read on the server too).
 * A required field with exactly one valid choice (an enum of one option, the one person or unit a
 * user or unit field may name for this case) comes chosen, shown as chosen (field-choices.ts).
 * Events out: `sf-change` {data} on every edit, `sf-submit` {data} after a valid submit,
 * `sf-draft-restored` {data, savedAt} when a saved draft replaced `value`.
 */
export class SfForm extends LitElement {
  static override styles = sfFormStyles;
  static override properties = {
    form: { attribute: false },
    value: { attribute: false },
    locale: { reflect: true },
    context: { attribute: false },
    draftKey: { attribute: 'draft-key' },
    disabled: { type: Boolean, reflect: true },
    errors: { attribute: false },
    people: { attribute: false },
    caseUnit: { attribute: 'case-unit' },
    data: { state: true },
  };
  declare form: FormInput | undefined;
  declare value: unknown;
  declare locale: Locale;
  declare context: unknown;
  declare draftKey: string | undefined;
  declare disabled: boolean;
  declare errors: readonly FieldError[] | undefined;
  declare people: Directory | undefined;
  declare caseUnit: string | undefined;
  /** The data as currently shown: typed values, computed values filled in, hidden values dropped. */
  declare data: unknown;

  /** Where drafts go; replaceable for tests and hosts with their own storage. */
  drafts: Drafts = defaultDrafts;

  private runtime: FormRuntime | undefined;
  private problem: string | undefined;
  private evaluation: FormEvaluation = { data: {}, hidden: EMPTY, required: EMPTY };
  private clientErrors: readonly FieldError[] = [];
  private serverErrors: readonly FieldError[] = [];
  /** After a failed submit the form re-validates on every edit, so fixed fields lose their message. */
  private attempted = false;
  private edited = false;
  private restoredDraftAt: string | undefined;
  /** Fields the user set or cleared: a sole choice is not chosen again for them. */
  private touched = new Set<string>();
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  private focusSummary = false;

  constructor() {
    super();
    this.locale = 'zh-CN';
    this.disabled = false;
    this.data = {};
    // A picture's thumbnail is made after the file was chosen (ui/fields/attachment.ts): show it.
    this.addEventListener('sf-thumbnail', () => this.requestUpdate());
  }

  private get t(): Translate {
    return translator(this.locale);
  }

  /** Validates and, when valid, dispatches `sf-submit`. Returns whether the data was valid. */
  submit(): boolean {
    if (!this.runtime || this.disabled) return false;
    const result = this.runtime.validate(this.data, { locale: this.locale, context: this.context });
    this.serverErrors = [];
    if (!result.ok) {
      this.clientErrors = result.errors;
      this.attempted = true;
      this.focusSummary = true;
      this.requestUpdate();
      return false;
    }
    this.clientErrors = [];
    this.attempted = false;
    this.cancelDraftSave();
    if (this.draftKey) void this.drafts.clear(this.draftKey);
    this.restoredDraftAt = undefined;
    this.requestUpdate();
    this.dispatchEvent(new CustomEvent('sf-submit', { detail: { data: result.data }, bubbles: true, composed: true }));
    return true;
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('pagehide', this.flushDraft);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.flushDraft);
    this.flushDraft();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('form')) {
      try {
        this.runtime = this.form ? resolveForm(this.form) : undefined;
        this.problem = undefined;
      } catch (error) {
        this.runtime = undefined;
        this.problem = (error as Error).message;
      }
    }
    if (changed.has('value')) {
      this.data = this.value ?? {};
      this.edited = false;
      this.touched = new Set();
    }
    if (changed.has('errors')) {
      this.serverErrors = this.errors ?? [];
      if (this.serverErrors.length) this.focusSummary = true;
    }
    // The directory and the case's unit decide which people and units a field offers (a sole one is chosen).
    const inputs = ['form', 'value', 'context', 'people', 'caseUnit', 'disabled'] as const;
    if (inputs.some((k) => changed.has(k))) this.reevaluate();
    if (changed.has('locale') && this.attempted) this.revalidate();
    if (changed.has('draftKey') && this.draftKey) void this.restoreDraft(this.draftKey);
  }

  protected override updated() {
    if (this.focusSummary) {
      this.focusSummary = false;
      this.renderRoot.querySelector<HTMLElement>('.summary')?.focus();
    }
  }

  private reevaluate() {
    if (!this.runtime) return;
    const evaluate = (input: unknown): FormEvaluation => {
      const evaluation = this.runtime!.evaluate(input, this.context);
      let data = evaluation.data;
      // Hidden values are dropped as they disappear, so what is sent never carries answers the user
      // can no longer see.
      for (const pointer of evaluation.hidden) data = removeAt(data, pointer);
      return { ...evaluation, data };
    };
    let evaluation = evaluate(this.data);
    const chosen = this.chooseSoleChoices(evaluation);
    // A value chosen may show or require other fields: evaluated once more with it.
    if (chosen !== evaluation.data) evaluation = evaluate(chosen);
    this.evaluation = evaluation;
    this.data = evaluation.data;
  }

  /**
   * The data with each shown, required, still empty field that has exactly one valid choice set to
   * it (an enum of one option, the only person or unit a user or unit field may name here): nothing
   * to decide, so it is shown chosen. Never in a disabled form (a printed event shows what was sent),
   * never a field the user cleared or set.
   */
  private chooseSoleChoices(evaluation: FormEvaluation): unknown {
    if (this.disabled || !this.runtime) return evaluation.data;
    let data = evaluation.data;
    const shown = visibleFields(
      this.runtime.layout.sections.flatMap((s) => s.fields),
      data,
      evaluation.hidden,
      this.locale,
      () => '',
    );
    const source = { people: this.people, caseUnit: this.caseUnit, locale: this.locale };
    for (const { field, pointer } of shown) {
      if (!(field.required || evaluation.required.has(pointer))) continue;
      if (field.readOnly || field.compute !== undefined || this.touched.has(pointer)) continue;
      if (getAt(data, pointer) !== undefined) continue;
      const only = soleChoice(field, source);
      if (only !== undefined) data = setAt(data, pointer, only);
    }
    return data;
  }

  private revalidate() {
    if (!this.runtime) return;
    const result = this.runtime.validate(this.data, { locale: this.locale, context: this.context });
    this.clientErrors = result.ok ? [] : result.errors;
  }

  private change(pointer: string, value: unknown) {
    this.edited = true;
    this.touched.add(pointer);
    this.data = setAt(this.data, pointer, value);
    this.reevaluate();
    // A server message stays until the user edits that field: it may be about something the
    // browser cannot check (a duplicate, a stale reference).
    this.serverErrors = this.serverErrors.filter((e) => !isWithin(e.path, pointer));
    if (this.attempted) this.revalidate();
    this.scheduleDraftSave();
    this.dispatchEvent(new CustomEvent('sf-change', { detail: { data: this.data }, bubbles: true, composed: true }));
  }

  private async restoreDraft(key: string) {
    const draft = await this.drafts.load(key).catch(() => undefined);
    // Typing that happened while the draft was loading is newer than the draft.
    if (!draft || this.edited || key !== this.draftKey) return;
    this.data = draft.data;
    this.restoredDraftAt = draft.savedAt;
    this.reevaluate();
    this.dispatchEvent(
      new CustomEvent('sf-draft-restored', {
        detail: { data: this.data, savedAt: draft.savedAt },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private scheduleDraftSave() {
    if (!this.draftKey) return;
    this.cancelDraftSave();
    this.draftTimer = setTimeout(this.flushDraft, DRAFT_DELAY_MS);
  }

  private cancelDraftSave() {
    clearTimeout(this.draftTimer);
    this.draftTimer = undefined;
  }

  /** Saves a pending draft now (also when the page is hidden or the element removed). */
  private flushDraft = () => {
    if (this.draftTimer === undefined || !this.draftKey) return;
    this.cancelDraftSave();
    void this.drafts.save(this.draftKey, this.data);
  };

  private discardDraft() {
    if (this.draftKey) void this.drafts.clear(this.draftKey);
    this.cancelDraftSave();
    this.restoredDraftAt = undefined;
    this.data = this.value ?? {};
    this.edited = false;
    this.touched = new Set();
    this.reevaluate();
  }

  override render() {
    if (!this.runtime) return html`<p part="problem" role="alert">${this.problem ?? nothing}</p>`;
    const t = this.t;
    const { hidden } = this.evaluation;
    const sections = this.runtime.layout.sections;
    const shown = visibleFields(
      sections.flatMap((s) => s.fields),
      this.data,
      hidden,
      this.locale,
      (n) => t('rowLabel', { n }),
    );
    const placed = placeErrors([...this.clientErrors, ...this.serverErrors], shown);
    const messages = messagesByField(placed);
    const renderFields = (fields: readonly LayoutField[], bindings: readonly RowBinding[]): unknown =>
      fields.map((field) => this.renderField(field, resolvePointer(field, bindings), bindings, messages, renderFields));

    return html`<form part="form" novalidate @submit=${(e: Event) => {
      e.preventDefault();
      this.submit();
    }}>
      ${
        this.restoredDraftAt
          ? html`<div class="notice" part="draft-notice" role="status">
            <span>${t('draftRestored')}</span>
            <button type="button" part="button discard-draft" @click=${() => this.discardDraft()}>${t('draftDiscard')}</button>
          </div>`
          : nothing
      }
      ${this.renderSummary(placed)}
      ${sections.map(
        (section) => html`<section part="section">
          ${section.title ? html`<h2 part="section-title">${localize(section.title, this.locale)}</h2>` : nothing}
          <div class="grid" part="section-fields">${renderFields(section.fields, [])}</div>
        </section>`,
      )}
      <div class="actions" part="actions">
        <button type="submit" part="button submit" ?disabled=${this.disabled}>${t('submit')}</button>
        <slot name="actions"></slot>
      </div>
    </form>`;
  }

  private renderField(
    field: LayoutField,
    pointer: string,
    bindings: readonly RowBinding[],
    messages: ReadonlyMap<string, string>,
    renderFields: (fields: readonly LayoutField[], bindings: readonly RowBinding[]) => unknown,
  ): unknown {
    if (this.evaluation.hidden.has(pointer)) return nothing;
    const renderer = fieldTypes.get(field.type);
    if (!renderer) {
      return html`<p class="error" part="error" role="alert">Unknown field type "${field.type}" at ${pointer}; known types: ${fieldTypes.known().join(', ')}</p>`;
    }
    return renderer({
      field,
      pointer,
      id: fieldId(pointer),
      value: getAt(this.data, pointer),
      error: messages.get(pointer),
      required: field.required || this.evaluation.required.has(pointer),
      readOnly: field.readOnly || field.compute !== undefined,
      disabled: this.disabled,
      locale: this.locale,
      t: this.t,
      label: localize(field.label, this.locale),
      hint: localize(field.hint, this.locale),
      placeholder: localize(field.placeholder, this.locale),
      people: this.people,
      caseUnit: this.caseUnit,
      change: (value) => this.change(pointer, value),
      renderFields: (fields, row) =>
        renderFields(fields, row ? bindRow(row.template, row.concrete, bindings) : bindings),
    });
  }

  private renderSummary(placed: readonly PlacedError[]) {
    if (placed.length === 0) return nothing;
    const t = this.t;
    const separator = this.locale === 'en' ? ': ' : '：';
    return html`<div class="summary" part="error-summary" role="alert" tabindex="-1" aria-labelledby="sf-summary-title">
      <h2 id="sf-summary-title" part="error-summary-title">${t('errorSummaryTitle', { count: placed.length })}</h2>
      <ul>
        ${placed.map((p) =>
          p.at
            ? html`<li><a href=${`#${fieldId(p.at.pointer)}`} part="error-link" data-field=${p.at.pointer}
                @click=${(e: Event) => this.focusField(e, p.at!.pointer)}>${p.at.labelPath.join(' · ')}${separator}${p.message}</a></li>`
            : html`<li>${t('formError')}${separator}${p.message}</li>`,
        )}
      </ul>
    </div>`;
  }

  /** Focuses a field's control; the default jump would scroll but not move keyboard focus reliably in a shadow root. */
  focusField(event: Event | undefined, pointer: string) {
    event?.preventDefault();
    const control = this.renderRoot.querySelector<HTMLElement>(`#${fieldId(pointer)}`);
    control?.scrollIntoView({ block: 'center' });
    control?.focus();
  }
}

if (!customElements.get('sf-form')) customElements.define('sf-form', SfForm);

declare global {
  interface HTMLElementTagNameMap {
    'sf-form': SfForm;
  }
}
