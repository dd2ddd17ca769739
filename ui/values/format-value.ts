import { html, nothing, type TemplateResult } from 'lit';
import { localize } from '../../engine/localized.ts';
import { formatInstant } from '../components/case-format.ts';
import { humanLabel } from './human-label.ts';
import { mapLink, type ValueReader } from './value-reader.ts';
import type { ViewFieldInfo } from './view-field.ts';

/** What one field type shows of a present value; `nothing` hides it. */
export type ValueFormat = (
  value: unknown,
  field: ViewFieldInfo,
  reader: ValueReader,
) => TemplateResult | string | typeof nothing;

/**
 * Value formats by field type: one entry per type, registered below; a type without one shows as
 * text. Add a type's entry here when its stored value is not what a person should read.
 */
export const valueFormats = new Map<string, ValueFormat>();

/** Whether a value is there to show: not absent, not an empty string, list or object. */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value).some(isPresent);
  return true;
}

/** A field's value as its reader should see it: labels, local dates, money, links; never raw JSON. */
export function formatValue(
  field: ViewFieldInfo,
  value: unknown,
  reader: ValueReader,
): TemplateResult | string | typeof nothing {
  if (!isPresent(value)) return nothing;
  const format = valueFormats.get(field.type);
  if (format) return format(value, field, reader);
  return plain(value, reader);
}

/** A value without a described field (the engine's own events): text, or nested pairs under their keys' words. */
export function plain(value: unknown, reader: ValueReader): TemplateResult | string | typeof nothing {
  if (!isPresent(value)) return nothing;
  if (typeof value === 'boolean') return reader.t(value ? 'yes' : 'no');
  if (typeof value === 'number') return new Intl.NumberFormat(reader.locale).format(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value))
    return html`<ul class="sf-v-list">${value.map((v) => html`<li>${plain(v, reader)}</li>`)}</ul>`;
  return html`<dl class="sf-v-pairs">${Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => isPresent(v))
    .map(([k, v]) => html`<dt>${humanLabel(k)}</dt><dd>${plain(v, reader)}</dd>`)}</dl>`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

const text: ValueFormat = (v, _f, r) => (typeof v === 'string' ? v : plain(v, r));

function optionLabel(field: ViewFieldInfo, value: unknown, reader: ValueReader): string {
  const option = field.options?.find((o) => o.value === value);
  return option ? localize(option.label, reader.locale) : String(value);
}

valueFormats.set('text', text);
valueFormats.set('textarea', (v, _f, r) =>
  typeof v === 'string' ? html`<span class="sf-v-multiline">${v}</span>` : plain(v, r),
);
valueFormats.set('enum', (v, f, r) => {
  const labels = (Array.isArray(v) ? v : [v]).map((x) => optionLabel(f, x, r));
  return new Intl.ListFormat(r.locale, { type: 'conjunction' }).format(labels);
});
valueFormats.set('yesno', (v, _f, r) => (typeof v === 'boolean' ? r.t(v ? 'yes' : 'no') : plain(v, r)));
valueFormats.set('number', (v, _f, r) => (typeof v === 'number' ? numberFormat(r.locale, {}).format(v) : plain(v, r)));
// Money fields hold yuan (engine/forms/field-types/money.ts declares x-sf-currency CNY).
valueFormats.set('money', (v, _f, r) =>
  typeof v === 'number' ? numberFormat(r.locale, { style: 'currency', currency: 'CNY' }).format(v) : plain(v, r),
);
// A date is a calendar day, not an instant: formatted in UTC so no time zone moves it.
valueFormats.set('date', (v, _f, r) => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return plain(v, r);
  return numberDate(r.locale).format(Date.parse(`${v}T00:00:00Z`));
});
valueFormats.set('datetime', (v, _f, r) =>
  typeof v === 'string' ? formatInstant(v, r.locale, r.timeZone) || v : plain(v, r),
);

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function numberDate(locale: string): Intl.DateTimeFormat {
  let f = dateFormats.get(locale);
  if (!f)
    dateFormats.set(
      locale,
      (f = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })),
    );
  return f;
}

const telephone: ValueFormat = (v, _f, r) => {
  if (typeof v !== 'string') return plain(v, r);
  const dial = v.replace(/[^\d+]/g, '');
  return html`<a href=${`tel:${dial}`} class="sf-v-tel" part="tel" aria-label=${r.t('call', { phone: v })}>${v}</a>`;
};
valueFormats.set('phone', telephone);
valueFormats.set('mobile', telephone);

