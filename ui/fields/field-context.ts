import type { TemplateResult } from 'lit';
import type { LayoutField } from '../../engine/forms/form-model.ts';
import type { Locale } from '../../engine/localized.ts';
import type { Directory } from '../api/types.ts';
import type { Translate } from '../i18n/translate.ts';

/**
 * Everything a field renderer may rely on when it is called: the form has already evaluated
 * computed values, visibility and requirement for the current data, so a renderer only draws
 * `value`/`error` and reports edits through `change`. Renderers never reach into the form.
 */
export interface FieldContext {
  readonly field: LayoutField;
  /** Concrete JSON pointer of this value (row templates resolved, e.g. "/history/2/amount"). */
  readonly pointer: string;
  /** DOM id of the field's main control; hint and error ids derive from it. */
  readonly id: string;
  readonly value: unknown;
  readonly error: string | undefined;
  /** `required`, or `requiredWhen` holding for the current data. */
  readonly required: boolean;
  /** Read-only by definition or because the value is computed. */
  readonly readOnly: boolean;
  readonly disabled: boolean;
  readonly locale: Locale;
  readonly t: Translate;
  readonly label: string;
  readonly hint: string;
  readonly placeholder: string;
  /** The people and units of the Organization, when the host gave them (user fields offer them by name). */
  readonly people: Directory | undefined;
  /** The unit of the case the form is filled for, when there is one (user fields with `within: case`). */
  readonly caseUnit: string | undefined;
  /** Reports a new value; `undefined` removes it from the data. */
  change(value: unknown): void;
  /** Renders nested fields (group, rows). `row` binds a rows template prefix ("/history/-") to a row ("/history/2"). */
  renderFields(fields: readonly LayoutField[], row?: { template: string; concrete: string }): unknown;
}

export type FieldRenderer = (ctx: FieldContext) => TemplateResult;
