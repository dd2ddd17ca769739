import { choiceInputs } from './choice-inputs.ts';
import { groupField } from './field-frame.ts';
import { fieldTypes } from './registry.ts';

// Two radios rather than a checkbox: "not answered" must stay distinguishable from "no".
fieldTypes.register('yesno', (ctx) =>
  groupField(
    ctx,
    choiceInputs(
      ctx,
      [
        { value: true, label: ctx.t('yes') },
        { value: false, label: ctx.t('no') },
      ],
      'radio',
    ),
  ),
);