valueFormats.set('address', (v, _f, r) => {
  if (typeof v !== 'string') return plain(v, r);
  const url = mapLink(r.mapUrl, v);
  return url
    ? html`<span>${v}</span> <a href=${url} target="_blank" rel="noopener noreferrer" class="sf-v-map" part="map-link">${r.t('openMap')}</a>`
    : v;
});

valueFormats.set('user', (v, _f, r) => {
  const names = (Array.isArray(v) ? v : [v])
    .filter((x): x is string => typeof x === 'string')
    .map((u) => r.person?.(u) ?? u);
  return new Intl.ListFormat(r.locale, { type: 'conjunction' }).format(names);
});

valueFormats.set('unit', (v, _f, r) => (typeof v === 'string' ? (r.unit?.(v) ?? v) : plain(v, r)));

valueFormats.set('signature', (v, f, r) => {
  const s = v as { image?: unknown; signedAt?: unknown; signer?: unknown };
  if (typeof s?.image !== 'string' || !s.image.startsWith('data:image/')) return nothing;
  const at = typeof s.signedAt === 'string' ? formatInstant(s.signedAt, r.locale, r.timeZone) : '';
  const caption =
    typeof s.signer === 'string' && s.signer
      ? r.t('signedBy', { signer: s.signer, at })
      : at
        ? r.t('signedAt', { at })
        : '';
  return html`<figure class="sf-v-signature" part="signature"><img src=${s.image} alt=${r.t('signatureOf', { label: localize(f.label, r.locale) })}>
    ${caption ? html`<figcaption class="muted">${caption}</figcaption>` : nothing}</figure>`;
});

function size(bytes: unknown, locale: string): string {
  if (typeof bytes !== 'number') return '';
  const units: [number, Intl.NumberFormatOptions['unit']][] = [
    [1024 * 1024, 'megabyte'],
    [1024, 'kilobyte'],
    [1, 'byte'],
  ];
  const [div, unit] = units.find(([d]) => bytes >= d) ?? units[2]!;
  return numberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / div);
}

valueFormats.set('attachment', (v, _f, r) => {
  const refs = (Array.isArray(v) ? v : [v]).filter(
    (x): x is { name: string; size?: number; contentType?: string; url?: string; thumbnail?: string } =>
      typeof (x as { name?: unknown })?.name === 'string',
  );
  return html`<ul class="sf-v-files">${refs.map((ref) => {
    const label =
      ref.size === undefined ? ref.name : r.t('attachment', { name: ref.name, size: size(ref.size, r.locale) });
    const thumb = ref.thumbnail ?? (ref.contentType?.startsWith('image/') ? ref.url : undefined);
    // A reference with a URL (a host that stores the files) opens it; the thumbnail is its preview.
    return html`<li part="attachment">${
      ref.url
        ? html`<a href=${ref.url} target="_blank" rel="noopener" aria-label=${r.t('preview', { name: ref.name })}>${thumb ? html`<img class="sf-v-thumb" src=${thumb} alt="">` : nothing}${label}</a>`
        : label
    }</li>`;
  })}</ul>`;
});

valueFormats.set('group', (v, f, r) =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
    ? fieldPairs(f.fields ?? [], v as Record<string, unknown>, r)
    : plain(v, r),
);
valueFormats.set('rows', (v, f, r) => {
  if (!Array.isArray(v)) return plain(v, r);
  return html`<ol class="sf-v-rows">${v.map((row) => html`<li>${typeof row === 'object' && row !== null ? fieldPairs(f.fields ?? [], row as Record<string, unknown>, r) : plain(row, r)}</li>`)}</ol>`;
});

/**
 * Label–value pairs of an object by its fields, in their order; keys no field describes come after
 * with their own name (data the form no longer has), so nothing stored is hidden.
 */
export function fieldPairs(
  fields: readonly ViewFieldInfo[],
  data: Readonly<Record<string, unknown>>,
  reader: ValueReader,
): TemplateResult {
  const known = new Set(fields.map((f) => f.name));
  // Data beside a known form (what an action set, e.g. the case it came from) has no label a
  // reader would know: it is left out. Without a form, the values are shown under their keys' words.
  const rest = fields.length > 0 ? [] : Object.entries(data).filter(([k, v]) => !known.has(k) && isPresent(v));
  return html`<dl class="sf-v-pairs">${fields
    .filter((f) => isPresent(data[f.name]))
    .map(
      (f) =>
        html`<dt>${localize(f.label, reader.locale)}</dt><dd data-field=${f.name}>${formatValue(f, data[f.name], reader)}</dd>`,
    )}${rest.map(([k, v]) => html`<dt>${humanLabel(k)}</dt><dd data-field=${k}>${plain(v, reader)}</dd>`)}</dl>`;
}
