import { localize, type Locale } from '../../engine/localized.ts';
import type { NoteCode } from '../../engine/runtime/note.ts';
import type { EffectNote, NoteArg } from '../api/types.ts';
import { noteCatalogues, type ReadArgs } from '../i18n/note-messages.ts';
import { formatInstant } from './case-format.ts';
import type { Names } from './directory.ts';

/** What a note needs from the element that shows it. */
export interface NoteReader {
  readonly locale: Locale;
  /** The view's time zone for instants (the browser's when undefined). */
  readonly timeZone?: string | undefined;
  readonly names: Pick<Names, 'person'> & Partial<Pick<Names, 'unit'>>;
  /**
   * Titles of the definitions' names a note may carry without their title (an event, a score fact); none: the note
   * leaves the name out.
   */
  readonly titles?: { event?(name: string): string | undefined; fact?(name: string): string | undefined };
  /** The number of another case by its id (from the case's links), for notes written before they carried numbers. */
  readonly caseNumber?: (id: string) => string | undefined;
}

/** A part of a note's line: text, or another case it names, by the number people know it by. */
export type NotePart = string | { readonly case: string };

/** Args read as more than text, by name (see engine/runtime/note.ts for the conventions). */
const ARG_KINDS: Readonly<
  Record<string, 'person' | 'people' | 'addresses' | 'instant' | 'unit' | 'event' | 'fact' | 'case' | 'cases'>
> = {
  person: 'person',
  people: 'people',
  addresses: 'addresses',
  deadline: 'instant',
  unit: 'unit',
  event: 'event',
  fact: 'fact',
  case: 'case',
  cases: 'cases',
};

// Another case inside a rendered line, between marks no catalogue writes, so the line can be split into parts.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const CASE_REF = /\uE000([^\uE001]*)\uE001/g;
const TITLE = /^(.+)Title$/;

/**
 * One line of an event's effects in the reader's language: a structured note from the catalogue;
 * a plain string (older events, unconverted producers) or a code this app does not know (a newer
 * engine) as the English text it carries, so a line is never empty.
 */
export function noteLine(note: EffectNote, reader: NoteReader): string {
  return noteParts(note, reader)
    .map((p) => (typeof p === 'string' ? p : p.case))
    .join('');
}

/**
 * The line as parts: the cases it names (a signal's targets, a case it started) apart, each by its number when it
 * has one, so a page can link them.
 */
export function noteParts(note: EffectNote, reader: NoteReader): NotePart[] {
  if (typeof note === 'string') return [note];
  const catalogue = noteCatalogues[reader.locale] ?? noteCatalogues['zh-CN'];
  const known = Object.hasOwn(catalogue.messages, note.code) && typeof note.args === 'object' && note.args !== null;
  if (!known) return [note.text || note.code];
  const line = catalogue.messages[note.code as NoteCode](readArgs(note.args, reader, catalogue.separator));
  const parts: NotePart[] = [];
  let from = 0;
  for (const m of line.matchAll(CASE_REF)) {
    if (m.index > from) parts.push(line.slice(from, m.index));
    parts.push({ case: m[1]! });
    from = m.index + m[0].length;
  }
  if (from < line.length) parts.push(line.slice(from));
  return parts;
}

function readArgs(args: Readonly<Record<string, NoteArg>>, reader: NoteReader, separator: string): ReadArgs {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(args)) out[key] = readArg(ARG_KINDS[key], value, reader, separator);
  // A signal's cases by the numbers it recorded, else by those the case's links know.
  if (Array.isArray(args.cases)) {
    const numbers = Array.isArray(args.numbers) ? (args.numbers as readonly string[]) : [];
    out.cases = (args.cases as readonly string[])
      .map((id, i) => caseRef(numbers[i] ?? reader.caseNumber?.(id) ?? id))
      .join(separator);
  }
  if (typeof args.case === 'string') out.case = caseRef(reader.caseNumber?.(args.case) ?? args.case);
  // A title stands in for the name beside it: `clockTitle` is shown as `clock`.
  for (const key of Object.keys(args)) {
    const base = TITLE.exec(key)?.[1];
    if (base && out[key]) out[base] = out[key];
  }
  out.to = [out.people, out.addresses].filter(Boolean).join(separator);
  return out;
}

/** 'sms:13800138000' → '13800138000': the number or e-mail address says enough. */
const addressOf = (channelAndAddress: string): string => channelAndAddress.slice(channelAndAddress.indexOf(':') + 1);

const caseRef = (numberOrId: string): string => `${OPEN}${numberOrId}${CLOSE}`;

function readArg(
  kind: (typeof ARG_KINDS)[string] | undefined,
  value: NoteArg,
  reader: NoteReader,
  separator: string,
): string {
  if (Array.isArray(value))
    return value
      .map((v: string) => (kind === 'people' ? reader.names.person(v) : kind === 'addresses' ? addressOf(v) : v))
      .join(separator);
  if (kind === 'person' && typeof value === 'string') return reader.names.person(value);
  if (kind === 'unit' && typeof value === 'string') return reader.names.unit?.(value) ?? '';
  // An id a reader would not know is left out when the definitions give it no title.
  if (kind === 'event' && typeof value === 'string') return reader.titles?.event?.(value) ?? '';
  if (kind === 'fact' && typeof value === 'string') return reader.titles?.fact?.(value) ?? '';
  if (kind === 'instant' && typeof value === 'number') return formatInstant(value, reader.locale, reader.timeZone);
  if (typeof value === 'number') return String(value);
  return localize(value as Exclude<NoteArg, number | readonly string[]>, reader.locale);
}
