import { localize } from '../../engine/localized.ts';
import { fieldChoices } from './field-choices.ts';
import { fieldTypes } from './registry.ts';
import { selectInput, type SelectChoice } from './select-input.ts';
import { textInput } from './text-input.ts';

/**
 * A unit chosen by its title, stored by name. The server lists the units this reader may choose
 * for this case now in the form it sends (`oneOf`, rebuilt into `options` by form-from-schema.ts):
 * they are offered as they are, the only list that matches what it accepts. A form without that
 * list (an old event printed, a form compiled in the page) offers the directory's units — for
 * `within: case`, the case's unit and below —; with no directory the name is typed, and the
 * server checks it (field-choices.ts).
 */
fieldTypes.register('unit', (ctx) => {
  const offered = fieldChoices(ctx.field, ctx);
  if (!offered) return textInput(ctx, { autocomplete: 'off' });
  const choices: SelectChoice[] = offered.map((c) => ({ value: String(c.value), label: c.label }));
  // A value chosen earlier stays shown by its title (a unit no longer offered, an old event).
  if (typeof ctx.value === 'string' && ctx.value !== '' && !choices.some((c) => c.value === ctx.value)) {
    const known = ctx.people?.units.find((u) => u.name === ctx.value);
    choices.unshift({ value: ctx.value, label: known ? localize(known.title, ctx.locale) : ctx.value });
  }
  return selectInput(ctx, choices);
});
