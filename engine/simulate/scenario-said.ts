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
