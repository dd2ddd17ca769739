import { listIn, sayIn } from '../definitions/said.ts';
import type { FieldSpec } from '../forms/form-model.ts';
import { localize, type Locale } from '../localized.ts';

/**
 * What a notification needs to say a value to the person who reads it, rather than as it is
 * stored: the field a placeholder names (its options, its type), the titles of the case's
 * workflow, states and units, the names of people, and the time zone instants are read in.
 */
export interface TemplateReader {
  readonly locale: Locale;
  /** The case unit's calendar's time zone; UTC when it has none. */
  readonly timeZone: string | undefined;
  /** The form field a placeholder's path names (`data.appointmentAt`, `event.progress`), when one does. */
  field(path: string): FieldSpec | undefined;
  /** The title of the case's workflow, of one of its states (a path), of a unit; a person's name. */
  workflowTitle(name: string): string | undefined;
  stateTitle(path: string): string | undefined;
  unitTitle(name: string): string | undefined;
  personName(username: string): string | undefined;
}

/** An ISO 8601 instant with its time and offset, as forms and facts write one. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A placeholder's value as a person reads it: the case's workflow, states and unit by their
 * titles, an option by its label, a unit or user field by title or name, yes/no in words, a date
 * or an instant in the reader's language and the calendar's time zone (2026/12/20 15:00, not
 * 2026-12-20T15:00:00+08:00). Anything else as it is; a value the reader has no word for stays
 * as stored rather than disappearing from the message.
 */
export function templateValue(path: string, value: unknown, reader: TemplateReader): string {
  if (path === 'case.workflow' && typeof value === 'string') return reader.workflowTitle(value) ?? value;
  if (path === 'case.unit' && typeof value === 'string') return reader.unitTitle(value) ?? value;
  if (path === 'case.states' && Array.isArray(value))
    return listIn(
      value.map((s) => (typeof s === 'string' ? (reader.stateTitle(s) ?? s) : String(s))),
      reader.locale,
    );
  const field = reader.field(path);
  if (field?.options && (typeof value === 'string' || typeof value === 'number')) {
    const option = field.options.find((o) => o.value === value);
    if (option) return localize(option.label, reader.locale);
  }
  if (field?.type === 'unit' && typeof value === 'string') return reader.unitTitle(value) ?? value;
  if (field?.type === 'user' && typeof value === 'string') return reader.personName(value) ?? value;
  if (typeof value === 'boolean') return sayIn({ key: value ? 'value.yes' : 'value.no' }, reader.locale);
  if (typeof value === 'number' && (field?.type === 'datetime' || path.endsWith('At')))
    return instantText(value, reader);
  if (typeof value === 'string' && INSTANT.test(value) && Number.isFinite(Date.parse(value)))
    return instantText(Date.parse(value), reader);
  if (typeof value === 'string' && DAY.test(value) && (field === undefined || field.type === 'date'))
    return dayText(value, reader.locale);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
    return listIn(value.map(String), reader.locale);
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: Locale, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withTime}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    formats.set(key, f);
  }
  return f;
}

function instantText(t: number, reader: TemplateReader): string {
  return format(reader.locale, reader.timeZone ?? 'UTC', true).format(new Date(t));
}

/** A calendar day is no instant: said as written, whatever the time zone. */
function dayText(day: string, locale: Locale): string {
  return format(locale, 'UTC', false).format(new Date(`${day}T00:00:00Z`));
}
