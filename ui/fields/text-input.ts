import { html, nothing } from 'lit';
import type { FieldContext } from './field-context.ts';
import { describedBy, labelledField } from './field-frame.ts';

export interface TextInputOptions {
  type?: 'text' | 'tel' | 'email' | 'date' | 'datetime-local' | 'url';
  inputmode?: 'text' | 'tel' | 'email' | 'numeric' | 'decimal';
  autocomplete?: string;
  /** Turns the typed text into the stored value; empty text is always stored as "no value". */
  parse?: (text: string) => unknown;
  /** Turns the stored value into the text shown. */
  format?: (value: unknown) => string;
  maxLength?: number;
  prefix?: string;
  suffix?: string;
}

/** The `<input>` most field types share; the type modules only choose its options. */
export function textInput(ctx: FieldContext, options: TextInputOptions = {}) {
  const format = options.format ?? ((v: unknown) => (v === undefined || v === null ? '' : String(v)));
  const parse = options.parse ?? ((text: string) => text);
  const maxLength = options.maxLength ?? ctx.field.maxLength;
  const text = format(ctx.value);
  // A disabled date or time with no value is shown blank, not as the browser's "yyyy/mm/dd" mask:
  // that is how a printed work order shows a date nobody filled in.
  const blank = ctx.disabled && text === '' && (options.type === 'date' || options.type === 'datetime-local');
  const input = html`<input
    id=${ctx.id}
    part="input"
    name=${ctx.pointer}
    type=${blank ? 'text' : (options.type ?? 'text')}
    inputmode=${options.inputmode ?? nothing}
    autocomplete=${options.autocomplete ?? nothing}
    maxlength=${maxLength ?? nothing}
    placeholder=${ctx.placeholder || nothing}
    .value=${text}
    ?required=${ctx.required}
    ?readonly=${ctx.readOnly}
    ?disabled=${ctx.disabled}
    aria-invalid=${ctx.error ? 'true' : 'false'}
    aria-describedby=${describedBy(ctx)}
    @input=${(e: Event) => {
      const text = (e.target as HTMLInputElement).value;
      ctx.change(text.trim() === '' ? undefined : parse(text));
    }}
  />`;
  if (!options.prefix && !options.suffix) return labelledField(ctx, input);
  return labelledField(
    ctx,
    html`<span class="affixed" part="affixed">
      ${options.prefix ? html`<span class="prefix" part="prefix" aria-hidden="true">${options.prefix}</span>` : nothing}
      ${input}
      ${options.suffix ? html`<span class="suffix" part="suffix">${options.suffix}</span>` : nothing}
    </span>`,
  );
}
