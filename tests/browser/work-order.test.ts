import workOrder from './fixtures/work-order.json' with { type: 'json' };
import type { FormInput } from '../../ui/components/resolve-form.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import { check, cleanup, controlOf, engineErrors, errorOf, fieldOf, mount, root, submit, type } from './helpers.ts';

const form = workOrder as unknown as FormInput;
const requiredMarked = (el: HTMLElement, pointer: string) =>
  Boolean(
    fieldOf(el as never, pointer)?.querySelector(':scope > label .required-mark, :scope > legend .required-mark'),
  );

describe('the customer service work order (FORM-2)', () => {
  afterEach(cleanup);

  it('renders all of its 60+ fields with Chinese labels, English when asked', async () => {
    const el = await mount({ form });
    const shown = root(el).querySelectorAll('[data-pointer]').length;
    ok(shown >= 55, `most fields are visible before any condition holds (${shown})`);
    match(fieldOf(el, '/customerName')?.textContent, /客户名称/);
    el.locale = 'en';
    await el.updateComplete;
    match(fieldOf(el, '/customerName')?.textContent, /Customer name/);
    match(root(el).querySelector('button[type="submit"]')?.textContent, /Submit/);
  });

  it('shows warranty fields only under warranty, requires them then, and drops their values when hidden', async () => {
    const el = await mount({ form });
    equal(fieldOf(el, '/warrantyUntil'), null, 'hidden until the answer is yes');
    await check(el, '/underWarranty', '是');
    ok(fieldOf(el, '/warrantyUntil'), 'shown once under warranty');
    ok(requiredMarked(el, '/warrantyUntil'), 'and marked required');
    await type(el, '/warrantyUntil', '2026-12-31');
    await type(el, '/manufacturerContact', '厂家王工');
    await check(el, '/underWarranty', '否');
    equal(fieldOf(el, '/warrantyUntil'), null);
    equal(fieldOf(el, '/manufacturerContact'), null);
    const data = el.data as Record<string, unknown>;
    equal(data['warrantyUntil'], undefined, 'the hidden value is dropped');
    equal(data['manufacturerContact'], undefined);
    equal(data['underWarranty'], false);
  });

  it('toggles the required marker with requiredWhen', async () => {
    const el = await mount({ form });
    equal(requiredMarked(el, '/comments'), false);
    await check(el, '/quality', '不满意');
    ok(requiredMarked(el, '/comments'), 'comments are required when dissatisfied');
    equal(controlOf(el, '/comments')?.hasAttribute('required'), true);
    await check(el, '/quality', '满意');
    equal(requiredMarked(el, '/comments'), false);
  });

  it('updates the fee total as the user types', async () => {
    const el = await mount({ form });
    let changes = 0;
    el.addEventListener('sf-change', () => changes++);
    await type(el, '/visitFee', '100');
    equal(controlOf(el, '/total')?.value, '100.00');
    await type(el, '/transportFee', '50.5');
    await type(el, '/travelFee', '0.1');
    await type(el, '/partsFee', '0.2');
    equal(controlOf(el, '/total')?.value, '150.80');
    equal((el.data as Record<string, unknown>)['total'], 150.8);
    ok(controlOf(el, '/total')?.readOnly, 'a computed field is read-only');
    equal(changes, 4, 'one sf-change per edit');
  });

  it('adds and removes rows of previous business, with errors at the row field', async () => {
    const el = await mount({ form });
    const add = () => fieldOf(el, '/history')!.querySelector<HTMLButtonElement>('.add-row')!;
    add().click();
    await el.updateComplete;
    add().click();
    await el.updateComplete;
    await type(el, '/history/0/content', '第一次采购');
    await type(el, '/history/1/content', '第二次采购');
    await type(el, '/history/1/amount', '2000');
    // when the first row is removed, the second becomes the first
    fieldOf(el, '/history')!.querySelector<HTMLButtonElement>('[data-row="0"] .remove-row')!.click();
    await el.updateComplete;
    deepEqual((el.data as Record<string, unknown>)['history'], [{ content: '第二次采购', amount: 2000 }]);
    equal(controlOf(el, '/history/0/content')?.value, '第二次采购');
    equal(controlOf(el, '/history/1/content'), null);
    // and the missing date of that row is reported at /history/0/date
    await submit(el);
    const expected = engineErrors(form, el.data, 'zh-CN').find((e) => e.path === '/history/0/date')?.message;
    ok(expected, 'the engine reports the row date');
    equal(errorOf(el, '/history/0/date'), expected);
    equal(controlOf(el, '/history/0/date')?.getAttribute('aria-invalid'), 'true');
  });

  it('stops adding rows at maxRows', async () => {
    const el = await mount({
      form,
      value: { history: Array.from({ length: 10 }, (_, i) => ({ date: '2024-01-01', content: `#${i}` })) },
    });
    equal(fieldOf(el, '/history')!.querySelector<HTMLButtonElement>('.add-row')!.disabled, true);
  });

  it('lists every problem in a summary whose links focus the field', async () => {
    const el = await mount({ form });
    await submit(el);
    const summary = root(el).querySelector<HTMLElement>('.summary');
    ok(summary, 'a summary appears');
    equal(root(el).activeElement, summary, 'focus moves to the summary');
    const links = [...summary.querySelectorAll<HTMLAnchorElement>('a')];
    equal(links.length, engineErrors(form, el.data, 'zh-CN').length, 'one link per engine error');
    const phone = links.find((a) => a.dataset['field'] === '/phone')!;
    match(phone.textContent, /电话/);
    phone.click();
    equal(root(el).activeElement, controlOf(el, '/phone'));
  });

  it('shows server errors at their fields and keeps what was typed', async () => {
    const el = await mount({ form });
    await type(el, '/customerName', '国网某供电公司');
    await type(el, '/phone', '010-88888888');
    el.errors = [
      { path: '/phone', code: 'duplicate', message: '该电话已登记在其他客户名下' },
      { path: '/history/0/amount', code: 'x', message: '第 1 行金额有误' },
    ];
    await el.updateComplete;
    equal(errorOf(el, '/phone'), '该电话已登记在其他客户名下');
    equal(controlOf(el, '/phone')?.getAttribute('aria-invalid'), 'true');
    equal(controlOf(el, '/customerName')?.value, '国网某供电公司', 'typing survives');
    equal(controlOf(el, '/phone')?.value, '010-88888888');
    // a path below a field that is not shown lands at the nearest shown field
    equal(errorOf(el, '/history'), '第 1 行金额有误');
    // editing the field clears its server message, not the others
    await type(el, '/phone', '010-88888889');
    equal(errorOf(el, '/phone'), '');
    equal(errorOf(el, '/history'), '第 1 行金额有误');
  });
});
