import { html, nothing } from 'lit';
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

fieldTypes.register('attachment', (ctx) => {
  const ref = isRef(ctx.value) ? ctx.value : undefined;
  return labelledField(
    ctx,
    html`<input
        id=${ctx.id}
        part="input file"
        type="file"
        name=${ctx.pointer}
        ?required=${ctx.required && !ref}
        ?disabled=${ctx.disabled || ctx.readOnly}
        aria-invalid=${ctx.error ? 'true' : 'false'}
        aria-describedby=${describedBy(ctx)}
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          const file = input.files?.[0];
          if (!file) return;
          ctx.change({ id: crypto.randomUUID(), name: file.name, size: file.size, contentType: file.type || 'application/octet-stream' });
          // The file input cannot show a restored draft's file, so the chosen file is listed beside it
          // and the input is emptied to keep one source of truth.
          input.value = '';
        }}
      />
      ${ref
        ? html`<span class="attachment" part="attachment">
            <span>${ctx.t('attachmentSelected', { name: ref.name, size: formatSize(ref.size) })}</span>
            <button type="button" part="button remove-attachment" ?disabled=${ctx.disabled || ctx.readOnly}
              @click=${() => ctx.change(undefined)}>${ctx.t('attachmentRemove', { name: ref.name })}</button>
          </span>`
        : nothing}`,
  );
});
