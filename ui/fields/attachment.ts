import { html, nothing } from 'lit';
import type { FieldContext } from './field-context.ts';
import { describedBy, labelledField } from './field-frame.ts';
import { fieldTypes } from './registry.ts';

/** A reference to a file; uploading the bytes is the host application's job, keyed by `id`. */
export interface AttachmentRef {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const isRef = (v: unknown): v is AttachmentRef =>
  typeof v === 'object' && v !== null && typeof (v as AttachmentRef).name === 'string';

const toRef = (file: File): AttachmentRef => ({
  id: crypto.randomUUID(),
  name: file.name,
  size: file.size,
  contentType: file.type || 'application/octet-stream',
});

/** One reference, or a list of them with `multiple`. */
fieldTypes.register('attachment', (ctx: FieldContext) => {
  const multiple = Boolean(ctx.field.multiple);
  const refs = (Array.isArray(ctx.value) ? ctx.value : [ctx.value]).filter(isRef);
  const store = (next: AttachmentRef[]) =>
    ctx.change(next.length === 0 ? undefined : multiple ? next : next[next.length - 1]);
  const locked = ctx.disabled || ctx.readOnly;
  return labelledField(
    ctx,
    html`<input
        id=${ctx.id}
        part="input file"
        type="file"
        name=${ctx.pointer}
        ?multiple=${multiple}
        ?required=${ctx.required && refs.length === 0}
        ?disabled=${locked}
        aria-invalid=${ctx.error ? 'true' : 'false'}
        aria-describedby=${describedBy(ctx)}
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          const chosen = [...(input.files ?? [])].map(toRef);
          if (chosen.length) store(multiple ? [...refs, ...chosen] : chosen);
          // A file input cannot show a restored draft's file, so chosen files are listed beside it
          // and the input is emptied to keep one source of truth.
          input.value = '';
        }}
      />
      ${refs.length
        ? html`<ul class="attachments" part="attachments">
            ${refs.map(
              (ref) => html`<li part="attachment">
                <span>${ctx.t('attachmentSelected', { name: ref.name, size: formatSize(ref.size) })}</span>
                <button type="button" part="button remove-attachment" ?disabled=${locked}
                  @click=${() => store(refs.filter((r) => r !== ref))}>${ctx.t('attachmentRemove', { name: ref.name })}</button>
              </li>`,
            )}
          </ul>`
        : nothing}`,
  );
});
