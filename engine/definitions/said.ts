import type { Locale } from '../localized.ts';
import en from './messages/en.json' with { type: 'json' };
import zhCN from './messages/zh-CN.json' with { type: 'json' };

/** A key of the validator's catalogues (engine/definitions/messages/*.json, kept as JSON: no words in TypeScript). */
export type SaidKey = keyof typeof en;

/**
 * A value filled into a message: text or a number as written (ids, paths, values from the YAML),
 * another message (said in the same language), or a list joined as the language joins one
 * (`{ or: [...] }` for alternatives).
 */
export type SaidParam = string | number | Said | readonly SaidParam[] | { readonly or: readonly SaidParam[] };

/** What the validator says, as a catalogue key and its parameters: said in the reader's language where it is shown. */
export interface Said {
  readonly key: SaidKey;
  readonly params?: Readonly<Record<string, SaidParam>>;
}

export const say = (key: SaidKey, params?: Readonly<Record<string, SaidParam>>): Said =>
  params === undefined ? { key } : { key, params };

const catalogues: Readonly<Record<Locale, Readonly<Record<string, string>>>> = { 'zh-CN': zhCN, en };

/** The message in `locale` (zh-CN when the locale has no catalogue); a parameter not given stays as `{name}`. */
export function sayIn(said: Said, locale: Locale): string {
  const catalogue = catalogues[locale] ?? catalogues['zh-CN']!;
  const template = catalogue[said.key] ?? en[said.key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = said.params?.[name];
    return value === undefined ? whole : param(value, locale);
  });
}

function param(value: SaidParam, locale: Locale): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const catalogue = catalogues[locale] ?? catalogues['zh-CN']!;
  if (Array.isArray(value))
    return (value as readonly SaidParam[]).map((v) => param(v, locale)).join(catalogue['_list']);
  if ('or' in value) return value.or.map((v) => param(v, locale)).join(catalogue['_or']);
  return sayIn(value as Said, locale);
}

/** Items listed as `locale` lists them (its catalogue's `_list`), or the catalogue's word for none. */
export function listIn(items: readonly string[], locale: Locale): string {
  const catalogue = catalogues[locale] ?? catalogues['zh-CN']!;
  return items.length > 0 ? items.join(catalogue['_list']) : catalogue['none']!;
}

/** A definition kind as a reader names it (its title in the catalogue; the kind itself when it has none). */
export function kindSaid(kind: string): SaidParam {
  return Object.hasOwn(en, `kind.${kind}`) ? say(`kind.${kind}` as SaidKey) : kind;
}

/**
 * A problem another module words in English by a code (an expression's compile error): said by its
 * reason, `PREFIX.reason.KEY` with the reason's parameters, where the catalogue has it; else by
 * `PREFIX.CODE` (its en entry is the English `message` as given); else as given.
 */
export function codedSaid(
  prefix: string,
  code: string,
  message: string,
  reason?: { readonly key: string; readonly params?: Readonly<Record<string, string | number | readonly string[]>> },
): Said {
  const why = reason && `${prefix}.reason.${reason.key}`;
  if (why && Object.hasOwn(en, why)) return say(why as SaidKey, reason.params ?? {});
  const key = `${prefix}.${code}`;
  return say(Object.hasOwn(en, key) ? (key as SaidKey) : 'asGiven', { message });
}

/** `known: a, b` (or none): the names a reference could have used. */
export function knownList(names: readonly string[]): Said {
  return names.length ? say('known.list', { names }) : say('known.nothing');
}

/** Every key, for tests that hold the catalogues to each other. */
export const saidKeys = (): string[] => Object.keys(en);

/** Whether the catalogues have `key`. */
export const isSaidKey = (key: string): key is SaidKey => Object.hasOwn(en, key);
