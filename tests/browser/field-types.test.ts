import type { SfForm } from '../../ui/components/sf-form.ts';
import { fieldId } from '../../ui/components/field-id.ts';
import { fieldTypes } from '../../ui/fields/index.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import {
  check,
  cleanup,
  controlOf,
  engineErrors,
  errorOf,
  fieldOf,
  formDefinition,
  hasChinese,
  mount,
  root,
  select,
  submit,
  type,
} from './helpers.ts';

interface Case {
  type: string;
  field?: Record<string, unknown>;
  /** Puts a value the engine rejects (beyond "required") into the field, if the type has one. */
  invalid?: (el: SfForm) => Promise<void>;
  valid: (el: SfForm) => Promise<void>;
  expected: unknown;
}

const P = '/f';
const opts = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ value: `o${i}`, label: { zh: `选项${i}`, en: `Option ${i}` } }));

const cases: Case[] = [
  {
    type: 'text',
    field: { maxLength: 5 },
    invalid: (el) => type(el, P, 'abcdefgh'),
    valid: (el) => type(el, P, '张三'),
    expected: '张三',
  },
  {
    type: 'textarea',
    field: { maxLength: 5 },
    invalid: (el) => type(el, P, '一二三四五六七'),
    valid: (el) => type(el, P, '一行\n二行'),
    expected: '一行\n二行',
  },
  {
    type: 'number',
    field: { min: 1 },
    invalid: (el) => type(el, P, '0'),
    valid: (el) => type(el, P, '3'),
    expected: 3,
  },
  { type: 'money', invalid: (el) => type(el, P, '12.345'), valid: (el) => type(el, P, '12.34'), expected: 12.34 },
  { type: 'date', valid: (el) => type(el, P, '2024-05-01'), expected: '2024-05-01' },
  { type: 'datetime', valid: (el) => type(el, P, '2024-05-01T09:30'), expected: undefined },
  { type: 'enum', field: { options: opts(6) }, valid: (el) => select(el, P, 'o4'), expected: 'o4' },
  { type: 'enum', field: { options: opts(3) }, valid: (el) => check(el, P, 'Option 1'), expected: 'o1' },
  {
    type: 'enum',
    field: { options: opts(3), multiple: true },
    valid: async (el) => {
      await check(el, P, 'Option 2');
      await check(el, P, 'Option 0');
    },
    expected: ['o0', 'o2'],
  },
  { type: 'yesno', valid: (el) => check(el, P, 'No'), expected: false },
  {
    type: 'phone',
    invalid: (el) => type(el, P, '12345'),
    valid: (el) => type(el, P, '010-12345678'),
    expected: '010-12345678',
  },
  {
    type: 'mobile',
    invalid: (el) => type(el, P, '2380013800'),
    valid: (el) => type(el, P, '13800138000'),
    expected: '13800138000',
  },
  { type: 'postcode', invalid: (el) => type(el, P, '10008'), valid: (el) => type(el, P, '100080'), expected: '100080' },
  {
    type: 'uscc',
    invalid: (el) => type(el, P, '91350100M000100Y44'),
    valid: (el) => type(el, P, '91350100m000100y43'),
    expected: '91350100M000100Y43',
  },
  {
    type: 'email',
    invalid: (el) => type(el, P, 'someone@'),
    valid: (el) => type(el, P, 'li.si@example.cn'),
    expected: 'li.si@example.cn',
  },
  {
    type: 'attachment',
    valid: async (el) => {
      const input = controlOf(el, P)!;
      const files = new DataTransfer();
      files.items.add(new File(['%PDF-1.4'], '验收单.pdf', { type: 'application/pdf' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      await el.updateComplete;
    },
    expected: undefined,
  },
];

describe('every field type', () => {
  afterEach(cleanup);

  it('has a renderer for each type the form model names', () => {
    for (const t of [
      'text',
      'textarea',
      'number',
      'money',
      'date',
      'datetime',
      'enum',
      'yesno',
      'phone',
      'mobile',
      'postcode',
      'uscc',
      'email',
      'signature',
      'attachment',
      'group',
      'rows',
      'user',
    ]) {
      ok(fieldTypes.has(t), `no renderer for ${t}`);
    }
  });

  // Each case ends in English: after the zh-CN check the locale is switched, so choices read in English.
  for (const c of cases) {
    const name = `${c.type}${c.field?.['multiple'] ? ' (multiple)' : c.field?.['options'] ? ` (${(c.field['options'] as unknown[]).length} options)` : ''}`;
    it(`${name}: renders accessibly, shows the engine's messages in zh-CN and en, and submits its value`, async () => {
      // given a form with one required field of this type
      const form = formDefinition([
        { name: 'f', type: c.type, label: { zh: '字段', en: 'Field' }, required: true, ...c.field },
      ]);
      const el = await mount({ form });
      const field = fieldOf(el, P);
      ok(field, 'the field is rendered');
      equal(field.dataset['type'], c.type);
      const control = controlOf(el, P);
      ok(control, 'the main control carries the field id');
      const label = field.querySelector(':scope > legend') ?? root(el).querySelector(`label[for="${fieldId(P)}"]`);
      match(label?.textContent, /字段/, 'labelled by <label for> or a legend');
      equal(control.getAttribute('aria-invalid'), 'false');

      // when submitted empty
      equal(await submit(el), undefined, 'an empty required field blocks submit');
      // then the engine's own message is shown at the field, described and marked invalid
      const zh = engineErrors(form, {}, 'zh-CN').find((e) => e.path === P)?.message;
      ok(zh && hasChinese.test(zh), 'the engine reports the missing field in Chinese');
      equal(errorOf(el, P), zh);
      equal(controlOf(el, P)!.getAttribute('aria-invalid'), 'true');
      match(controlOf(el, P)!.getAttribute('aria-describedby'), new RegExp(`${fieldId(P)}-error`));

      // and in English when the locale changes
      el.locale = 'en';
      await el.updateComplete;
      const en = engineErrors(form, {}, 'en').find((e) => e.path === P)?.message;
      ok(en && !hasChinese.test(en), 'the engine reports it in English');
      equal(errorOf(el, P), en);

      if (c.invalid) {
        // when a malformed value is entered, the engine's format message replaces "required"
        await c.invalid(el);
        const bad = engineErrors(form, el.data, 'en').find((e) => e.path === P)?.message;
        ok(bad && bad !== en, `the engine rejects the malformed ${c.type} with its own message`);
        equal(errorOf(el, P), bad);
      }

      // when a valid value is entered, the message goes and the value is submitted
      await c.valid(el);
      equal(errorOf(el, P), '');
      equal(controlOf(el, P)!.getAttribute('aria-invalid'), 'false');
      const submitted = (await submit(el)) as { data: Record<string, unknown> } | undefined;
      ok(submitted, 'valid data is submitted');
      if (c.expected !== undefined) deepEqual(submitted.data['f'], c.expected);
      else ok(submitted.data['f'] !== undefined, 'a value was submitted');
    });
  }

  it('datetime: stores RFC 3339 with the local offset and shows local time back', async () => {
    const form = formDefinition([{ name: 'f', type: 'datetime', label: '时间' }]);
    const el = await mount({ form });
    await type(el, P, '2024-05-01T09:30');
    match((el.data as Record<string, string>)['f'], /^2024-05-01T09:30:00[+-]\d{2}:\d{2}$/);
    equal(new Date((el.data as Record<string, string>)['f']!).getHours(), 9);
    equal(controlOf(el, P)!.value, '2024-05-01T09:30');
  });

  it('attachment: stores a reference with name, size and content type', async () => {
    const form = formDefinition([{ name: 'f', type: 'attachment', label: '附件' }]);
    const el = await mount({ form });
    const files = new DataTransfer();
    files.items.add(new File(['12345'], '照片.jpg', { type: 'image/jpeg' }));
    controlOf(el, P)!.files = files.files;
    controlOf(el, P)!.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    const ref = (el.data as Record<string, Record<string, unknown>>)['f']!;
    deepEqual(
      { name: ref['name'], size: ref['size'], contentType: ref['contentType'] },
      { name: '照片.jpg', size: 5, contentType: 'image/jpeg' },
    );
    match(ref['id'] as string, /^[0-9a-f-]{36}$/);
    match(fieldOf(el, P)!.textContent, /照片\.jpg/, 'the chosen file is listed');
  });

  it('group: nests its fields under its name and shows nested errors at the nested field', async () => {
    const form = formDefinition([
      {
        name: 'g',
        type: 'group',
        label: '联系人',
        fields: [{ name: 'name', type: 'text', label: '姓名', required: true }],
      },
    ]);
    const el = await mount({ form });
    ok(fieldOf(el, '/g')?.matches('fieldset'), 'a group is a fieldset');
    await submit(el);
    equal(errorOf(el, '/g/name'), engineErrors(form, {}, 'zh-CN').find((e) => e.path === '/g/name')?.message);
    await type(el, '/g/name', '王五');
    deepEqual(el.data, { g: { name: '王五' } });
  });
});
