import type { Locale } from '../../engine/localized.ts';
import { CASE_DATA_MAX } from '../../engine/runtime/case-size.ts';
import { Problem } from './problem.ts';
// The texts live in catalogues beside this file (engine/ and server/ hold no company words).
import en from './messages/en.json' with { type: 'json' };
import zhCN from './messages/zh-CN.json' with { type: 'json' };

/**
 * Refusals people read, by their error's code, in zh-CN and en: the engine's English message stays
 * the text for programs and logs, and a person is told in their language. A code not listed keeps the engine's message.
 */
const fill = (text: string) => text.replaceAll('{max}', String(CASE_DATA_MAX));
const MESSAGES: Readonly<Record<string, Readonly<Record<Locale, string>>>> = Object.fromEntries(
  Object.keys(en).map((code) => [
    code,
    { 'zh-CN': fill((zhCN as Record<string, string>)[code] ?? ''), en: fill((en as Record<string, string>)[code]!) },
  ]),
);

/** The problem with each field error of a known code (and the detail, when it is that error's) in `locale`. */
export function localizedProblem(problem: Problem, locale: Locale): Problem {
  const errors = problem.options.errors;
  if (!errors?.some((e) => e.code !== undefined && Object.hasOwn(MESSAGES, e.code))) return problem;
  let detail = problem.detail;
  const translated = errors.map((e) => {
    const texts = e.code !== undefined && Object.hasOwn(MESSAGES, e.code) ? MESSAGES[e.code]! : undefined;
    if (!texts) return e;
    const message = texts[locale] ?? texts['zh-CN'];
    if (e.message === problem.detail) detail = message;
    return { ...e, message };
  });
  return new Problem(problem.status, detail, { ...problem.options, errors: translated });
}
