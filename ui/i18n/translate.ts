import type { Locale } from '../../engine/localized.ts';
import { uiCatalogues, type UiMessageKey } from './messages.ts';

export type Translate = (key: UiMessageKey, params?: Record<string, string | number>) => string;

/** A translator for the chrome in one locale; unknown locales fall back to zh-CN, the default. */
export function translator(locale: Locale): Translate {
  const catalogue = uiCatalogues[locale] ?? uiCatalogues['zh-CN'];
  return (key, params) =>
    catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );
}
