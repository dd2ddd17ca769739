import type { CompiledFormJson, FieldError } from '../../engine/forms/form-model.ts';
import type { Locale } from '../../engine/localized.ts';

/** Computed values filled in, and which pointers are hidden or required for this data. */
export interface FormEvaluation {
  readonly data: unknown;
  readonly hidden: ReadonlySet<string>;
  readonly required: ReadonlySet<string>;
}

export type FormValidation =
  { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * What the renderer needs from a form: the engine's compiled form. The renderer never decides
 * validity itself, so the browser checks exactly what the server checks.
 */
export interface FormRuntime extends CompiledFormJson {
  evaluate(data: unknown, context?: unknown): FormEvaluation;
  validate(data: unknown, options: { locale: Locale; context?: unknown }): FormValidation;
}

export function isFormRuntime(form: unknown): form is FormRuntime {
  const f = form as Partial<FormRuntime> | null;
  return typeof f?.evaluate === 'function' && typeof f?.validate === 'function' && typeof f?.layout === 'object';
}
