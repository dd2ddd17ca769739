import { readDefinitionFiles, validateDefinitions } from '../../engine/definitions/index.ts';
import { compileSet } from '../../engine/runtime/compile-set.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';

/** The small complete definition set in tests/fixtures/engine, compiled once per test file. */
export function engineFixtureSet(dir = 'tests/fixtures/engine'): CompiledSet {
  const result = validateDefinitions(readDefinitionFiles(dir), Date.parse('2026-11-26T00:00:00Z'));
  const errors = result.issues.filter((i) => i.severity === 'error');
  if (errors.length) throw new Error(`fixture set ${dir} is invalid:\n${errors.map((e) => e.message).join('\n')}`);
  return compileSet(result.docs.map((d) => d.def));
}

export const at = (iso: string) => Date.parse(iso);
