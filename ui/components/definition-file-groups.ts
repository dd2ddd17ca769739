import { localize, type Locale, type Localized } from '../../engine/localized.ts';

/** The kinds in the order an administrator looks for them; anything else comes last, as "other". */
export const KIND_ORDER = [
  'Workflow',
  'Form',
  'SlaPolicy',
  'Scorecard',
  'Organization',
  'Calendar',
  'ServiceLine',
  'NotificationTemplate',
  'Script',
  'RecordType',
  'Ledger',
  'MonthlyReport',
  'Schedule',
  'Scenario',
] as const;
export type GroupKind = (typeof KIND_ORDER)[number] | 'Other';

/** What the list shows of one file. */
export interface FileEntry {
  readonly path: string;
  readonly kind: GroupKind;
  /** The definition's title in the reader's language, else its name, else the file's name. */
  readonly title: string;
  /** The definition's name (metadata.name) when known. */
  readonly name: string | undefined;
}

export interface FileGroup {
  readonly kind: GroupKind;
  readonly files: readonly FileEntry[];
}

/** What the parser made of a file's first document, when it parsed (the title comes from here). */
export interface ParsedHead {
  readonly kind?: unknown;
  readonly metadata?: { readonly name?: unknown; readonly title?: Localized };
}

/**
 * One file's entry. The kind and name are read from the parsed document, or from the text's own
 * `kind:` and `name:` lines while it does not parse, so a file being typed stays in its group.
 */
export function fileEntry(path: string, text: string, parsed: ParsedHead | undefined, locale: Locale): FileEntry {
  const rawKind = typeof parsed?.kind === 'string' ? parsed.kind : /^kind:\s*([A-Za-z]+)\s*$/m.exec(text)?.[1];
  const kind: GroupKind = (KIND_ORDER as readonly string[]).includes(rawKind ?? '') ? (rawKind as GroupKind) : 'Other';
  const name =
    typeof parsed?.metadata?.name === 'string'
      ? parsed.metadata.name
      : /^(?:metadata:\s*\{\s*|\s+)name:\s*([\w.-]+)/m.exec(text)?.[1];
  const title = parsed?.metadata?.title !== undefined ? localize(parsed.metadata.title, locale) : undefined;
  return { path, kind, name, title: title || name || (path.split('/').at(-1) ?? path) };
}

/**
 * The entries by kind in KIND_ORDER, each group by title; only files matching `query` (any of its words, in title, name
 * or path).
 */
export function groupFiles(entries: readonly FileEntry[], query: string, locale: Locale): FileGroup[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (e: FileEntry) =>
    words.every((w) => [e.title, e.name ?? '', e.path].some((s) => s.toLowerCase().includes(w)));
  const collator = new Intl.Collator(locale === 'en' ? 'en' : 'zh-CN');
  const groups: FileGroup[] = [];
  for (const kind of [...KIND_ORDER, 'Other'] as const) {
    const files = entries
      .filter((e) => e.kind === kind && matches(e))
      .sort((a, b) => collator.compare(a.title, b.title) || a.path.localeCompare(b.path));
    if (files.length) groups.push({ kind, files });
  }
  return groups;
}
