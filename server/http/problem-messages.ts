import type { Locale } from '../../engine/localized.ts';
import { CASE_DATA_MAX } from '../../engine/runtime/case-size.ts';
import { Problem } from './problem.ts';

/**
 * Refusals people read, by their error's code, in zh-CN and en: the engine's English message stays
 * the text for programs and logs, and a person is told in their language. A code not listed keeps the engine's message.
 */
const MESSAGES: Readonly<Record<string, Readonly<Record<Locale, string>>>> = {
  caseTooLarge: {
    'zh-CN': `案件数据已达上限（${CASE_DATA_MAX} 个字符），本次内容未保存，已有内容不变。请新建案件，或把长文本作为附件上传。`,
    en: `The case would hold more than ${CASE_DATA_MAX} characters of data; this was not saved and the case keeps what it has. Start a new case, or attach long texts as files.`,
  },
};

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
