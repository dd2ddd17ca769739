import { html, nothing, type TemplateResult } from 'lit';
import type { Locale } from '../../engine/localized.ts';
import type { PortalField } from '../api/types.ts';
import type { PortalTranslate } from '../i18n/portal-messages.ts';
import { formatInstant } from './case-format.ts';

/**
 * A case value as a customer reads it: an option by its label, a date or time in their language
 * and the calendar's time zone, money in yuan, yes/no in words, a phone number as a `tel:` link.
 * What has no short form (rows, groups, signatures) is not shown.
 */
export function portalValue(
  field: PortalField,
  value: unknown,
  reader: { locale: Locale; timeZone?: string | undefined; t: PortalTranslate },
): TemplateResult | string | typeof nothing {
  if (value === undefined || value === null || value === '') return nothing;
  switch (field.type) {
    case 'enum': {
      const values = Array.isArray(value) ? value : [value];
      return values.map((v) => field.options?.find((o) => o.value === v)?.label ?? String(v)).join('、');
    }
    case 'yesno':
      return value === true ? reader.t('yes') : value === false ? reader.t('no') : nothing;
    case 'date':
      return typeof value === 'string'
        ? new Intl.DateTimeFormat(reader.locale, {
            year: 'numeric',
            month: 'long',
            day: 'numeric',
            timeZone: 'UTC',
          }).format(Date.parse(`${value.slice(0, 10)}T00:00:00Z`))
        : nothing;
    case 'datetime':
      return formatInstant(value as string, reader.locale, reader.timeZone);
    case 'money':
      return typeof value === 'number'
        ? new Intl.NumberFormat(reader.locale, { style: 'currency', currency: 'CNY' }).format(value)
        : nothing;
    case 'phone':
    case 'mobile':
      return typeof value === 'string' ? html`<a href=${`tel:${value.replace(/[^\d+]/g, '')}`}>${value}</a>` : nothing;
    default:
      return typeof value === 'string' || typeof value === 'number' ? String(value) : nothing;
  }
}
