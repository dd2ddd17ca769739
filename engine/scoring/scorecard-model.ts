import type { Condition } from '../forms/form-model.ts';
import type { Localized } from '../localized.ts';

/** What an administrator writes under `spec:` of a `kind: Scorecard`. */
export interface ScorecardSpec {
  /** The period one card covers; annual totals of a monthly card are the average of its months. */
  readonly period?: 'month' | 'year';
  /** Time zone in which months and years begin. Defaults to Asia/Shanghai. */
  readonly timeZone?: string;
  /** The full score; when given, the categories' `max` must add up to it. */
  readonly total?: number;
  readonly appliesTo?: { readonly unitTypes?: readonly string[]; readonly units?: readonly string[] };
  /** Every fact name rules may count, with what it means. */
  readonly facts: readonly { readonly name: string; readonly description?: Localized }[];
  readonly categories: readonly CategorySpec[];
  readonly bands?: readonly BandSpec[];
}

export interface CategorySpec {
  readonly name: string;
  readonly title?: Localized;
  /** Points the category starts the period with (full marks). */
  readonly max: number;
  /** Lowest score (default 0): deductions stop there. */
  readonly floor?: number;
  /** Highest score (default `max`): bonuses stop there. */
  readonly cap?: number;
  readonly rules: readonly RuleSpec[];
}

export interface RuleSpec {
  readonly name: string;
  readonly title?: Localized;
  /** A json-rules-engine condition over the facts fact, data, unit, case. */
  readonly when: Condition;
  /** Points per matching fact: negative deducts, positive adds. */
  readonly points: number;
}

export interface BandSpec {
  readonly name: string;
  readonly title?: Localized;
  /** Inclusive bounds on the total. */
  readonly min?: number;
  readonly max?: number;
  /** What the band means: reward, penalty, none. */
  readonly outcome?: 'reward' | 'penalty' | 'none';
  readonly description?: Localized;
}
