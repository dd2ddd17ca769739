import fc from 'fast-check';
import { Engine, OperatorDecorator } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { compileCondition, ConditionError } from '../../../engine/conditions/index.ts';
import { extraDecoratorSpecs } from '../../../engine/conditions/extra-decorators.ts';
import { extraOperators } from '../../../engine/conditions/extra-operators.ts';

/**
 * The proof that compileCondition honours json-rules-engine's semantics: random conditions over
 * random facts must fire a real Engine rule exactly when our synchronous predicate holds.
 * Runs where json-rules-engine throws (e.g. `in` against a number) are left out: there we
 * answer false by design.
 */
const FACT_NAMES = ['a', 'b', 'c', 'missing'] as const;
const PATHS = [
  '$.x',
  '$.y',
  '$.x.y',
  '$[0]',
  '$.list[1]',
  '$.list[0].x',
  "$['x']",
  '$.length',
  'x',
  // [*]: the values of every element (row values), a list or, when none is reached, undefined
  '$.list[*]',
  '$.list[*].x',
  '$[*]',
  '$[*].y',
  '$.x[*]',
  '$.list[*].list[*]',
] as const;
const OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'someFact:equal',
  'everyFact:greaterThan',
  'not:contains',
  'swap:in',
  'someValue:lessThan',
  'not:someFact:equal',
  // ours, registered on the real engine as custom operators and decorators (below)
  'exists',
  'matches',
  'before',
  'after',
  'distinctCount:greaterThanInclusive',
  'distinctCount:equal',
  'not:distinctCount:lessThan',
  'someFact:distinctCount:equal',
] as const;

const scalar = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, -0, Number.MAX_SAFE_INTEGER),
  fc.constantFrom('', '1', '2', '2abc', 'x', 'abc', ' 3', '^a', '2026-09-14', '2026-09-14T09:00:00+08:00'),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.record(
      { x: tie('v'), y: tie('v'), list: fc.array(tie('v'), { maxLength: 3 }) },
      { requiredKeys: [], noNullPrototype: true },
    ),
  ),
})).v;

const leaf = fc.record(
  {
    fact: fc.constantFrom(...FACT_NAMES),
    operator: fc.constantFrom(...OPERATORS),
    value: fc.oneof(
      { weight: 3, arbitrary: scalar },
      { weight: 3, arbitrary: fc.array(scalar, { maxLength: 3 }) },
      {
        weight: 2,
        arbitrary: fc.record(
          { fact: fc.constantFrom(...FACT_NAMES), path: fc.constantFrom(...PATHS) },
          { requiredKeys: ['fact'], noNullPrototype: true },
        ),
      },
    ),
    path: fc.constantFrom(...PATHS),
  },
  { requiredKeys: ['fact', 'operator', 'value'], noNullPrototype: true },
);

const condition: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie('c'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('c'), { maxLength: 3 }) }),
    fc.record({ not: tie('c') }),
  ),
})).c as fc.Arbitrary<Record<string, unknown>>;

// Facts as JSON.parse makes them: plain objects (no null prototypes).
const facts = fc.record({ a: value, b: value, c: value }, { requiredKeys: [], noNullPrototype: true });

async function fires(cond: Record<string, unknown>, factValues: Record<string, unknown>): Promise<boolean | 'threw'> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  // Our extra operators and decorators, exactly as the registry has them: what is compared is
  // everything around them (paths, fact references, decorator chains, validators).
  for (const op of extraOperators) engine.addOperator(op.name, (a: unknown, b: unknown) => op.evaluate(a, b));
  for (const d of extraDecoratorSpecs)
    engine.addOperatorDecorator(new OperatorDecorator(d.name, d.callback as never, d.factValidator));
  engine.addRule({ conditions: { all: [structuredClone(cond)] } as never, event: { type: 'hit' } });
  try {
    const { events } = await engine.run(structuredClone(factValues));
    return events.length === 1;
  } catch {
    return 'threw';
  }
}

describe('compileCondition agrees with json-rules-engine', () => {
  it('on random conditions and facts', async () => {
    let compared = 0;
    let fired = 0;
    await fc.assert(
      fc.asyncProperty(condition, facts, async (cond, factValues) => {
        const expected = await fires(cond, factValues);
        if (expected === 'threw') return;
        // A condition validate refuses (a `matches` value that is no pattern) never runs.
        let ours: ReturnType<typeof compileCondition>;
        try {
          ours = compileCondition(cond);
        } catch (e) {
          if (e instanceof ConditionError) return;
          throw e;
        }
        compared++;
        if (expected) fired++;
        expect(ours(factValues)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    // The comparison must be meaningful: most runs compared, and both outcomes seen often.
    expect(compared).toBeGreaterThan(2000);
    expect(fired).toBeGreaterThan(200);
    expect(compared - fired).toBeGreaterThan(200);
  });
});
