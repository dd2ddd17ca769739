/** Text an administrator writes in both languages; a plain string stands for both. */
export type Localized = string | { readonly zh?: string; readonly en?: string };
export type Locale = 'zh-CN' | 'en';

export function localize(text: Localized | undefined, locale: Locale): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return (locale === 'en' ? (text.en ?? text.zh) : (text.zh ?? text.en)) ?? '';
}
