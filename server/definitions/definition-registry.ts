import { DefinitionError, validateSet, type SourceFile } from '../../engine/definitions/index.ts';
import type { Definition } from '../../engine/definitions/kind.ts';
import { compileSet } from '../../engine/runtime/compile-set.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import type { DefinitionVersionRow, VersionStore } from '../../ports/server-storage.ts';
import type { Store } from '../../engine/store/index.ts';
import { saidField, saidProblem } from '../http/problem-messages.ts';
import { reasonOf } from '../http/error-status.ts';
import { issueFields } from './issue-fields.ts';
import { checkStatedRemovals, refuseStranding, removedBy } from './removals.ts';

/**
 * The published definition versions (P-3), compiled once each. New cases start on `current()`;
 * a running case asks for its own version. Publishing validates exactly as `serviceframe validate`
 * does and changes nothing when a file has an error.
 */
export interface DefinitionRegistry {
  current(): CompiledSet;
  currentRow(): Omit<DefinitionVersionRow, 'files'>;
  version(version: string): CompiledSet | undefined;
  /**
   * `expectedSeq`: the version the editor started from; 409 when another was published since.
   * `remove`: the published definitions ("Kind/name") this whole set leaves out on purpose; any
   * other one missing is a 422 (see removals.ts). `removed` says what went.
   */
  publish(
    files: readonly SourceFile[],
    by: string,
    note: string | null,
    expectedSeq?: number,
    remove?: readonly string[],
  ): Promise<{ row: Omit<DefinitionVersionRow, 'files'>; unchanged: boolean; removed: string[] }>;
  /** Publishes an earlier version's whole set again; `removed`: what the current set had and it lacks. */
  rollback(
    seq: number,
    by: string,
    note: string | null,
  ): Promise<{ row: Omit<DefinitionVersionRow, 'files'>; removed: string[] }>;
  /** Told after every publication or rollback (e.g. to rebuild the user directory). */
  onChange(listener: (set: CompiledSet) => void): void;
  /**
   * Reads the versions published since (by another server node on the same database), compiles
   * them, and makes the latest current; true when the current version changed.
   */
  refresh(): Promise<boolean>;
}

export function compileFiles(files: readonly SourceFile[], now: number): CompiledSet {
  const loaded = validateSet(files, now);
  const errors = loaded.issues.filter((i) => i.severity === 'error');
  if (errors.length) throw new DefinitionError(errors);
  return compileSet(loaded.docs.map((d) => d.def));
}

/** Who and why, for the version a server publishes on its first start (no person published it). */
export const FIRST_START = { publishedBy: 'system', note: 'first start' } as const;

/** Whether a stored version is the one a server published on its first start. */
export const isFirstStart = (v: { seq: number; publishedBy: string; note: string | null }): boolean =>
  v.seq === 1 && v.publishedBy === FIRST_START.publishedBy && v.note === FIRST_START.note;

/**
 * Opens the registry on the stored versions; on a first start (no version stored) publishes
 * `initialFiles()` as version 1 — and refuses to start when they are invalid.
 */
