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

/**
 * Thumbnails of pictures chosen on this page, by reference id: small JPEG data URLs (the page's
 * policy allows data: images, not blob:), made once and kept for the page's life. A reference
 * restored from a draft has none (its bytes were never kept), and shows its name only.
 */
const thumbnails = new Map<string, string>();
const THUMB_PX = 160;

async function makeThumbnail(file: File): Promise<string | undefined> {
  if (!file.type.startsWith('image/')) return undefined;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, THUMB_PX / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    return canvas.toDataURL('image/jpeg', 0.8);
  } catch {
    return undefined; // a format the browser cannot decode: the name is enough
  }
}

/** One reference, or a list of them with `multiple`. */
fieldTypes.register('attachment', (ctx: FieldContext) => {
  const multiple = Boolean(ctx.field.multiple);
  const refs = (Array.isArray(ctx.value) ? ctx.value : [ctx.value]).filter(isRef);
  const store = (next: AttachmentRef[]) =>
    ctx.change(next.length === 0 ? undefined : multiple ? next : next[next.length - 1]);
  const locked = ctx.disabled || ctx.readOnly;
  const chosen = (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    const added = files.map(toRef);
    if (added.length) store(multiple ? [...refs, ...added] : added);
    // A file input cannot show a restored draft's file, so chosen files are listed beside it
    // and the input is emptied to keep one source of truth.
    input.value = '';
    // Thumbnails come after: the field shows them when it next renders (the host re-renders on change).
    files.forEach(
      (file, i) =>
        void makeThumbnail(file).then((url) => {
          if (url) {
            thumbnails.set(added[i]!.id, url);
            input.dispatchEvent(new CustomEvent('sf-thumbnail', { bubbles: true, composed: true }));
          }
        }),
    );
  };
  return labelledField(
    ctx,
    html`<span class="file-pickers"><input
        id=${ctx.id}
        part="input file"
        type="file"
        name=${ctx.pointer}
        ?multiple=${multiple}
        ?required=${ctx.required && refs.length === 0}
        ?disabled=${locked}
        aria-invalid=${ctx.error ? 'true' : 'false'}
        aria-describedby=${describedBy(ctx)}
        @change=${(e: Event) => chosen(e.target as HTMLInputElement)}
      />
      <label class="camera" part="button camera" ?hidden=${locked}><input type="file" accept="image/*" capture="environment"
        name=${`${ctx.pointer}#camera`} ?disabled=${locked} @change=${(e: Event) => chosen(e.target as HTMLInputElement)} />${ctx.t('attachmentTakePhoto')}</label></span>
      ${
        refs.length
          ? html`<ul class="attachments" part="attachments">
            ${refs.map(
              (ref) => html`<li part="attachment">
                ${thumbnails.has(ref.id) ? html`<img class="thumb" part="thumbnail" src=${thumbnails.get(ref.id)!} alt="" />` : nothing}
                <span>${ctx.t('attachmentSelected', { name: ref.name, size: formatSize(ref.size) })}</span>
                <button type="button" part="button remove-attachment" ?disabled=${locked}
                  @click=${() => store(refs.filter((r) => r !== ref))}>${ctx.t('attachmentRemove', { name: ref.name })}</button>
              </li>`,
            )}
          </ul>`
          : nothing
      }`,
  );
});
