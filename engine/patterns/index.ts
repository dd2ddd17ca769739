export {
  compileLinearPattern,
  patternProblem,
  PatternSyntaxError,
  PATTERN_INPUT_LIMIT,
  type LinearPattern,
} from './linear-pattern.ts';
export { ajvPatternEngine, patternFor, trustedPattern } from './trusted-patterns.ts';
