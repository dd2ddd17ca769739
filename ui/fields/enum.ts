import { html } from 'lit';
import { localize } from '../../engine/localized.ts';
import { choiceInputs } from './choice-inputs.ts';
import { describedBy, groupField, labelledField } from './field-frame.ts';
import { fieldTypes } from './registry.ts';

// Few options read best as radios (all visible, one keystroke each); more fit in a select.
const RADIO_LIMIT = 4;

fieldTypes.register('enum', (ctx) => {
  const choices = (ctx.field.options ?? []).map((o) => ({ value: o.value, label: localize(o.label, ctx.locale) }));
  if (ctx.field.multiple) return groupField(ctx, choiceInputs(ctx, choices, 'checkbox'));
  if (choices.length <= RADIO_LIMIT) return groupField(ctx, choiceInputs(ctx, choices, 'radio'));
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
      ${choices.map(
        (c) => html`<option value=${String(c.value)} ?selected=${ctx.value === c.value}>${c.label}</option>`,
      )}
    </select>`,
  );
});
