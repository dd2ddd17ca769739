import type { Context } from 'hono';
import { localize, type Locale } from '../../engine/localized.ts';
import { CASE_DATA_MAX } from '../../engine/runtime/case-size.ts';
import type { AppEnv } from '../context.ts';
import { localizedIssueField } from '../definitions/issue-fields.ts';
import { Problem, type ProblemField, type ProblemParam } from './problem.ts';
// The texts live in catalogues beside this file (engine/ and server/ hold no company words).
import en from './messages/en.json' with { type: 'json' };
import zhCN from './messages/zh-CN.json' with { type: 'json' };

/** A key of the refusal catalogues (server/http/messages/*.json). */
export type ProblemKey = keyof typeof en;
export type ProblemParams = Readonly<Record<string, ProblemParam>>;

const catalogues: Readonly<Record<Locale, Readonly<Record<string, string>>>> = { 'zh-CN': zhCN, en };

/** The catalogue's text for `key` in `locale`, `{name}` filled from `params` (and `{max}`, the case-size limit). */
export function problemText(key: ProblemKey, locale: Locale, params: ProblemParams = {}): string {
  const template = (catalogues[locale] ?? catalogues['zh-CN'])[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value !== undefined) return typeof value === 'object' ? localize(value, locale) : String(value);
    return name === 'max' ? String(CASE_DATA_MAX) : whole;
  });
}

/**
 * A refusal a person reads, in the catalogue's words: the detail in English (programs, logs) until
 * the edge says it in the reader's language (localizedProblem).
 */
export function saidProblem(
  status: number,
  key: ProblemKey,
  params: ProblemParams = {},
  options: ConstructorParameters<typeof Problem>[2] = {},
): Problem {
  return new Problem(status, problemText(key, 'en', params), { ...options, said: { key, params } });
}

/** The catalogue words of fields made by saidField (not sent: the field's own members are). */
const fieldSaid = new WeakMap<ProblemField, { readonly key: ProblemKey; readonly params: ProblemParams }>();

/**
 * A field problem in the catalogue's words: its message in English until the edge says it in the
 * reader's language. `extra` are the field's other members (a code, limits), sent as given.
 */
export function saidField(
  path: string,
  key: ProblemKey,
  params: ProblemParams = {},
  extra: Readonly<Record<string, unknown>> = {},
): ProblemField {
  const field: ProblemField = { ...extra, path, message: problemText(key, 'en', params) };
  fieldSaid.set(field, { key, params });
  return field;
}

/** `notFound.case` … : what a 404 names. */
type NotFoundWhat = ProblemKey extends infer K ? (K extends `notFound.${infer W}` ? W : never) : never;

export const notFound = (what: NotFoundWhat) => saidProblem(404, `notFound.${what}`, {}, { code: 'NOT_FOUND' });
export const unauthorized = (key: ProblemKey = 'unauthorized.logInFirst') =>
  saidProblem(401, key, {}, { code: 'UNAUTHORIZED', headers: { 'www-authenticate': 'Bearer' } });
export const forbidden = (key: ProblemKey) => saidProblem(403, key, {}, { code: 'FORBIDDEN' });

/** Whether the catalogues word `code`. */
export const isProblemKey = (code: string | undefined): code is ProblemKey =>
  code !== undefined && Object.hasOwn(en, code);
const hasKey = isProblemKey;

/**
 * The problem in `locale`: its detail when the catalogue words it (saidProblem), each field error
 * said by saidField or of a known code (and the detail, when it is that error's), and each
 * definition problem (file, line, column and the validator's message, engine/definitions/messages).
 * Anything else keeps the engine's English, the text for programs and logs.
 */
export function localizedProblem(problem: Problem, locale: Locale): Problem {
  const said = problem.options.said;
  const errors = problem.options.errors;
  let detail = said && hasKey(said.key) ? problemText(said.key, locale, said.params) : problem.detail;
  let changed = detail !== problem.detail;
  const translated = errors?.map((e): ProblemField => {
    const field = localizedField(e, locale);
    if (field === e) return e;
    if (!said && e.message === problem.detail) detail = field.message;
    changed = true;
    return field;
  });
  if (!changed) return problem;
  return new Problem(problem.status, detail, { ...problem.options, ...(translated ? { errors: translated } : {}) });
}

/** A field problem in `locale`: said by saidField, of a catalogue code, or a definition problem; else as it is. */
export function localizedField(e: ProblemField, locale: Locale): ProblemField {
  const own = fieldSaid.get(e);
  if (own) return { ...e, message: problemText(own.key, locale, own.params) };
  if (hasKey(e.code)) return { ...e, message: problemText(e.code, locale) };
  return localizedIssueField(e, locale);
}

/**
 * The language a request's reader reads: the first of Accept-Language's languages the catalogues
 * have (the app sends the one chosen on screen), else the user's own, else Chinese.
 */
export function readerLocale(c: Context<AppEnv>): Locale {
  return (
    localeOfHeader(c.req.header('accept-language')) ??
    (c.get('user') as AppEnv['Variables']['user'] | undefined)?.locale ??
    'zh-CN'
  );
}

/** The best of Accept-Language's languages (by q, then order) that is Chinese or English. */
export function localeOfHeader(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((r) => /^\s*q=([\d.]+)\s*$/i.exec(r)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((l) => l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return undefined;
}
