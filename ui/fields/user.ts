import { fieldChoices } from './field-choices.ts';
import { fieldTypes } from './registry.ts';
import { selectInput } from './select-input.ts';
import { textInput } from './text-input.ts';
import { displayName } from './user-candidates.ts';

/**
 * A person chosen by name, stored by username: those the server listed for this reader and case
 * (`oneOf`), else the directory's holders of the role (field-choices.ts). With neither (a page
 * embedding the form gives no directory) the username is typed, and the server checks it.
 */
fieldTypes.register('user', (ctx) => {
  const offered = fieldChoices(ctx.field, ctx);
  if (!offered) return textInput(ctx, { autocomplete: 'off' });
  const choices = offered.map((c) => ({ value: String(c.value), label: c.label }));
  // A value chosen earlier stays shown (an old event printed after the person moved or left).
  if (typeof ctx.value === 'string' && !choices.some((c) => c.value === ctx.value)) {
    const known = ctx.people?.people.find((p) => p.username === ctx.value);
    choices.unshift({ value: ctx.value, label: known ? displayName(known) : ctx.value });
  }
  return selectInput(ctx, choices);
});
