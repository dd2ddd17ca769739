import type { Locale } from '../../localized.ts';
import en from './en.json' with { type: 'json' };
import zhCN from './zh-CN.json' with { type: 'json' };

/** Message catalogues, keyed by code; kept as JSON so translators never touch TypeScript. */
const catalogues: Readonly<Record<Locale, Readonly<Record<string, string>>>> = { 'zh-CN': zhCN, en };

export type MessageCode = keyof typeof en;

/** The message for `code` in `locale`, with {label} and {limit} filled in; unknown codes fall back to "invalid". */
export function formatMessage(
  code: string,
  locale: Locale,
  params: { label: string; limit?: string | number },
): string {
  const catalogue = catalogues[locale];
  const template = catalogue[code] ?? catalogue['invalid'] ?? '{label}';
  return template.replace(/\{(label|limit)\}/g, (_, key: 'label' | 'limit') => String(params[key] ?? ''));
}

export const messageCodes = (): string[] => Object.keys(en);
