export {
  DefinitionError,
  DefinitionErrorCode,
  formatIssue,
  formatIssueIn,
  localizeIssue,
  type DefinitionIssue,
} from './definition-error.ts';
export type { Definition, DefinitionIndex, KindDefinition, Report } from './kind.ts';
export { allKinds } from './kinds/index.ts';
export {
  createIndex,
  loadDefinitions,
  type LoadedDefinition,
  type LoadResult,
  type SourceFile,
} from './load-definitions.ts';
export { readDefinitionFiles } from './load-directory.ts';
export type { SourcePosition } from './source-position.ts';
export { validateDefinitions } from './validate-definitions.ts';
export { validateSet, wholeSetIssues } from './whole-set.ts';
