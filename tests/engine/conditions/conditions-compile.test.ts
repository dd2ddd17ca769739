import { describe, expect, it } from 'vitest';
import {
  compileCondition,
  ConditionError,
  conditionFacts,
  createOperatorSet,
  defineOperator,
  LAZY_FACTS,
} from '../../../engine/conditions/index.ts';
import { compileExpression } from '../../../engine/expressions/index.ts';

const holds = (cond: unknown, facts: Record<string, unknown>) => compileCondition(cond)(facts);

describe('compileCondition', () => {
  const facts = {
    data: {
      customer: { phone: '13812345678', vip: true },
      fees: [{ amount: 80 }, { amount: 20.5 }],
      inWarranty: false,
      total: 100.5,
    },
    context: { actor: { roles: ['repair-technician'] }, limit: 100 },
  };

  it('reads nested values through JSONPath and compares with the default operators', () => {
    expect(holds({ fact: 'data', path: '$.customer.vip', operator: 'equal', value: true }, facts)).toBe(true);
    expect(holds({ fact: 'data', path: '$.fees[1].amount', operator: 'greaterThan', value: 20 }, facts)).toBe(true);
    expect(
      holds({ fact: 'data', path: "$['fees'][0]['amount']", operator: 'lessThanInclusive', value: 80 }, facts),
    ).toBe(true);
    expect(
      holds({ fact: 'context', path: '$.actor.roles', operator: 'contains', value: 'repair-technician' }, facts),
    ).toBe(true);
    expect(
      holds({ fact: 'context', path: '$.actor.roles', operator: 'doesNotContain', value: 'customer' }, facts),
    ).toBe(true);
    expect(holds({ fact: 'data', path: '$.customer.phone', operator: 'in', value: ['13812345678'] }, facts)).toBe(true);
    expect(holds({ fact: 'data', path: '$.customer.phone', operator: 'notIn', value: ['13812345678'] }, facts)).toBe(
      false,
    );
  });

  it('compares two facts when value is {fact, path}', () => {
    const cond = {
      fact: 'data',
      path: '$.total',
      operator: 'greaterThan',
      value: { fact: 'context', path: '$.limit' },
    };
    expect(holds(cond, facts)).toBe(true);
    expect(holds(cond, { ...facts, context: { limit: 200 } })).toBe(false);
  });

  it('combines with all, any and not; empty all and any hold as in json-rules-engine', () => {
    const inWarranty = { fact: 'data', path: '$.inWarranty', operator: 'equal', value: true };
    expect(holds({ not: inWarranty }, facts)).toBe(true);
    expect(holds({ all: [inWarranty, { not: inWarranty }] }, facts)).toBe(false);
    expect(holds({ any: [inWarranty, { not: inWarranty }] }, facts)).toBe(true);
    expect(holds({ all: [] }, facts)).toBe(true);
    expect(holds({ any: [] }, facts)).toBe(true);
  });

  it('treats missing facts and paths as undefined, and never walks the prototype', () => {
    expect(holds({ fact: 'nobody', operator: 'equal', value: null }, facts)).toBe(false);
    expect(holds({ fact: 'nobody', operator: 'notEqual', value: null }, facts)).toBe(true);
    expect(holds({ fact: 'data', path: '$.customer.fax', operator: 'notEqual', value: null }, facts)).toBe(true);
    expect(holds({ fact: 'data', path: '$.constructor', operator: 'exists', value: true }, facts)).toBe(false);
    expect(holds({ fact: 'data', path: '$.__proto__', operator: 'exists', value: true }, facts)).toBe(false);
  });

  it('requires numbers (as json-rules-engine parses them) for the numeric operators', () => {
    expect(holds({ fact: 'x', operator: 'lessThan', value: 5 }, { x: true })).toBe(false);
    expect(holds({ fact: 'x', operator: 'lessThan', value: 5 }, { x: null })).toBe(false);
    expect(holds({ fact: 'x', operator: 'lessThan', value: 5 }, { x: '3' })).toBe(true);
  });

  it('offers exists, matches, before and after', () => {
    expect(holds({ fact: 'x', operator: 'exists', value: true }, { x: '' })).toBe(false);
    expect(holds({ fact: 'x', operator: 'exists', value: false }, {})).toBe(true);
    expect(holds({ fact: 'x', operator: 'matches', value: '^0\\d{2,3}-' }, { x: '010-12345678' })).toBe(true);
    expect(holds({ fact: 'x', operator: 'matches', value: '^0\\d{2,3}-' }, { x: 10 })).toBe(false);
    expect(
      holds({ fact: 'x', operator: 'before', value: '2024-05-01T00:00:00+08:00' }, { x: '2024-04-30T15:59:59Z' }),
    ).toBe(true);
    expect(
      holds({ fact: 'x', operator: 'before', value: '2024-05-01T00:00:00+08:00' }, { x: '2024-04-30T16:00:00Z' }),
    ).toBe(false);
    expect(holds({ fact: 'x', operator: 'after', value: '2024-05-01' }, { x: '2024-05-02' })).toBe(true);
    expect(holds({ fact: 'x', operator: 'after', value: '2024-05-01' }, { x: 'tomorrow' })).toBe(false);
  });

  it('supports json-rules-engine operator decorators', () => {
    expect(holds({ fact: 'xs', operator: 'someFact:greaterThan', value: 10 }, { xs: [1, 20] })).toBe(true);
    expect(holds({ fact: 'xs', operator: 'everyFact:greaterThan', value: 10 }, { xs: [1, 20] })).toBe(false);
    expect(holds({ fact: 'x', operator: 'not:in', value: ['a'] }, { x: 'b' })).toBe(true);
  });

  it('uses operators registered in a custom set', () => {
    const set = createOperatorSet();
    set.operators.register(
      'divisibleBy',
      defineOperator('divisibleBy', (a, b) => typeof a === 'number' && typeof b === 'number' && a % b === 0),
    );
    expect(compileCondition({ fact: 'n', operator: 'divisibleBy', value: 3 }, set)({ n: 9 })).toBe(true);
    expect(() => compileCondition({ fact: 'n', operator: 'divisibleBy', value: 3 })).toThrow(ConditionError);
  });

  it('throws a ConditionError with a code for a malformed condition', () => {
    try {
      compileCondition({ all: [{ fact: 'x', operator: 'equals', value: 1 }] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConditionError);
      expect((e as ConditionError).code).toBe('CONDITION_UNKNOWN_OPERATOR');
      expect((e as ConditionError).issues[0]?.pointer).toBe('/all/0/operator');
    }
  });
});

describe('conditionFacts', () => {
  it('lists the facts on both sides, once each', () => {
    expect(
      conditionFacts({
        any: [
          { fact: 'data', path: '$.a', operator: 'equal', value: { fact: 'context', path: '$.b' } },
          { not: { fact: 'data', operator: 'exists', value: true } },
          { fact: 'row', operator: 'equal', value: 1 },
        ],
      }).sort(),
    ).toEqual(['context', 'data', 'row']);
  });

  it('reads the facts an object declares lazy, computed when read, and no other member of its prototype', () => {
    // Given facts whose `case` is a getter on the prototype, declared through LAZY_FACTS
    class Lazy {
      constructor(
        readonly data: Record<string, unknown>,
        private readonly state: { assignee: string | null },
      ) {}
      get case() {
        return { assignee: this.state.assignee };
      }
    }
    Object.defineProperty(Lazy.prototype, LAZY_FACTS, { value: new Set(['case']) });
    const state = { assignee: null as string | null };
    const facts = new Lazy({ total: 5 }, state) as unknown as Record<string, unknown>;
    const assigned = compileCondition({ fact: 'case', path: '$.assignee', operator: 'equal', value: 'wang' });
    const expression = compileExpression('case.assignee');
    if (!expression.ok) throw new Error(expression.message);
    // When the case changes between reads, then each read sees it as it is
    expect(assigned(facts)).toBe(false);
    state.assignee = 'wang';
    expect(assigned(facts)).toBe(true);
    expect(expression.evaluate(facts)).toBe('wang');
    expect(holds({ fact: 'data', path: '$.total', operator: 'equal', value: 5 }, facts)).toBe(true);
    // and the prototype's other members are not facts
    expect(holds({ fact: 'constructor', operator: 'equal', value: Lazy }, facts)).toBe(false);
    expect(holds({ fact: 'constructor', operator: 'exists', value: true }, facts)).toBe(false);
  });
});

describe('row values and distinct counts (SL-1: 货比三家)', () => {
  const threeDistinct = {
    fact: 'event',
    path: '$.quotes[*].supplier',
    operator: 'distinctCount:greaterThanInclusive',
    value: 3,
  };
  const chosenAmong = {
    fact: 'event',
    path: '$.chosenSupplier',
    operator: 'in',
    value: { fact: 'event', path: '$.quotes[*].supplier' },
  };
  const quotes = (...suppliers: string[]) => suppliers.map((supplier, i) => ({ supplier, price: 1000 + i }));

  it('counts different suppliers, not rows', () => {
    expect(holds(threeDistinct, { event: { quotes: quotes('甲厂', '乙厂', '丙厂') } })).toBe(true);
    expect(holds(threeDistinct, { event: { quotes: quotes('甲厂', '甲厂', '甲厂') } })).toBe(false);
    expect(holds(threeDistinct, { event: { quotes: quotes('甲厂', '乙厂') } })).toBe(false);
    expect(holds(threeDistinct, { event: { quotes: [] } }), 'no rows count 0').toBe(false);
    expect(holds({ ...threeDistinct, operator: 'distinctCount:equal', value: 0 }, { event: { quotes: [] } })).toBe(
      true,
    );
    expect(holds(threeDistinct, { event: { quotes: '甲厂,乙厂,丙厂' } }), 'not a list').toBe(false);
  });

  it('finds a value among the rows', () => {
    expect(holds(chosenAmong, { event: { quotes: quotes('甲厂', '乙厂', '丙厂'), chosenSupplier: '乙厂' } })).toBe(
      true,
    );
    expect(holds(chosenAmong, { event: { quotes: quotes('甲厂', '乙厂', '丙厂'), chosenSupplier: '丁厂' } })).toBe(
      false,
    );
    // one row is still a list of values, so `in` never matches part of a name
    expect(holds(chosenAmong, { event: { quotes: quotes('甲乙厂'), chosenSupplier: '甲' } })).toBe(false);
    expect(holds(chosenAmong, { event: { quotes: [], chosenSupplier: '甲厂' } })).toBe(false);
  });

  it('reads [*] over a list of rows, skipping rows without the value', () => {
    const rows = { data: { rows: [{ x: 1 }, { y: 2 }, { x: 3 }] } };
    expect(
      holds(
        { fact: 'data', path: '$.rows[*].x', operator: 'equal', value: { fact: 'data', path: '$.rows[1].y' } },
        rows,
      ),
    ).toBe(false);
    expect(holds({ fact: 'data', path: '$.rows[*].x', operator: 'contains', value: 3 }, rows)).toBe(true);
    expect(holds({ fact: 'data', path: '$.rows[*].x.length', operator: 'exists', value: false }, rows)).toBe(true);
  });
});
