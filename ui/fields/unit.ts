import { localize } from '../../engine/localized.ts';
import type { Directory } from '../api/types.ts';
import type { FieldContext } from './field-context.ts';
import { fieldTypes } from './registry.ts';
import { selectInput, type SelectChoice } from './select-input.ts';
import { textInput } from './text-input.ts';

/**
 * A unit chosen by its title, stored by name. The server lists the units this reader may choose
 * for this case now in the form it sends (`oneOf`, rebuilt into `options` by form-from-schema.ts):
 * they are offered as they are, the only list that matches what it accepts. A form without that
 * list (an old event printed, a form compiled in the page) offers the directory's units — for
 * `within: case`, the case's unit and below —; with no directory the name is typed, and the
 * server checks it.
 */
fieldTypes.register('unit', (ctx) => {
  const listed = ctx.field.options;
  if (!listed && !ctx.people) return textInput(ctx, { autocomplete: 'off' });
  const choices: SelectChoice[] = listed
    ? listed.map((o) => ({ value: o.value, label: localize(o.label, ctx.locale) }))
    : directoryUnits(ctx, ctx.people!);
  // A value chosen earlier stays shown by its title (a unit no longer offered, an old event).
  if (typeof ctx.value === 'string' && ctx.value !== '' && !choices.some((c) => c.value === ctx.value)) {
    const known = ctx.people?.units.find((u) => u.name === ctx.value);
    choices.unshift({ value: ctx.value, label: known ? localize(known.title, ctx.locale) : ctx.value });
  }
  return selectInput(ctx, choices);
});

function directoryUnits(ctx: FieldContext, directory: Directory): SelectChoice[] {
  const below = (ctx.field.within ?? 'case') === 'case' && ctx.caseUnit !== undefined ? ctx.caseUnit : undefined;
  const parents = new Map(directory.units.map((u) => [u.name, u.parent]));
  const isBelow = (unit: string): boolean => {
    for (let u: string | null | undefined = unit; u; u = parents.get(u)) if (u === below) return true;
    return false;
  };
  return directory.units
    .filter((u) => below === undefined || isBelow(u.name))
    .map((u) => ({ value: u.name, label: localize(u.title, ctx.locale) }));
}
