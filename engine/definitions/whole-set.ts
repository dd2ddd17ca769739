import { DefinitionErrorCode, type DefinitionIssue } from './definition-error.ts';
import type { LoadResult, SourceFile } from './load-definitions.ts';
import { validateDefinitions } from './validate-definitions.ts';

/**
 * What a set needs as a whole before it can run, beyond each definition being valid: exactly one
 * Organization (units, roles and people everything else refers to). `validate` and publishing
 * report these as they report any other problem, so a partial set is a 422, never a 500.
 */
export function wholeSetIssues(result: LoadResult, files: readonly SourceFile[]): DefinitionIssue[] {
  const orgs = result.docs.filter((d) => d.def.kind === 'Organization');
  if (orgs.length === 1) return [];
  if (orgs.length > 1) {
    return orgs.slice(1).map(({ source }) => ({
      code: DefinitionErrorCode.duplicateName,
      severity: 'error',
      pointer: '/kind',
      at: source.positionOf('/kind'),
      message: 'a set has exactly one Organization; this is a second one',
      hint: `the first is in ${orgs[0]!.source.file}`,
    }));
  }
  return [
    {
      code: DefinitionErrorCode.unknownReference,
      severity: 'error',
      pointer: '',
      at: { file: files[0]?.path ?? '(no files)', line: 1, column: 1 },
      message:
        'the set has no Organization; a publication is a whole set: the organization, calendars, forms, workflows and everything else, not only the files that changed',
      hint: 'add the kind: Organization definition; the seed keeps it in definitions/org/',
    },
  ];
}

/**
 * What `validate`, `simulate`, publishing and the server's first start run: every definition
 * checked (validateDefinitions), then the set as a whole. The problems of the whole are only
 * looked for once every document has loaded, so a broken Organization file is not also "missing".
 */
export function validateSet(files: readonly SourceFile[], now: number = Date.now()): LoadResult {
  const result = validateDefinitions(files, now);
  const loadFailed = result.issues.some(
    (i) =>
      i.severity === 'error' &&
      (i.code === DefinitionErrorCode.syntax ||
        i.code === DefinitionErrorCode.schema ||
        i.code === DefinitionErrorCode.unknownKind),
  );
  return loadFailed ? result : { ...result, issues: [...result.issues, ...wholeSetIssues(result, files)] };
}
