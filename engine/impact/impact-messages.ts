import type { Locale } from '../localized.ts';
import en from './messages/en.json' with { type: 'json' };
import zhCN from './messages/zh-CN.json' with { type: 'json' };

/** The impact report's words, zh-CN and en (kept as JSON, as the form messages are). */
const catalogues: Readonly<Record<Locale, Readonly<Record<string, string>>>> = { 'zh-CN': zhCN, en };

export type ImpactMessage = keyof typeof en;

export function impactMessage(
  code: ImpactMessage,
  locale: Locale,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const template = catalogues[locale][code] ?? code;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}
