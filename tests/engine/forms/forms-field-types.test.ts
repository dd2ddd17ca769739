import { describe, expect, it } from 'vitest';
import type { Definition } from '../../../engine/definitions/kind.ts';
import { compileForm, type FieldSpec, type FormSpec } from '../../../engine/forms/index.ts';

// One form holding one field of each type, so each case states only the value under test.
const field = (name: string, type: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  type,
  label: { zh: `字段${name}`, en: `Field ${name}` },
  ...extra,
});
const def: Definition<FormSpec> = {
  apiVersion: 'serviceframe/v1',
  kind: 'Form',
  metadata: { name: 'all-types' },
  spec: {
    fields: [
      field('text', 'text', { minLength: 2, maxLength: 5 }),
      field('code', 'text', {
        pattern: '^[A-Z]{2}-\\d{3}$',
        patternMessage: { zh: '型号形如 AB-123', en: 'Model looks like AB-123' },
      }),
      field('textarea', 'textarea', { maxLength: 10 }),
      field('number', 'number', { min: 1, max: 5 }),
      field('money', 'money'),
      field('date', 'date'),
      field('datetime', 'datetime'),
      field('enum', 'enum', {
        options: [
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ],
      }),
      field('enums', 'enum', {
        multiple: true,
        options: [
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ],
      }),
      field('yesno', 'yesno'),
      field('phone', 'phone'),
      field('mobile', 'mobile'),
      field('postcode', 'postcode'),
      field('uscc', 'uscc'),
      field('email', 'email'),
      field('signature', 'signature'),
      field('attachment', 'attachment'),
      field('attachments', 'attachment', { multiple: true }),
      field('group', 'group', { fields: [field('inner', 'text')] }),
      field('rows', 'rows', { minRows: 1, maxRows: 2, fields: [field('amount', 'money')] }),
    ],
  },
};
const form = compileForm(def);
const sig = { image: 'data:image/png;base64,iVBORw0KGgo=', signedAt: '2024-05-01T09:30:00+08:00' };

describe('every field type accepts valid values', () => {
  it.each<[string, unknown]>([
    ['text', 'abc'],
    ['code', 'AB-123'],
    ['textarea', 'a\nb'],
    ['number', 3.5],
    ['number', 1],
    ['money', 0],
    ['money', 1234.56],
    ['money', 0.1],
    ['money', 19.99],
    ['date', '2024-02-29'],
    ['datetime', '2024-05-01T09:30:00+08:00'],
    ['datetime', '2024-05-01T01:30:00Z'],
    ['enum', 'b'],
    ['enums', ['a', 'b']],
    ['yesno', false],
    ['phone', '010-12345678'],
    ['phone', '0571-8888888-123'],
    ['phone', '13812345678'],
    ['mobile', '13812345678'],
    ['mobile', '+8619912345678'],
    ['postcode', '310000'],
    ['uscc', '91350100M000100Y43'],
    ['uscc', '91350026MA10000260'],
    ['email', 'li.wei@example.cn'],
    ['signature', sig],
    ['signature', { ...sig, signer: 'Li Wei' }],
    ['attachment', { id: 'f1', name: 'report.pdf', size: 1024, contentType: 'application/pdf' }],
    [
      'attachments',
      [
        { id: 'f1', name: 'a.png' },
        { id: 'f2', name: 'b.png' },
      ],
    ],
    ['group', { inner: 'x' }],
    ['rows', [{ amount: 5 }, { amount: 6.5 }]],
  ])('%s = %j', (name, value) => {
    const result = form.validate({ rows: [{}], [name]: value });
    expect(result).toEqual({ ok: true, data: expect.objectContaining({ [name]: value }) });
  });
});

