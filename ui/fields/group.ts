import { html } from 'lit';
import { groupField } from './field-frame.ts';
import { fieldTypes } from './registry.ts';

fieldTypes.register('group', (ctx) =>
  groupField(ctx, html`<div class="grid" part="group-fields">${ctx.renderFields(ctx.field.fields ?? [])}</div>`),
);
