import { describe, expect, it } from 'vitest';
import { compileForm } from '../../../engine/forms/index.ts';
import { formFixture } from './forms-fixture.ts';

const form = compileForm(formFixture('work-order'));
const minimal = {
  customerName: 'Acme Power',
  phone: '0571-8888888-123',
  settlement: 'warranty',
  contact: { name: 'Li Wei' },
};

function errorsOf(data: unknown, locale: 'zh-CN' | 'en' = 'en') {
  const result = form.validate(data, { locale });
  return result.ok ? [] : result.errors;
}

describe('work order: nested groups and rows', () => {
  it('accepts a minimal work order', () => {
    expect(form.validate(minimal)).toEqual({ ok: true, data: { ...minimal, total: 0 } });
  });

  it('points into rows by index: /history/1/amount', () => {
    const history = [
      { date: '2023-01-05', amount: 100 },
      { date: '2023-03-01', amount: 12.345 },
      { date: '2023-04-01' },
    ];
    expect(errorsOf({ ...minimal, history })).toEqual([
      { path: '/history/2/amount', code: 'required', message: 'Amount is required' },
      { path: '/history/1/amount', code: 'money', message: 'Amount must be an amount in yuan with at most 2 decimals' },
    ]);
  });

  it('points into groups: /contact/mobile, and requires fields of a missing group', () => {
    expect(errorsOf({ ...minimal, contact: { name: 'Li', mobile: '1381234' } }, 'zh-CN')).toEqual([
      { path: '/contact/mobile', code: 'mobile', message: '手机须为有效的手机号码，如 13812345678' },
    ]);
    const { contact: _, ...noContact } = minimal;
    expect(errorsOf(noContact)).toEqual([{ path: '/contact/name', code: 'required', message: 'Name is required' }]);
  });

  it('limits the number of rows', () => {
    const row = { date: '2023-01-05', amount: 1 };
    expect(errorsOf({ ...minimal, history: [row, row, row, row] })).toEqual([
      { path: '/history', code: 'maxRows', message: 'Previous business allows at most 3 rows' },
    ]);
  });
});

describe('work order: unknown fields', () => {
  it('rejects unknown fields at every level, naming each', () => {
    expect(
      errorsOf({
        ...minimal,
        discount: 5,
        contact: { name: 'Li', fax: '1' },
        history: [{ date: '2023-01-05', amount: 1, note: 'x' }],
      }),
    ).toEqual([
      { path: '/discount', code: 'unknownField', message: 'discount is not a field of this form' },
      { path: '/contact/fax', code: 'unknownField', message: 'fax is not a field of this form' },
      { path: '/history/0/note', code: 'unknownField', message: 'note is not a field of this form' },
    ]);
  });
});

describe('work order: conditional fields', () => {
  it('hides the fees under warranty and drops what was sent for them', () => {
    const result = form.evaluate({ ...minimal, visitFee: 80, travelFee: 30 });
    expect(result.hidden).toEqual(new Set(['/visitFee', '/transportFee', '/travelFee']));
    expect(result.data).not.toHaveProperty('visitFee');
    expect(result.data).not.toHaveProperty('travelFee');
    expect(form.validate({ ...minimal, visitFee: 80, travelFee: -1 })).toEqual({
      ok: true,
      data: { ...minimal, total: 0 },
    });
  });

  it('requires the visit fee only when self-paid', () => {
    const selfPaid = { ...minimal, settlement: 'self' };
    expect(form.evaluate(selfPaid).required.has('/visitFee')).toBe(true);
    expect(form.evaluate(minimal).required.has('/visitFee')).toBe(false);
    expect(errorsOf(selfPaid, 'zh-CN')).toEqual([{ path: '/visitFee', code: 'required', message: '请填写上门费' }]);
  });

  it('requires comments when quality is rated 2 or lower', () => {
    expect(errorsOf({ ...minimal, quality: 2 })).toEqual([
      { path: '/comments', code: 'required', message: 'Comments is required' },
    ]);
    expect(form.validate({ ...minimal, quality: 2, comments: 'slow' }).ok).toBe(true);
    expect(form.validate({ ...minimal, quality: 4 }).ok).toBe(true);
  });
});

describe('work order: computed fee total', () => {
  it('adds the fees exactly, overriding whatever total was sent', () => {
    const result = form.validate({
      ...minimal,
      settlement: 'self',
      visitFee: 80.1,
      transportFee: 0.2,
      travelFee: 19.7,
      total: 1,
    });
    expect(result.ok && result.data['total']).toBe(100);
  });

  it('leaves out hidden fees, and an unfilled fee adds nothing', () => {
    expect(form.evaluate({ ...minimal, settlement: 'self', visitFee: 50 }).data['total']).toBe(50);
    expect(form.evaluate({ ...minimal, visitFee: 50 }).data['total']).toBe(0); // under warranty the fees are hidden
  });
});
