// Issue 15 item 5: a refusal a person reads is said in their language, by its error's code.
import { describe, expect, it } from 'vitest';
import { CASE_DATA_MAX, checkCaseSize } from '../../engine/runtime/case-size.ts';
import { problemOf } from '../../server/http/error-status.ts';
import { localizedProblem } from '../../server/http/problem-messages.ts';
import { Problem } from '../../server/http/problem.ts';

function tooLarge(): Problem {
  try {
    checkCaseSize([{ record: { data: { text: 'x'.repeat(200) } } } as never], { username: 'u' } as never, 100);
  } catch (e) {
    return problemOf(e)!;
  }
  throw new Error('not refused');
}

describe("refusals in the reader's language", () => {
  it('says the case-size refusal in Chinese and in English, code and path kept', () => {
    const zh = localizedProblem(tooLarge(), 'zh-CN').body();
    expect(zh).toMatchObject({ status: 422, errors: [{ path: '', code: 'caseTooLarge' }] });
    expect((zh.errors as { message: string }[])[0]!.message).toContain(`案件数据已达上限（${CASE_DATA_MAX} 个字符）`);
    expect(zh.detail).toContain('案件数据已达上限');
    const en = localizedProblem(tooLarge(), 'en').body();
    expect((en.errors as { message: string }[])[0]!.message).toMatch(/^The case would hold more than/);
  });

  it('keeps a refusal whose code it has no words for as the engine wrote it', () => {
    const p = new Problem(422, 'invalid data', {
      code: 'INVALID_DATA',
      errors: [{ path: '/x', code: 'required', message: '请填写 x' }],
    });
    expect(localizedProblem(p, 'en')).toBe(p);
  });
});
