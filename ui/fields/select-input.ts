import { html } from 'lit';
import type { FieldContext } from './field-context.ts';
import { describedBy, labelledField } from './field-frame.ts';

export interface SelectChoice {
  readonly value: string;
  readonly label: string;
}

/** A labelled `<select>` of `choices` with a first "choose" option that stands for no value. */
export function selectInput(ctx: FieldContext, choices: readonly SelectChoice[]) {
  return labelledField(
    ctx,
    html`<select
      id=${ctx.id}
      part="input select"
      name=${ctx.pointer}
      ?required=${ctx.required}
      ?disabled=${ctx.disabled || ctx.readOnly}
      aria-invalid=${ctx.error ? 'true' : 'false'}
      aria-describedby=${describedBy(ctx)}
      @change=${(e: Event) => {
        const value = (e.target as HTMLSelectElement).value;
        ctx.change(value === '' ? undefined : value);
      }}
    >
      <option value="" ?selected=${ctx.value === undefined}>${ctx.t('choose')}</option>
      ${choices.map((c) => html`<option value=${c.value} ?selected=${ctx.value === c.value}>${c.label}</option>`)}
    </select>`,
  );
}
