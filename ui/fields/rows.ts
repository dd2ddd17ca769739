import { html, nothing } from 'lit';
import { groupField } from './field-frame.ts';
import { fieldTypes } from './registry.ts';

fieldTypes.register('rows', (ctx) => {
  const rows = Array.isArray(ctx.value) ? (ctx.value as unknown[]) : [];
  const max = ctx.field.maxRows ?? Infinity;
  const min = ctx.field.minRows ?? 0;
  const locked = ctx.disabled || ctx.readOnly;
  const template = `${ctx.field.pointer}/-`;

  const add = (e: Event) => {
    const fieldset = (e.currentTarget as HTMLElement).closest('fieldset');
    ctx.change([...rows, {}]);
    // Keyboard users continue in the row they just added, after the form has rendered it.
    setTimeout(() => {
      const last = fieldset?.querySelectorAll<HTMLElement>(':scope > .rows > .row');
      last?.[last.length - 1]?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    });
  };
  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    ctx.change(next.length ? next : undefined);
  };

  return groupField(
    ctx,
    html`<ol class="rows" part="rows">
        ${rows.length === 0 ? html`<li class="no-rows" part="no-rows">${ctx.t('noRows')}</li>` : nothing}
        ${rows.map(
          (_, i) => html`<li class="row" part="row" data-row=${i}>
            <fieldset class="row-fields" part="row-fields">
              <legend class="row-label" part="row-label">${ctx.t('rowLabel', { n: i + 1 })}</legend>
              <div class="grid">${ctx.renderFields(ctx.field.fields ?? [], { template, concrete: `${ctx.pointer}/${i}` })}</div>
              <button type="button" class="remove-row" part="button remove-row"
                ?disabled=${locked || rows.length <= min}
                @click=${() => remove(i)}>${ctx.t('removeRow', { n: i + 1 })}</button>
            </fieldset>
          </li>`,
        )}
      </ol>
      <button type="button" class="add-row" part="button add-row" ?disabled=${locked || rows.length >= max}
        @click=${add}>${ctx.t('addRow')}</button>
      ${
        Number.isFinite(max)
          ? html`<span class="rows-count" part="rows-count">${ctx.t('rowsCount', { count: rows.length, max })}</span>`
          : nothing
      }`,
  );
});
