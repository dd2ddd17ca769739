import { localize, type Locale, type Localized } from '../../engine/localized.ts';
import type { ClockLineCode } from '../../engine/sla/clock-lines.ts';
import type { EffectNote, NoteArg } from '../api/types.ts';
import { appTranslator } from '../i18n/app-messages.ts';
import { clockCatalogues, type ClockArgs, type ClockCatalogue } from '../i18n/clock-messages.ts';
import { formatInstant, formatSpan } from './case-format.ts';

/** What an explanation line needs from the element that shows it. */
export interface ClockLineReader {
  readonly locale: Locale;
  /** The title of an event or state of the case's workflow, by name. */
  readonly title?: (kind: 'event' | 'state', name: string) => string | undefined;
}

const SPANS: Readonly<Record<string, string>> = {
  remainingMs: 'remaining',
  spanMs: 'span',
  usedMs: 'used',
  targetMs: 'targetSpan',
  lateMs: 'late',
  pauseMs: 'pause',
};

/**
 * One line of a clock's explanation in the reader's language: a structured line from the catalogue,
 * instants in the zone the engine counted in (the calendar's); a plain string (clocks started before
 * lines were structured) or an unknown code as the English text it carries.
 */
export function clockLine(line: EffectNote, reader: ClockLineReader): string {
  if (typeof line === 'string') return line;
  const catalogue = clockCatalogues[reader.locale] ?? clockCatalogues['zh-CN'];
  if (!Object.hasOwn(catalogue.messages, line.code) || typeof line.args !== 'object' || line.args === null)
    return line.text || line.code;
  return catalogue.messages[line.code as ClockLineCode](readArgs(line.args, reader, catalogue));
}

function readArgs(
  args: Readonly<Record<string, NoteArg>>,
  reader: ClockLineReader,
  catalogue: ClockCatalogue,
): ClockArgs {
  const locale = reader.locale;
  const t = appTranslator(locale);
  const zone = typeof args['timeZone'] === 'string' ? args['timeZone'] : undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(args)) {
    if ((key === 'at' || key === 'from') && typeof value === 'number') out[key] = formatInstant(value, locale, zone);
    else if (SPANS[key] && typeof value === 'number') out[SPANS[key]!] = formatSpan(value, t);
    else if (typeof value === 'number') out[key] = String(value);
    else if (Array.isArray(value)) out[key] = value.join(catalogue.separator);
    else out[key] = localize(value as Localized, locale);
  }
  out['clock'] = args['clockTitle'] !== undefined ? localize(args['clockTitle'] as Localized, locale) : '';
  out['calendar'] =
    args['calendarTitle'] !== undefined
      ? localize(args['calendarTitle'] as Localized, locale)
      : (out['calendar'] ?? '');
  out['target'] = typeof args['target'] === 'string' ? durationWords(args['target'], catalogue) : '';
  out['after'] = typeof args['after'] === 'string' ? durationWords(args['after'], catalogue) : '';
  out['zone'] = zone ? zoneName(zone, locale) : '';
  out['why'] = whyText(args, reader, catalogue);
  if (Array.isArray(args['days']))
    out['days'] = (args['days'] as readonly string[])
      .map((d) => dayText(d, locale, catalogue))
      .join(catalogue.separator);
  return out;
}

function whyText(args: Readonly<Record<string, NoteArg>>, reader: ClockLineReader, catalogue: ClockCatalogue): string {
  const why = args['why'];
  if (typeof why !== 'string' || !Object.hasOwn(catalogue.why, why)) return '';
  const name = typeof args['whyName'] === 'string' ? args['whyName'] : '';
  const title = name ? reader.title?.(why === 'event' ? 'event' : 'state', name) : undefined;
  // Without a title the id stays out of the line: the phrase without the name still says why.
  return catalogue.why[why as keyof ClockCatalogue['why']]
    .replace(/[「"]?\{name\}[」"]?/, title ? (reader.locale === 'en' ? `"${title}"` : `「${title}」`) : '')
    .trim();
}

/** '24h' → '24 小时', '2d' → '2 天', '1d12h' → '1 天 12 小时': a target as the policy writes it. */
export function durationWords(text: string, catalogue: ClockCatalogue): string {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)\s*([wdhm])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text.replace(/\s+/g, '')) return '';
  return parts.map((p) => `${p[1]}${catalogue.units[p[2] as 'w' | 'd' | 'h' | 'm']}`).join(' ');
}

/** 'Asia/Shanghai' → 中国标准时间 / China Standard Time, as the browser names the zone. */
function zoneName(zone: string, locale: Locale): string {
  try {
    return (
      new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'long' })
        .formatToParts(Date.UTC(2026, 0, 15))
        .find((p) => p.type === 'timeZoneName')?.value ?? ''
    );
  } catch {
    return '';
  }
}

/** "2026-10-01 holiday (National Day)" (the calendar's English words) → 2026年10月1日（节假日）. */
function dayText(line: string, locale: Locale, catalogue: ClockCatalogue): string {
  const date = line.slice(0, 10);
  const kind = line.includes('make-up') ? 'makeup' : line.includes('holiday') ? 'holiday' : 'rest';
  const shown = /^\d{4}-\d{2}-\d{2}$/.test(date)
    ? new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        weekday: 'short',
        timeZone: 'UTC',
      }).format(Date.parse(`${date}T00:00:00Z`))
    : date;
  return locale === 'en' ? `${shown} (${catalogue.dayKinds[kind]})` : `${shown}（${catalogue.dayKinds[kind]}）`;
}
