import { compileCondition, type CompiledCondition } from '../conditions/index.ts';
import type { Definition } from '../definitions/kind.ts';
import type { Localized } from '../localized.ts';
import type { CategorySpec, RuleSpec, ScorecardSpec } from './scorecard-model.ts';

export interface CompiledRule {
  readonly spec: RuleSpec;
  readonly test: CompiledCondition;
}

export interface CompiledCategory {
  readonly spec: CategorySpec;
  readonly floor: number;
  readonly cap: number;
  readonly rules: readonly CompiledRule[];
}

export interface CompiledScorecard {
  readonly name: string;
  readonly title: Localized;
  readonly spec: ScorecardSpec;
  readonly period: 'month' | 'year';
  readonly timeZone: string;
  readonly total: number;
  readonly categories: readonly CompiledCategory[];
}

/**
 * Rules are compiled with the project's synchronous json-rules-engine evaluator rather than run
 * through json-rules-engine's async `Engine`: it is the evaluator that guards and `validate` use
 * (so what the checker accepts is exactly what scores), a property test keeps it equivalent to
 * json-rules-engine, and a year of facts for every unit is scored without an engine per fact.
 */
export function compileScorecard(def: Definition): CompiledScorecard {
  const spec = def.spec as ScorecardSpec;
  const categories = spec.categories.map((c) => ({
    spec: c,
    floor: c.floor ?? 0,
    cap: c.cap ?? c.max,
    rules: c.rules.map((r) => ({ spec: r, test: compileCondition(r.when) })),
  }));
  return {
    name: def.metadata.name,
    title: def.metadata.title ?? def.metadata.name,
    spec,
    period: spec.period ?? 'month',
    timeZone: spec.timeZone ?? 'Asia/Shanghai',
    total: spec.total ?? spec.categories.reduce((s, c) => s + c.max, 0),
    categories,
  };
}