describe('every field type rejects invalid values with its code, its path and a message in both languages', () => {
  it.each<[string, unknown, string, string, string, string?]>([
    ['text', 'a', '/text', 'minLength', '字段text至少2个字符', 'Field text must be at least 2 characters'],
    ['text', 'abcdef', '/text', 'maxLength', '字段text最多5个字符', 'Field text must be at most 5 characters'],
    ['text', 12, '/text', 'type', '字段text应为文本', 'Field text must be text'],
    ['code', 'ab-123', '/code', 'pattern', '型号形如 AB-123', 'Model looks like AB-123'],
    [
      'textarea',
      '12345678901',
      '/textarea',
      'maxLength',
      '字段textarea最多10个字符',
      'Field textarea must be at most 10 characters',
    ],
    ['number', 0, '/number', 'min', '字段number不能小于1', 'Field number must be at least 1'],
    ['number', 6, '/number', 'max', '字段number不能大于5', 'Field number must be at most 5'],
    ['number', '3', '/number', 'type', '字段number应为数字', 'Field number must be a number'],
    [
      'money',
      1.234,
      '/money',
      'money',
      '字段money须为以元为单位、最多两位小数的金额',
      'Field money must be an amount in yuan with at most 2 decimals',
    ],
    [
      'money',
      '12.00',
      '/money',
      'money',
      '字段money须为以元为单位、最多两位小数的金额',
      'Field money must be an amount in yuan with at most 2 decimals',
    ],
    ['money', -1, '/money', 'min', '字段money不能小于0', 'Field money must be at least 0'],
    ['date', '2023-02-29', '/date', 'date', '字段date须为日期（YYYY-MM-DD）', 'Field date must be a date (YYYY-MM-DD)'],
    ['date', '2024/05/01', '/date', 'date', '字段date须为日期（YYYY-MM-DD）', 'Field date must be a date (YYYY-MM-DD)'],
    [
      'datetime',
      '2024-05-01T09:30:00',
      '/datetime',
      'datetime',
      '字段datetime须为带时区的日期时间，如 2024-05-01T09:30:00+08:00',
      'Field datetime must be a date and time with time zone, e.g. 2024-05-01T09:30:00+08:00',
    ],
    ['enum', 'c', '/enum', 'enum', '字段enum请从选项中选择', 'Field enum: choose one of the listed options'],
    [
      'enums',
      ['a', 'c'],
      '/enums/1',
      'enum',
      '字段enums请从选项中选择',
      'Field enums: choose one of the listed options',
    ],
    ['enums', ['a', 'a'], '/enums', 'unique', '字段enums的选项不能重复', 'Field enums: each option may be chosen once'],
    ['yesno', 'yes', '/yesno', 'yesno', '字段yesno请选择是或否', 'Field yesno: answer yes or no'],
    [
      'phone',
      '12345678',
      '/phone',
      'phone',
      '字段phone须为有效的电话号码，如 010-12345678、0571-8888888-123 或手机号码',
      'Field phone must be a phone number such as 010-12345678, 0571-8888888-123 or a mobile number',
    ],
    [
      'phone',
      '12012345678',
      '/phone',
      'phone',
      '字段phone须为有效的电话号码，如 010-12345678、0571-8888888-123 或手机号码',
      'Field phone must be a phone number such as 010-12345678, 0571-8888888-123 or a mobile number',
    ],
    [
      'mobile',
      '010-12345678',
      '/mobile',
      'mobile',
      '字段mobile须为有效的手机号码，如 13812345678',
      'Field mobile must be a mainland mobile number, e.g. 13812345678',
    ],
    [
      'mobile',
      '12012345678',
      '/mobile',
      'mobile',
      '字段mobile须为有效的手机号码，如 13812345678',
      'Field mobile must be a mainland mobile number, e.g. 13812345678',
    ],
    [
      'postcode',
      '31000',
      '/postcode',
      'postcode',
      '字段postcode须为6位数字邮政编码',
      'Field postcode must be a 6-digit postcode',
    ],
    [
      'uscc',
      '91350100M000100Y42',
      '/uscc',
      'uscc',
      '字段uscc须为有效的18位统一社会信用代码',
      'Field uscc must be a valid 18-character unified social credit code',
    ],
    [
      'uscc',
      '91350026MA1000026Y',
      '/uscc',
      'uscc',
      '字段uscc须为有效的18位统一社会信用代码',
      'Field uscc must be a valid 18-character unified social credit code',
    ],
    [
      'uscc',
      '91350100m000100y43',
      '/uscc',
      'uscc',
      '字段uscc须为有效的18位统一社会信用代码',
      'Field uscc must be a valid 18-character unified social credit code',
    ],
    ['email', 'li.wei@', '/email', 'email', '字段email须为有效的电子邮箱地址', 'Field email must be an e-mail address'],
    [
      'signature',
      { image: 'data:image/jpeg;base64,AAAA', signedAt: sig.signedAt },
      '/signature/image',
      'signature',
      '字段signature须包含签名图片和签署时间',
      'Field signature must be a signature image with the signing time',
    ],
    [
      'signature',
      { image: sig.image },
      '/signature/signedAt',
      'signature',
      '字段signature须包含签名图片和签署时间',
      'Field signature must be a signature image with the signing time',
    ],
    [
      'attachment',
      { id: 'f1' },
      '/attachment/name',
      'attachment',
      '字段attachment须引用已上传的文件（编号和名称）',
      'Field attachment must refer to an uploaded file (id and name)',
    ],
    [
      'attachments',
      [
        { id: 'f1', name: 'a' },
        { id: 'f2', name: 'b', size: -1 },
      ],
      '/attachments/1/size',
      'attachment',
      '字段attachments须引用已上传的文件（编号和名称）',
      'Field attachments must refer to an uploaded file (id and name)',
    ],
    ['group', 'flat', '/group', 'type', '字段group应为一组值', 'Field group must be a group of values'],
    [
      'rows',
      [{ amount: 1 }, { amount: 2 }, { amount: 3 }],
      '/rows',
      'maxRows',
      '字段rows最多2行',
      'Field rows allows at most 2 rows',
    ],
    ['rows', [], '/rows', 'minRows', '字段rows至少需要1行', 'Field rows needs at least 1 rows'],
  ])('%s = %j → %s %s', (name, value, path, code, zh, en) => {
    const data = { rows: [{}], [name]: value };
    expect(form.validate(data)).toEqual({ ok: false, errors: [{ path, code, message: zh }] });
    expect(form.validate(data, { locale: 'en' })).toEqual({ ok: false, errors: [{ path, code, message: en }] });
  });
});

describe('values', () => {
  it('drops empty text and null as not filled', () => {
    const result = form.validate({ rows: [{}], text: '', money: null });
    expect(result).toEqual({ ok: true, data: { rows: [{}], group: {} } });
  });

  it('reports every error, not only the first', () => {
    const result = form.validate({ rows: [], text: 'a', postcode: '1', uscc: '91350100M000100Y42' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path).sort()).toEqual(['/postcode', '/rows', '/text', '/uscc']);
  });

  it('rejects data that is not an object', () => {
    expect(form.validate([1], { locale: 'en' })).toEqual({
      ok: false,
      errors: [{ path: '', code: 'type', message: 'all-types has the wrong kind of value' }],
    });
  });
});
