import { localize, type Locale, type Localized } from '../localized.ts';
import { templateValue, type TemplateReader } from './template-values.ts';

/**
 * Fills `{{ path.to.value }}` placeholders from a scope. Only lookups: templates are data, never code.
 * Missing values render as an empty string so a template never fails at delivery time. Given a
 * reader, each value is said as that reader reads it (titles, labels, local times: template-values.ts);
 * without one, as stored.
 */
export function renderTemplate(
  text: Localized | undefined,
  locale: Locale,
  scope: Readonly<Record<string, unknown>>,
  reader?: TemplateReader,
): string {
  return localize(text, locale).replace(/\{\{\s*([a-zA-Z_][\w.-]*)\s*\}\}/g, (_, path: string) => {
    let v: unknown = scope;
    for (const key of path.split('.')) {
      if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) return '';
      v = (v as Record<string, unknown>)[key];
    }
    if (v === null || v === undefined) return '';
    if (reader) return templateValue(path, v, reader);
    if (typeof v === 'number' && path.endsWith('At')) return new Date(v).toISOString();
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}
