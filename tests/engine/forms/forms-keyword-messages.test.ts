// covers: P-4 (issue 15 item 5)
// Each JSON Schema keyword a form's data can fail says what it expected, by the field's label, in
// both languages: a type or a format in words, the value asked for, the limits, the options.
import { describe, expect, it } from 'vitest';
import type { Definition } from '../../../engine/definitions/kind.ts';
import { compileForm } from '../../../engine/forms/index.ts';
import type { FormSpec } from '../../../engine/forms/form-model.ts';
import { fromAjvError } from '../../../engine/forms/ajv-errors.ts';

const def = {
  apiVersion: 'serviceframe/v1',
  kind: 'Form',
  metadata: { name: 'probe', title: { zh: '探针', en: 'Probe' } },
  spec: {
    fields: [
      { name: 'note', type: 'text', label: { zh: '备注', en: 'Note' }, maxLength: 3 },
      { name: 'count', type: 'number', label: { zh: '数量', en: 'Count' }, min: 1, max: 5 },
      { name: 'kind', type: 'enum', label: { zh: '类别', en: 'Kind' }, options: [{ value: 'a', label: 'A' }] },
    ],
  },
} as unknown as Definition<FormSpec>;
const form = compileForm(def);
const roots = new Map();

/** [the data, the field, en, zh]. */
const cases: [Record<string, unknown>, string, string, string][] = [
  [{ note: 5 }, '/note', 'Note must be text', '备注应为文本'],
  [{ note: 'long text' }, '/note', 'Note must be at most 3 characters', '备注最多3个字符'],
  [{ count: 'x' }, '/count', 'Count must be a number', '数量应为数字'],
  [{ count: 9 }, '/count', 'Count must be at most 5', '数量不能大于5'],
  [{ kind: 'b' }, '/kind', 'Kind: choose one of the listed options', '类别请从选项中选择'],
  [{ other: 1 }, '/other', 'other', '不是本表单的字段'],
];

describe("a form's data refused keyword by keyword", () => {
  it.each(cases)('%j', (data, path, en, zh) => {
    const inEnglish = form.validate(data, { locale: 'en' });
    const inChinese = form.validate(data, { locale: 'zh-CN' });
    expect(inEnglish.ok).toBe(false);
    expect(inEnglish.ok ? [] : inEnglish.errors.find((e) => e.path === path)?.message).toContain(en);
    expect(inChinese.ok ? [] : inChinese.errors.find((e) => e.path === path)?.message).toContain(zh);
  });

  it('says a format, a constant, a step and an exclusive limit in words', () => {
    const say = (keyword: string, params: Record<string, unknown>, locale: 'en' | 'zh-CN') =>
      fromAjvError({ keyword, instancePath: '/when', params }, roots, locale, '探针').message;
    expect(say('format', { format: 'date' }, 'zh-CN')).toBe('探针须为日期（YYYY-MM-DD）');
    expect(say('format', { format: 'email' }, 'en')).toBe('探针 must be an email address');
    expect(say('const', { allowedValue: 'yes' }, 'zh-CN')).toBe('探针须为 "yes"');
    expect(say('multipleOf', { multipleOf: 0.01 }, 'zh-CN')).toBe('探针须为 0.01 的整数倍');
    expect(say('exclusiveMinimum', { limit: 0 }, 'zh-CN')).toBe('探针必须大于0');
    expect(say('type', { type: 'integer' }, 'zh-CN')).toBe('探针应为整数');
    expect(say('type', { type: 'boolean' }, 'en')).toBe('探针 must be yes or no');
  });
});
