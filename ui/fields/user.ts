import { fieldTypes } from './registry.ts';
import { selectInput } from './select-input.ts';
import { textInput } from './text-input.ts';
import { displayName, userCandidates } from './user-candidates.ts';

/**
 * A person chosen by name, stored by username. With no directory (a page embedding the form
 * gives none) the username is typed, and the server checks it.
 */
fieldTypes.register('user', (ctx) => {
  if (!ctx.people) return textInput(ctx, { autocomplete: 'off' });
  const choices = userCandidates(ctx.field, ctx.people, ctx.caseUnit, ctx.locale).map((p) => ({
    value: p.username,
    label: displayName(p),
  }));
  // A value chosen earlier stays shown (an old event printed after the person moved or left).
  if (typeof ctx.value === 'string' && !choices.some((c) => c.value === ctx.value)) {
    const known = ctx.people.people.find((p) => p.username === ctx.value);
    choices.unshift({ value: ctx.value, label: known ? displayName(known) : ctx.value });
  }
  return selectInput(ctx, choices);
});
