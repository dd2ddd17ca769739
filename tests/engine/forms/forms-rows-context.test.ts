import { describe, expect, it } from 'vitest';
import { compileForm } from '../../../engine/forms/index.ts';
import { formFixture } from './forms-fixture.ts';

const form = compileForm(formFixture('fee-lines'));
const manager = { actor: { roles: ['manager'] }, approvalLimit: 500 };

describe('rows with computed amounts and conditions on row and context', () => {
  it('computes each row, then the total over the rows, exactly to the fen', () => {
    const ev = form.evaluate({
      lines: [
        { item: 'cable', price: 0.1, qty: 3 },
        { item: 'visit', price: 80.05, qty: 1 },
      ],
    });
    expect(ev.data['lines']).toEqual([
      { item: 'cable', price: 0.1, qty: 3, amount: 0.3 },
      { item: 'visit', price: 80.05, qty: 1, amount: 80.05 },
    ]);
    expect(ev.data['total']).toBe(80.35);
  });

  it('requires a reason on the row whose own amount exceeds 1000 (fact "row")', () => {
    const result = form.validate(
      {
        lines: [
          { item: 'a', price: 10, qty: 1 },
          { item: 'b', price: 600, qty: 2 },
        ],
      },
      { locale: 'en' },
    );
    expect(result).toEqual({
      ok: false,
      errors: [{ path: '/lines/1/reason', code: 'required', message: 'Reason for the excess is required' }],
    });
  });

  it('shows the approver to managers only, and requires it above their limit (facts "context" and "data")', () => {
    const big = { lines: [{ item: 'b', price: 600, qty: 1 }] };
    expect(form.evaluate(big, {}).hidden).toEqual(new Set(['/approver']));
    expect(form.validate(big, { context: {} }).ok).toBe(true);
    expect(form.validate(big, { context: manager, locale: 'en' })).toEqual({
      ok: false,
      errors: [{ path: '/approver', code: 'required', message: 'Approver is required' }],
    });
    expect(form.validate({ ...big, approver: 'Zhang' }, { context: manager }).ok).toBe(true);
    expect(form.validate({ lines: [{ item: 'b', price: 100, qty: 1 }] }, { context: manager }).ok).toBe(true);
  });

  it('takes now from the caller', () => {
    const result = form.validate({ lines: [{ item: 'a' }], start: '2024-05-01' }, { now: '2024-05-11T10:00:00+08:00' });
    expect(result.ok && result.data['days']).toBe(10);
  });

  it('reports a computation that fails at the field', () => {
    const result = form.validate({ lines: [{ item: 'a' }], start: '2024-05-01' }, { now: 'yesterday', locale: 'en' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([expect.objectContaining({ path: '/days', code: 'compute' })]);
  });
});
