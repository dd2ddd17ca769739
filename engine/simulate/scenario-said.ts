import { say, type Said, type SaidParam } from '../definitions/said.ts';
import { localize, type Localized } from '../localized.ts';
import { formatInstant } from '../sla/explain-clock.ts';
import { isoInZone } from './instant-text.ts';

/**
 * What a failed scenario says, as catalogue keys (engine/definitions/messages): the English is
 * what `serviceframe simulate` has always printed; the editor says it in the reader's language.
 * A check not converted yet says its English as given.
 */
export type ScenarioProblem = string | Said;

export const asSaid = (p: ScenarioProblem): Said => (typeof p === 'string' ? say('asGiven', { message: p }) : p);

/** Problems one after another (English joins them with '; '). */
export function allOf(problems: readonly ScenarioProblem[]): Said {
  const [first, ...rest] = problems.map(asSaid);
  return rest.length === 0 ? first! : say('scenario.and', { first: first!, rest: allOf(rest) });
}

/**
 * A definition by its Chinese title for a Chinese reader; in English by its name, as `serviceframe simulate` has
 * always named it (and as the scenario writes it).
 */
export const titleSaid = (title: Localized | undefined, name: string): SaidParam =>
  say('scenario.text', { zh: (title === undefined ? '' : localize(title, 'zh-CN')) || name, en: name });

/** An instant: ISO with the offset in English (pasted back into a scenario), local minutes otherwise. */
export const instantSaid = (t: number | null, timeZone: string): SaidParam =>
  t === null
    ? say('scenario.none')
    : say('scenario.instant', { iso: isoInZone(t, timeZone), local: local(t, timeZone) });

/** "2026/09/15 05:00" in the zone. */
const local = (t: number, timeZone: string): string => formatInstant(t, timeZone).replace(/-/g, '/');

/** The step's kind as a reader names it, when the catalogue knows it. */
export const kindSaid = (kind: string): SaidParam =>
  ['as', 'create', 'send', 'advance', 'find', 'expect', 'note'].includes(kind)
    ? say(`scenario.kind.${kind}` as Said['key'])
    : kind;

/** Words that differ by language beyond the catalogue's template: `en` as the English always read, `zh` for Chinese. */
export const both = (en: SaidParam, zh: SaidParam): Said => say('scenario.text', { en, zh });

/** A value as the English has always shown it (JSON); in Chinese, yes/no/empty/unset in words. */
export function valueSaid(v: unknown): SaidParam {
  if (v === undefined) return say('scenario.unset');
  if (v === null) return say('scenario.null');
  if (v === true) return say('scenario.yes');
  if (v === false) return say('scenario.no');
  return JSON.stringify(v);
}

/** Names, or the word for none. */
export const namesOrNone = (names: readonly SaidParam[]): SaidParam => (names.length ? names : say('scenario.none'));

/**
 * What a scenario's pattern asks for ({ template: x, to: y }): its JSON in English, as written; in Chinese each key
 * by its word and each value as `value` names it.
 */
export function patternSaid(
  pattern: unknown,
  value: (key: string, v: unknown) => SaidParam = (_k, v) => valueSaid(v),
): Said {
  const entries = Object.entries((pattern ?? {}) as Record<string, unknown>).map(([k, v]) =>
    say('scenario.entry', { key: keySaid(k), value: value(k, v) }),
  );
  return both(JSON.stringify(pattern), entries);
}

const KEYS = ['template', 'to', 'channel', 'urgent', 'notBefore', 'fact', 'unit', 'case', 'reason', 'data'];
const keySaid = (key: string): SaidParam => (KEYS.includes(key) ? say(`scenario.key.${key}` as Said['key']) : key);

/** A notification channel as a reader names it. */
export const channelSaid = (channel: string): SaidParam =>
  ['sms', 'email', 'inapp'].includes(channel) ? say(`scenario.channel.${channel}` as Said['key']) : channel;

/** A clock's status as a reader names it. */
export const statusSaid = (status: string): SaidParam =>
  ['running', 'paused', 'stopped', 'not-started'].includes(status)
    ? say(`scenario.status.${status}` as Said['key'])
    : status;
