import type { Locale } from '../../engine/localized.ts';
import { uiCatalogues, type UiMessageKey } from './messages.ts';

export type Translate = (key: UiMessageKey, params?: Record<string, string | number>) => string;

/**
 * A translator over one catalogue per locale, for the form's chrome and the app's words alike:
 * `{name}` is filled from `params` (one not given stays as written, so a missing parameter shows),
 * and an unknown locale falls back to zh-CN, the default.
 */
export function catalogueTranslator<K extends string>(
  catalogues: Readonly<Record<Locale, Readonly<Record<K, string>>>>,
  locale: Locale,
): (key: K, params?: Record<string, string | number>) => string {
  const catalogue = catalogues[locale] ?? catalogues['zh-CN'];
  return (key, params) =>
    catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );
}

/** A translator for the form's chrome in one locale. */
export function translator(locale: Locale): Translate {
  return catalogueTranslator(uiCatalogues, locale);
}
