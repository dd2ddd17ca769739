export {
  compileScorecard,
  type CompiledScorecard,
  type CompiledCategory,
  type CompiledRule,
} from './compile-scorecard.ts';
export {
  computeScorecard,
  scorecardApplies,
  type CategoryScore,
  type PointChange,
  type ScorecardResult,
  type ScoreUnit,
} from './compute-scorecard.ts';
export { parsePeriod, type ScorePeriod } from './score-period.ts';
export { scorecardKind, SCORE_FACTS } from './scorecard-kind.ts';
export type { BandSpec, CategorySpec, RuleSpec, ScorecardSpec } from './scorecard-model.ts';
