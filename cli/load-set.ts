import { formatIssue, readDefinitionFiles, validateSet, type LoadResult } from '../engine/definitions/index.ts';
import { compileSet } from '../engine/runtime/compile-set.ts';
import type { CompiledSet } from '../engine/runtime/compiled-set.ts';
import type { CliIO } from './command.ts';

/** Loads and validates a definitions directory; prints the problems and returns null if any is an error. */
export function loadSetOrReport(dir: string, io: CliIO): { set: CompiledSet; loaded: LoadResult } | null {
  const loaded = validateSet(readDefinitionFiles(dir));
  const errors = loaded.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    for (const issue of loaded.issues) io.err(formatIssue(issue));
    return null;
  }
  return { set: compileSet(loaded.docs.map((d) => d.def)), loaded };
}
