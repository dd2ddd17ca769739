import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  createFunctionRegistry,
  ExpressionError,
  type ExpressionEnv,
} from '../../../engine/expressions/index.ts';

function run(src: string, scope: Record<string, unknown> = {}, env?: ExpressionEnv): unknown {
  const compiled = compileExpression(src);
  if (!compiled.ok) throw new Error(`did not compile: ${compiled.message} at ${compiled.column}`);
  return compiled.evaluate(scope, env);
}

describe('safe expressions: arithmetic and money', () => {
  it('adds fees exactly to the fen', () => {
    expect(run('visitFee + transportFee + travelFee', { visitFee: 0.1, transportFee: 0.2, travelFee: 100.7 })).toBe(
      101,
    );
    expect(run('a - b', { a: 1.1, b: 1 })).toBe(0.1);
    expect(run('a * 3', { a: 0.1 })).toBe(0.3);
    expect(run('a / 3', { a: 1 })).toBe(0.3333333333);
    expect(run('7 % 4')).toBe(3);
    expect(run('-a + +b', { a: 2, b: 5 })).toBe(3);
  });

  it('counts a missing fee as 0', () => {
    expect(run('visitFee + transportFee', { visitFee: 50 })).toBe(50);
  });

  it('concatenates text with +', () => {
    expect(run("customer.name + ' (' + customer.phone + ')'", { customer: { name: 'Li', phone: '010-1' } })).toBe(
      'Li (010-1)',
    );
    expect(run("'n=' + 2")).toBe('n=2');
  });

  it('refuses arithmetic on text or booleans with a coded error', () => {
    const c = compileExpression('a * 2');
    if (!c.ok) throw new Error('compile');
    expect(() => c.evaluate({ a: 'x' })).toThrow(ExpressionError);
    try {
      c.evaluate({ a: true });
    } catch (e) {
      expect((e as ExpressionError).code).toBe('EXPRESSION_TYPE');
    }
    expect(() => run('1 / zero', { zero: 0 })).toThrow(/division by zero/);
  });
});

describe('safe expressions: access, comparison and logic', () => {
  const scope = {
    customer: { name: 'Wang', address: { city: 'Hangzhou' } },
    fees: [{ amount: 10.1 }, { amount: 20.2 }, {}],
    tags: ['a', 'b'],
    inWarranty: true,
  };

  it('reads members, indexes and projections of own data only', () => {
    expect(run('customer.address.city', scope)).toBe('Hangzhou');
    expect(run('customer.fax.number', scope)).toBeUndefined();
    expect(run('fees[1].amount', scope)).toBe(20.2);
    expect(run("customer['name']", scope)).toBe('Wang');
    expect(run('fees[].amount', scope)).toEqual([10.1, 20.2, undefined]);
    expect(run('nothing[].amount', scope)).toEqual([]);
  });

  it('compares without coercion', () => {
    expect(run('a == 1', { a: '1' })).toBe(false);
    expect(run('a != 1', { a: '1' })).toBe(true);
    expect(run('a == null', {})).toBe(true);
    expect(run('a < 10 && a >= 2', { a: 5 })).toBe(true);
    expect(run("a > 'b'", { a: 'c' })).toBe(true);
    expect(run('a < 1', { a: '0' })).toBe(false);
    expect(run('a <= b || !c', { a: 3, b: 2, c: false })).toBe(true);
    expect(run('inWarranty ? 0 : 80', scope)).toBe(0);
  });
});

