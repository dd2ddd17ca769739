import { html, nothing, type TemplateResult } from 'lit';
import type { FieldContext } from './field-context.ts';

export const hintId = (ctx: FieldContext) => `${ctx.id}-hint`;
export const errorId = (ctx: FieldContext) => `${ctx.id}-error`;

/** The ids a control points at with aria-describedby: the error first, so it is read first. */
export function describedBy(ctx: FieldContext): string | typeof nothing {
  const ids = [ctx.error ? errorId(ctx) : '', ctx.hint ? hintId(ctx) : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : nothing;
}

export function requiredMark(ctx: FieldContext) {
  // The asterisk is decoration; assistive technology hears `required` on the control instead.
  return ctx.required
    ? html`<span class="required-mark" part="required-mark" aria-hidden="true" title=${ctx.t('required')}>*</span>`
    : nothing;
}

function messages(ctx: FieldContext) {
  return html`${ctx.hint ? html`<p class="hint" part="hint" id=${hintId(ctx)}>${ctx.hint}</p>` : nothing}
    <p class="error" part="error" id=${errorId(ctx)} ?hidden=${!ctx.error}>${ctx.error ?? ''}</p>`;
}

function wrapper(ctx: FieldContext, inner: TemplateResult, tag: 'div' | 'fieldset') {
  const width = ctx.field.width ?? 12;
  const attrs = {
    class: `field type-${ctx.field.type}${ctx.error ? ' invalid' : ''}`,
    style: `--sf-span: ${width}`,
  };
  return tag === 'div'
    ? html`<div class=${attrs.class} style=${attrs.style} part="field field-${ctx.field.type}"
        data-pointer=${ctx.pointer} data-type=${ctx.field.type}>${inner}</div>`
    : html`<fieldset class=${attrs.class} style=${attrs.style} part="field fieldset field-${ctx.field.type}"
        data-pointer=${ctx.pointer} data-type=${ctx.field.type} ?disabled=${ctx.disabled}
        aria-describedby=${describedBy(ctx)} aria-invalid=${ctx.error ? 'true' : nothing}>${inner}</fieldset>`;
}

/** A single control with a `<label for>`: text-like inputs, selects, textareas. */
export function labelledField(ctx: FieldContext, control: TemplateResult): TemplateResult {
  return wrapper(
    ctx,
    html`<label for=${ctx.id} part="label">${ctx.label}${requiredMark(ctx)}</label>
      ${control}${messages(ctx)}`,
    'div',
  );
}

/** Several controls named together by a `<legend>`: radios, checkboxes, groups, rows, signature. */
export function groupField(ctx: FieldContext, controls: unknown): TemplateResult {
  return wrapper(
    ctx,
    html`<legend part="legend" id=${`${ctx.id}-legend`}>${ctx.label}${requiredMark(ctx)}</legend>
      ${messages(ctx)}${controls}`,
    'fieldset',
  );
}
