import { html, nothing } from 'lit';
import { describedBy, labelledField } from './field-frame.ts';
import { fieldTypes } from './registry.ts';

fieldTypes.register('textarea', (ctx) =>
  labelledField(
    ctx,
    html`<textarea
      id=${ctx.id}
      part="input textarea"
      name=${ctx.pointer}
      rows="3"
      maxlength=${ctx.field.maxLength ?? nothing}
      placeholder=${ctx.placeholder || nothing}
      .value=${typeof ctx.value === 'string' ? ctx.value : ''}
      ?required=${ctx.required}
      ?readonly=${ctx.readOnly}
      ?disabled=${ctx.disabled}
      aria-invalid=${ctx.error ? 'true' : 'false'}
      aria-describedby=${describedBy(ctx)}
      @input=${(e: Event) => {
        const text = (e.target as HTMLTextAreaElement).value;
        ctx.change(text.trim() === '' ? undefined : text);
      }}
    ></textarea>`,
  ),
);