describe('safe expressions: functions', () => {
  it('sum() adds a projected list exactly, skipping missing amounts', () => {
    expect(run('sum(fees[].amount)', { fees: [{ amount: 0.1 }, { amount: 0.2 }, {}] })).toBe(0.3);
    expect(run('sum(a, b, c)', { a: 1.15, b: 2.25 })).toBe(3.4);
    expect(run('sum(rows[].qty)', {})).toBe(0);
    expect(() => run('sum(xs)', { xs: ['1'] })).toThrow(ExpressionError);
  });

  it('round() rounds half away from zero without float surprises', () => {
    expect(run('round(price * qty, 2)', { price: 1.005, qty: 1 })).toBe(1.01);
    expect(run('round(2.5)')).toBe(3);
    expect(run('round(-2.5)')).toBe(-3);
    expect(run('round(x, 1)', { x: 1.25 })).toBe(1.3);
    expect(() => run('round(1, 0.5)')).toThrow(/digits/);
  });

  it('if() picks a branch', () => {
    expect(run('if(inWarranty, 0, visitFee)', { inWarranty: false, visitFee: 80 })).toBe(80);
    expect(run('if(inWarranty, 0, visitFee)', { inWarranty: true, visitFee: 80 })).toBe(0);
  });

  it('and(), or() and not() return booleans', () => {
    expect(run('and(a, b)', { a: 1, b: 'x' })).toBe(true);
    expect(run('and(a, b)', { a: 1, b: '' })).toBe(false);
    expect(run('or(a, b)', { a: 0 })).toBe(false);
    expect(run('not(a)', {})).toBe(true);
  });

  it('len() counts lists and text, 0 when missing', () => {
    expect(run('len(rows)', { rows: [{}, {}] })).toBe(2);
    expect(run('len(name)', { name: 'abc' })).toBe(3);
    expect(run('len(rows)', {})).toBe(0);
    expect(() => run('len(n)', { n: 3 })).toThrow(ExpressionError);
  });

  it('coalesce() skips missing, null and empty text', () => {
    expect(run("coalesce(a, b, 'none')", { a: '', b: null })).toBe('none');
    expect(run('coalesce(a, b)', { a: 0, b: 1 })).toBe(0);
    expect(run('coalesce(a)', {})).toBeNull();
  });

  it('min() and max() take lists or arguments', () => {
    expect(run('min(fees[].amount)', { fees: [{ amount: 3 }, { amount: 1 }, {}] })).toBe(1);
    expect(run('max(a, b, 7)', { a: 9, b: 2 })).toBe(9);
    expect(run('max(xs)', { xs: [] })).toBeNull();
  });

  it('abs()', () => {
    expect(run('abs(0 - 3.5)')).toBe(3.5);
  });

  it('daysBetween() counts calendar days between dates and whole days between date-times', () => {
    expect(run('daysBetween(a, b)', { a: '2024-02-27', b: '2024-03-01' })).toBe(3);
    expect(run('daysBetween(b, a)', { a: '2024-02-27', b: '2024-03-01' })).toBe(-3);
    expect(run('daysBetween(a, now)', { a: '2024-05-01T08:00:00+08:00' }, { now: '2024-05-03T07:59:59+08:00' })).toBe(
      1,
    );
    expect(run('daysBetween(a, b)', { a: '2024-05-01' })).toBeNull();
    expect(() => run('daysBetween(a, b)', { a: '2024-05-01', b: 'May 3' })).toThrow(/daysBetween/);
  });

  it('now is the instant the caller passes, never the machine clock', () => {
    expect(run('now', {}, { now: '2024-05-01T00:00:00Z' })).toBe('2024-05-01T00:00:00Z');
    expect(run('now', { now: 'shadowed?' })).toBeUndefined();
  });

  it('accepts functions registered in a custom vocabulary', () => {
    const functions = createFunctionRegistry();
    functions.register('double', {
      name: 'double',
      minArgs: 1,
      maxArgs: 1,
      description: 'double(x)',
      call: ([x]) => (x as number) * 2,
    });
    const c = compileExpression('double(a)', functions);
    expect(c.ok && c.evaluate({ a: 4 })).toBe(8);
    expect(compileExpression('double(a)').ok).toBe(false);
  });
});

describe('references', () => {
  it('lists the data paths an expression reads', () => {
    const c = compileExpression('visitFee + sum(fees[].amount) + customer.discount + round(now, 2) + fees[0].amount');
    expect(c.ok && [...c.references].sort()).toEqual(['customer.discount', 'fees[].amount', 'visitFee']);
  });
});
