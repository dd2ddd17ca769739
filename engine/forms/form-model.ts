import type { Localized } from '../localized.ts';

/**
 * The shapes shared by the form compiler (engine/forms), the server (which serves compiled forms)
 * and the generic renderer (ui/). `FormSpec` is what an administrator writes under `spec:` of a
 * `kind: Form`; `CompiledForm` is what everyone else uses.
 */

/** A json-rules-engine condition: { all: [...] } | { any: [...] } | { not: ... } | { fact, operator, value, path? }. */
export type Condition = Readonly<Record<string, unknown>>;

export interface FieldOption {
  readonly value: string;
  readonly label: Localized;
}

export interface FieldSpec {
  readonly name: string;
  /** A registered field type: text, textarea, number, money, date, datetime, enum, yesno, phone,
   *  mobile, postcode, uscc, email, signature, attachment, group, rows, user, unit. */
  readonly type: string;
  readonly label: Localized;
  readonly hint?: Localized;
  readonly placeholder?: Localized;
  readonly required?: boolean;
  /** Required only when this condition holds (facts: `data` = the whole form data, `context`). */
  readonly requiredWhen?: Condition;
  /** Shown (and validated) only when this condition holds; hidden values are dropped. */
  readonly visibleWhen?: Condition;
  /** A safe expression (see engine/expressions) computing the value, e.g. "visitFee + transportFee". */
  readonly compute?: string;
  readonly readOnly?: boolean;
  /** Never shown to a customer; see form.schema.json. */
  readonly staffOnly?: boolean;
  /** With staffOnly: the value a customer's submission takes. */
  readonly portalValue?: unknown;
  readonly default?: unknown;
  readonly pattern?: string;
  /** Message shown when `pattern` does not match. */
  readonly patternMessage?: Localized;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  readonly options?: readonly FieldOption[];
  /** enum: allow several values (array). */
  readonly multiple?: boolean;
  /** attachment: the largest file in bytes a reference may declare (default 20 MiB). */
  readonly maxSize?: number;
  /** attachment with multiple: the most files (default 20). */
  readonly maxFiles?: number;
  /** user: only people holding this role of the Organization; unit: only units where someone holds it. */
  readonly role?: string;
  /** user: `case` (default) — people of the case's unit or the units below it; `any` — anyone.
   *  unit: `case` (default) — the case's unit or below; `actor` — the unit of whoever fills the form
   *  or below; `any` — every unit. */
  readonly within?: FieldScope;
  /** unit: only units of these types of the Organization. */
  readonly unitTypes?: readonly string[];
  /**
   * user with `within: case` and a `role`: when nobody there holds the role, the nearest unit above where someone does
   * (as assign's `upward`).
   */
  readonly upward?: boolean;
  /** group and rows: the nested fields. */
  readonly fields?: readonly FieldSpec[];
  readonly minRows?: number;
  readonly maxRows?: number;
  /** Layout width hint in a 12-column grid. */
  readonly width?: number;
}

/** Where a user or unit field's values come from (see FieldSpec.within; each type says which it knows). */
export type FieldScope = 'actor' | 'case' | 'any';
export type UserScope = 'case' | 'any';

export interface FormSpec {
  readonly fields: readonly FieldSpec[];
  /** Optional sections grouping top-level fields for display (A4 print and screen). */
  readonly sections?: readonly { readonly title: Localized; readonly fields: readonly string[] }[];
  /** The longest value, in characters, of this form's fields of each type that declare no
   *  `maxLength` (e.g. `{ text: 200, textarea: 20000 }`); types not named keep their type's default. */
  readonly defaultMaxLength?: Readonly<Record<string, number>>;
}

/** One field as the renderer sees it (nested for group/rows). */
export interface LayoutField {
  readonly name: string;
  /**
   * JSON pointer of the value inside the form data, e.g. "/fees/visitFee"; rows use "/history/-" for the row template.
   */
  readonly pointer: string;
  readonly type: string;
  readonly label: Localized;
  readonly hint?: Localized;
  readonly placeholder?: Localized;
  readonly required: boolean;
  readonly requiredWhen?: Condition;
  readonly visibleWhen?: Condition;
  readonly compute?: string;
  readonly readOnly: boolean;
  readonly options?: readonly FieldOption[];
  readonly multiple?: boolean;
  readonly role?: string;
  readonly within?: FieldScope;
  readonly upward?: boolean;
  readonly unitTypes?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minRows?: number;
  readonly maxRows?: number;
  readonly width?: number;
  readonly fields?: readonly LayoutField[];
}

export interface FormLayout {
  readonly sections: readonly { readonly title?: Localized; readonly fields: readonly LayoutField[] }[];
}

/** A validation problem at a field. */
export interface FieldError {
  /** JSON pointer of the offending value, e.g. "/history/2/amount" ("" for the whole form). */
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** What the compiler produces: plain JSON, so it can be served over HTTP and used in a browser. */
export interface CompiledFormJson {
  readonly name: string;
  readonly title: Localized;
  /** JSON Schema (draft 2020-12) of the data; carries `x-sf-*` annotations for the renderer. */
  readonly schema: Record<string, unknown>;
  readonly layout: FormLayout;
}
