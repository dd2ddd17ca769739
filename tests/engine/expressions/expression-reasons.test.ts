// covers: P-2, P-3 (issue 15 item 5)
// Why an expression does not compile is said from the validator's catalogues: the English is the
// compiler's own message (the CLI prints it, CONTRACT.md), the Chinese says the same detail (which
// function, which operator, what is missing) instead of only its kind.
import { describe, expect, it } from 'vitest';
import { formatIssueIn, validateSet } from '../../../engine/definitions/index.ts';
import { codedSaid, sayIn } from '../../../engine/definitions/said.ts';
import { compileExpression } from '../../../engine/expressions/index.ts';
import { readDefinitionFiles } from '../../../engine/definitions/index.ts';
import { englishWords } from '../../helpers/english-words.ts';

const BAD: readonly [source: string, zh: string][] = [
  ['sum(a, b', '这里缺少「)」'],
  ['foo(a)', '未知的函数「foo」（可用的函数：abs、'],
  ['a = 1', '这里不能写「=」'],
  ['round(a, 1, 2, 3)', '函数「round」需要 1 到 2 个参数，这里给了 4 个'],
  ['sum()', '函数「sum」至少需要 1 个参数，这里给了 0 个'],
  ['a.constructor', '不能使用「constructor」'],
  ['a; b', '只能写一个表达式'],
  ['this', '不能使用「this」'],
  ['a.toString()', '不能调用方法，请改用函数'],
  ['a[x]', '下标只能是直接写出的数字或文本'],
  ['a ** 2', '不能使用运算符「**」'],
  ['((((', '「(」没有闭合'],
  ['"abc', '引号没有闭合'],
  ['$a', '这里不能写「$」'],
  ['a'.repeat(2001), '表达式有 2001 个字符，最多 2000 个'],
];

describe('expression compile errors in the reader language', () => {
  it.each(BAD)('says %j with its detail in Chinese, and the compiler English as the en text', (source, zh) => {
    const compiled = compileExpression(source);
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.reason, 'a reason the catalogues word').toBeDefined();
    const said = codedSaid('expression', compiled.code, compiled.message, compiled.reason);
    expect(sayIn(said, 'en')).toBe(compiled.message);
    const chinese = sayIn(said, 'zh-CN');
    expect(chinese).toContain(zh);
    // the functions' names are the expression language the administrator writes, not English
    expect(englishWords(chinese.replace(/可用的函数：[^）]*/, '')), chinese).toEqual([]);
  });

  it('puts the detail into the validator problem a zh-CN administrator reads (a compute of the seed work order)', () => {
    const files = readDefinitionFiles('definitions').map((f) =>
      f.path.endsWith('forms/work-order.yaml')
        ? {
            ...f,
            text: f.text.replace(
              "compute: 'sum(visitFee, transportFee, travelFee, customerPaid)'",
              "compute: 'summ(visitFee)'",
            ),
          }
        : f,
    );
    const issues = validateSet(files, Date.parse('2026-06-01T00:00:00Z')).issues.filter((i) => i.severity === 'error');
    expect(issues).toHaveLength(1);
    expect(formatIssueIn(issues[0]!, 'zh-CN')).toMatch(
      /^definitions\/forms\/work-order\.yaml:\d+:\d+: 表达式有误（第 1 列）：未知的函数「summ」（可用的函数：abs、and、/,
    );
    expect(formatIssueIn(issues[0]!, 'en')).toMatch(
      /: unknown function summ\(\) \(known: abs, and, .*\) \(column 1\)$/,
    );
  });
});