export async function openDefinitionRegistry(
  versions: VersionStore,
  initialFiles: () => readonly SourceFile[],
  now: () => number,
  cases?: Pick<Store, 'listCases'>,
): Promise<DefinitionRegistry> {
  const sets = new Map<string, CompiledSet>();
  for (const row of await versions.distinct()) sets.set(row.version, compileFiles(row.files, now()));
  let latest = await versions.latest();
  if (!latest) {
    const files = initialFiles();
    const set = compileFiles(files, now());
    sets.set(set.version, set);
    // Several nodes starting together on a new database: the first one's version 1 stands.
    latest =
      (await versions.addAfter(
        {
          version: set.version,
          files: files.map((f) => ({ path: f.path, text: f.text })),
          publishedAt: now(),
          ...FIRST_START,
        },
        0,
      )) ?? (await versions.latest())!;
    if (!sets.has(latest.version)) sets.set(latest.version, compileFiles(latest.files, now()));
  }
  let currentRow: Omit<DefinitionVersionRow, 'files'> = strip(latest);
  const listeners: ((set: CompiledSet) => void)[] = [];
  const current = () => sets.get(currentRow.version)!;
  const changed = () => listeners.forEach((l) => l(current()));
  // Publications and rollbacks one at a time: two tabs publishing the same set at once would both
  // see it as new across the await of versions.add and store it twice.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  };
  // Versions another node published: each compiled once, the latest made current.
  const catchUp = async (): Promise<boolean> => {
    const rows = await versions.list();
    for (const row of rows) {
      if (sets.has(row.version)) continue;
      const full = await versions.get(row.seq);
      if (full) sets.set(full.version, compileFiles(full.files, now()));
    }
    const last = rows.at(-1);
    if (!last || last.seq === currentRow.seq) return false;
    currentRow = last;
    changed();
    return true;
  };
  // Adds a version unless another node added one since this node's current: then it catches up and refuses.
  const addAfterCurrent = async (row: Omit<DefinitionVersionRow, 'seq'>) => {
    const added = await versions.addAfter(row, currentRow.seq);
    if (added) return added;
    await catchUp();
    throw saidProblem(409, 'versionPublishedMeanwhile', { seq: currentRow.seq }, { code: 'STALE_VERSION' });
  };

  return {
    current,
    currentRow: () => currentRow,
    version: (v) => sets.get(v),
    publish: (files, by, note, expectedSeq, remove = []) =>
      serial(async () => {
        if (expectedSeq !== undefined && expectedSeq !== currentRow.seq) {
          throw saidProblem(
            409,
            'versionPublishedAfter',
            { seq: currentRow.seq, expected: expectedSeq },
            { code: 'STALE_VERSION' },
          );
        }
        const set = checkedSet(files, now());
        const removed = removedBy(current(), set);
        checkStatedRemovals(removed, remove, current());
        if (set.version === currentRow.version) return { row: currentRow, unchanged: true, removed };
        if (cases) await refuseStranding(removed, cases, (v) => sets.get(v), current());
        if (!sets.has(set.version)) sets.set(set.version, set);
        currentRow = strip(
          await addAfterCurrent({
            version: set.version,
            files: files.map((f) => ({ path: f.path, text: f.text })),
            publishedAt: now(),
            publishedBy: by,
            note,
          }),
        );
        changed();
        return { row: currentRow, unchanged: false, removed };
      }),
    rollback: (seq, by, note) =>
      serial(async () => {
        const target = await versions.get(seq);
        if (!target) throw saidProblem(404, 'noDefinitionVersion', { seq }, { code: 'NOT_FOUND' });
        // Naming the version is naming its whole set, so what it lacks needs no statement; open
        // cases still may not be stranded.
        const removed = removedBy(current(), sets.get(target.version)!);
        if (cases) await refuseStranding(removed, cases, (v) => sets.get(v), current());
        currentRow = strip(
          await addAfterCurrent({
            version: target.version,
            files: target.files,
            publishedAt: now(),
            publishedBy: by,
            note: note ?? `rollback to version ${seq}`,
          }),
        );
        changed();
        return { row: currentRow, removed };
      }),
    onChange(listener) {
      listeners.push(listener);
    },
    refresh: () => serial(catchUp),
  };
}

/**
 * A candidate set checked exactly as publishing checks it: every validation error as a 422 problem
 * document with file positions, nothing changed. Publishing and the impact replay both use it.
 */
export function checkedSet(files: readonly SourceFile[], now: number): CompiledSet {
  const loaded = validateSet(files, now);
  const errors = loaded.issues.filter((i) => i.severity === 'error');
  if (errors.length)
    throw saidProblem(
      422,
      errors.length === 1 ? 'definitionsInvalidOne' : 'definitionsInvalid',
      { count: errors.length },
      { code: 'INVALID_DEFINITIONS', errors: issueFields(errors) },
    );
  return compileChecked(
    loaded.docs.map((d) => d.def),
    files,
  );
}

/** compileSet after validation passed: a failure is a gap in the checks, still answered 422, never 500. */
function compileChecked(defs: readonly Definition[], files: readonly SourceFile[]): CompiledSet {
  try {
    return compileSet(defs);
  } catch (e) {
    const file = files[0]?.path ?? '';
    throw saidProblem(
      422,
      'definitionsDoNotCompile',
      {},
      {
        code: 'INVALID_DEFINITIONS',
        errors: [
          saidField(
            '',
            'field.setDoesNotCompile',
            { file, message: reasonOf(e) },
            { code: 'INVALID_VALUE', file, line: 1, column: 1 },
          ),
        ],
      },
    );
  }
}

function strip(row: DefinitionVersionRow): Omit<DefinitionVersionRow, 'files'> {
  const { files: _files, ...rest } = row;
  return rest;
}
