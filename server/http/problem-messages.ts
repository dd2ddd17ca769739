import type { Locale } from '../../engine/localized.ts';
import { CASE_DATA_MAX } from '../../engine/runtime/case-size.ts';
import { localizedIssueField } from '../definitions/issue-fields.ts';
import { Problem, type ProblemField } from './problem.ts';
// The texts live in catalogues beside this file (engine/ and server/ hold no company words).
import en from './messages/en.json' with { type: 'json' };
import zhCN from './messages/zh-CN.json' with { type: 'json' };

/** A key of the refusal catalogues (server/http/messages/*.json). */
export type ProblemKey = keyof typeof en;
export type ProblemParams = Readonly<Record<string, string | number>>;

const catalogues: Readonly<Record<Locale, Readonly<Record<string, string>>>> = { 'zh-CN': zhCN, en };

/** The catalogue's text for `key` in `locale`, `{name}` filled from `params` (and `{max}`, the case-size limit). */
export function problemText(key: ProblemKey, locale: Locale, params: ProblemParams = {}): string {
  const template = (catalogues[locale] ?? catalogues['zh-CN'])[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : name === 'max' ? String(CASE_DATA_MAX) : whole,
  );
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

const hasKey = (code: string | undefined): code is ProblemKey => code !== undefined && Object.hasOwn(en, code);

/**
 * The problem in `locale`: its detail when the catalogue words it (saidProblem), each field error
 * of a known code (and the detail, when it is that error's), and each definition problem (file,
 * line, column and the validator's message, engine/definitions/messages). Anything else keeps the
 * engine's English, the text for programs and logs.
 */
export function localizedProblem(problem: Problem, locale: Locale): Problem {
  const said = problem.options.said;
  const errors = problem.options.errors;
  let detail = said && hasKey(said.key) ? problemText(said.key, locale, said.params) : problem.detail;
  let changed = detail !== problem.detail;
  const translated = errors?.map((e): ProblemField => {
    if (hasKey(e.code)) {
      const message = problemText(e.code, locale);
      if (e.message === problem.detail) detail = message;
      changed = true;
      return { ...e, message };
    }
    const field = localizedIssueField(e, locale);
    if (field !== e) changed = true;
    return field;
  });
  if (!changed) return problem;
  return new Problem(problem.status, detail, { ...problem.options, ...(translated ? { errors: translated } : {}) });
}
