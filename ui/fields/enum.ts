import { localize } from '../../engine/localized.ts';
import { choiceInputs } from './choice-inputs.ts';
import { groupField } from './field-frame.ts';
import { fieldTypes } from './registry.ts';
import { selectInput } from './select-input.ts';

// Few options read best as radios (all visible, one keystroke each); more fit in a select.
const RADIO_LIMIT = 4;

fieldTypes.register('enum', (ctx) => {
  const choices = (ctx.field.options ?? []).map((o) => ({ value: o.value, label: localize(o.label, ctx.locale) }));
  if (ctx.field.multiple) return groupField(ctx, choiceInputs(ctx, choices, 'checkbox'));
  if (choices.length <= RADIO_LIMIT) return groupField(ctx, choiceInputs(ctx, choices, 'radio'));
  return selectInput(ctx, choices);
});
