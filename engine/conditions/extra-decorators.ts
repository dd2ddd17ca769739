import { decorator, type OperatorDecorator } from './operator-decorators.ts';

/**
 * Decorators json-rules-engine lacks but definitions need, registered like its own (and added to
 * a real json-rules-engine with `addOperatorDecorator` in tests/engine/conditions/conditions-equivalence.test.ts).
 */

/** Equal values count once: strings, numbers and booleans as they are, lists and objects by content. */
export function distinctCount(values: readonly unknown[]): number {
  return new Set(values.map((v) => (v !== null && typeof v === 'object' ? `json:${stableJson(v)}` : v))).size;
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** A decorator as json-rules-engine's `addOperatorDecorator(name, callback, factValidator)` takes it. */
export interface DecoratorSpec {
  readonly name: string;
  readonly callback: (fact: unknown, value: unknown, next: (f: unknown, v: unknown) => boolean) => boolean;
  readonly factValidator: (fact: unknown) => boolean;
}

export const extraDecoratorSpecs: readonly DecoratorSpec[] = [
  /**
   * `distinctCount:greaterThanInclusive` with `value: 3` — how many different values the fact's
   * list holds, compared by the operator after the colon; e.g. three different suppliers among
   * the quotes with `path: $.quotes[*].supplier`. No list (a `[*]` path that reached nothing)
   * counts 0; a fact that is not a list makes the condition false.
   */
  {
    name: 'distinctCount',
    callback: (f, v, next) => next(f === undefined ? 0 : distinctCount(f as unknown[]), v),
    factValidator: (f) => f === undefined || Array.isArray(f),
  },
];

export const extraDecorators: readonly OperatorDecorator[] = extraDecoratorSpecs.map((d) =>
  decorator(d.name, d.callback, d.factValidator),
);
