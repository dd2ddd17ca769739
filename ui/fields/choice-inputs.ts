import { html, nothing } from 'lit';
import type { FieldContext } from './field-context.ts';
import { describedBy } from './field-frame.ts';

export interface Choice {
  readonly value: unknown;
  readonly label: string;
}

/** Radio buttons (one value) or checkboxes (several) inside the field's fieldset. */
export function choiceInputs(ctx: FieldContext, choices: readonly Choice[], kind: 'radio' | 'checkbox') {
  const selected: readonly unknown[] = Array.isArray(ctx.value) ? (ctx.value as unknown[]) : [];
  return html`<div class="choices" part="choices" role=${kind === 'radio' ? 'radiogroup' : nothing}
      aria-labelledby=${`${ctx.id}-legend`} aria-required=${kind === 'radio' && ctx.required ? 'true' : nothing}>
    ${choices.map((choice, i) => {
      const id = i === 0 ? ctx.id : `${ctx.id}-${i}`;
      const checked = kind === 'radio' ? ctx.value === choice.value : selected.includes(choice.value);
      return html`<label class="choice" part="choice" for=${id}>
        <input
          id=${id}
          part=${kind}
          type=${kind}
          name=${ctx.pointer}
          .checked=${checked}
          ?required=${kind === 'radio' && ctx.required}
          ?disabled=${ctx.disabled || ctx.readOnly}
          aria-invalid=${ctx.error ? 'true' : 'false'}
          aria-describedby=${describedBy(ctx)}
          @change=${(e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            if (kind === 'radio') ctx.change(choice.value);
            else {
              const next = on ? [...selected, choice.value] : selected.filter((v) => v !== choice.value);
              // Keep the order of the options, not the order of clicks, so data compares stably.
              const ordered = choices.map((c) => c.value).filter((v) => next.includes(v));
              ctx.change(ordered.length ? ordered : undefined);
            }
          }}
        />
        <span>${choice.label}</span>
      </label>`;
    })}
  </div>`;
}
