import { localize, type Locale } from '../../engine/localized.ts';
import type { SummaryField } from '../api/types.ts';
import type { WorkflowInfo } from './workflow-info.ts';

/** One value of a case's summary, with the label of the field it comes from. */
export interface SummaryPart {
  readonly title: string;
  readonly text: string;
  /** The field's type (`phone`, `mobile`, `text`…) when the server says it: a phone becomes a tel: link. */
  readonly type?: string;
}

/**
 * The values of the workflow's summary fields in a case's data, in the workflow's order (a unit
 * by its title, given `names`). A value
 * that is absent (not filled yet, or sealed: the server leaves sealed data out of what it sends)
 * or that is no short text (a list, a yes/no, a signature) is left out rather than shown empty.
 */
export function summaryParts(
  info: WorkflowInfo | undefined,
  data: Readonly<Record<string, unknown>> | undefined,
  locale: Locale,
  names?: { unit(name: string): string },
): SummaryPart[] {
  const parts: SummaryPart[] = [];
  for (const field of info?.summary ?? []) {
    const value = valueAt(data, field.path);
    // A unit field holds a unit's name: a reader knows it by its title.
    const text = textOf(
      field,
      field.type === 'unit' && typeof value === 'string' && names ? names.unit(value) : value,
      locale,
    );
    if (text)
      parts.push({
        title: field.title,
        text,
        ...(field.type ? { type: field.type } : {}),
      });
  }
  return parts;
}

function valueAt(data: unknown, path: string): unknown {
  let value = data;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function textOf(field: SummaryField, value: unknown, locale: Locale): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const label = field.options?.find((o) => o.value === value)?.label;
  return label === undefined ? value.trim() : localize(label, locale);
}
