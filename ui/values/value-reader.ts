import type { Locale } from '../../engine/localized.ts';
import type { CasePageTranslate } from '../i18n/case-page-messages.ts';

/** Who reads a value: their language and time zone, the installation's map link, names of people and units. */
export interface ValueReader {
  readonly locale: Locale;
  /** IANA time zone of the case's calendar; the browser's when unset. */
  readonly timeZone?: string | undefined;
  /** A URL with `{address}` (GET /api/settings `mapUrl`); no map link without it. */
  readonly mapUrl?: string | undefined;
  readonly person?: (username: string) => string;
  /** A unit's title for its name (unit fields); the name when unknown. */
  readonly unit?: (name: string) => string;
  readonly t: CasePageTranslate;
}

/** The map link of an address, or undefined when the installation has no map template. */
export function mapLink(template: string | undefined, address: string): string | undefined {
  if (!template || !template.includes('{address}')) return undefined;
  const url = template.replaceAll('{address}', encodeURIComponent(address));
  // Only web links: a template is configuration, but a javascript: URL is never a map.
  return /^https?:\/\//i.test(url) ? url : undefined;
}
