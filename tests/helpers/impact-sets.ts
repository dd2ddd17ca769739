import { readDefinitionFiles, validateSet, type SourceFile } from '../../engine/definitions/index.ts';
import { compileSet } from '../../engine/runtime/compile-set.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import { createDirectory } from '../../engine/runtime/actor.ts';
import { VirtualClock } from '../../engine/runtime/clock.ts';
import { createEngine } from '../../engine/runtime/engine.ts';
import { counterIds } from '../../engine/runtime/ids.ts';
import { openSqliteStore } from '../../adapters/sqlite/store/sqlite-store.ts';
import type { Store } from '../../engine/store/store.ts';
import { driveMonth, usersOf, type MonthAction } from './impact-month.ts';

export const IMPACT_BASE = 'tests/fixtures/impact/base';
export const NOVEMBER = { from: Date.parse('2026-11-01T00:00:00+08:00'), to: Date.parse('2026-12-01T00:00:00+08:00') };

export const baseFiles = (): SourceFile[] => readDefinitionFiles(IMPACT_BASE);

/** The base files with one file's text changed: the candidate an administrator edited. */
export function editedFiles(file: string, from: string, to: string): SourceFile[] {
  return baseFiles().map((f) => {
    if (!f.path.endsWith(file)) return f;
    if (!f.text.includes(from)) throw new Error(`${file} has no "${from}"`);
    return { ...f, text: f.text.replace(from, to) };
  });
}

export function compileFiles(files: readonly SourceFile[]): CompiledSet {
  const loaded = validateSet(files);
  const errors = loaded.issues.filter((i) => i.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.message).join('\n'));
  return compileSet(loaded.docs.map((d) => d.def));
}

/** The month run from its start under `set` on the engine and an SQLite store: what really happens. */
export async function runMonth(
  set: CompiledSet,
  actions: readonly MonthAction[],
  until: number,
  store: Store = openSqliteStore(':memory:'),
): Promise<Store> {
  const clock = new VirtualClock(actions[0]!.at);
  const directory = createDirectory(usersOf(set));
  const engine = createEngine({
    store,
    clock,
    ids: counterIds(),
    directory: () => directory,
    current: () => set,
    version: (v) => (v === set.version ? set : undefined),
  });
  const actor = (username: string) => {
    const u = directory.user(username)!;
    return { username, unit: u.unit, roles: u.roles };
  };
  await driveMonth(actions, { engine, store, now: () => clock.now(), setTime: (t) => clock.set(t), actor }, until);
  return store;
}
