import type { Locale } from '../localized.ts';
import type { CaseRecord } from '../runtime/case-record.ts';
import { EngineError, EngineErrorCode } from '../runtime/engine-error.ts';
import type { Commit, Store } from '../store/store.ts';
import { migrationMessage, type MigrationMessage } from './migration-message.ts';
import { MIGRATED_EVENT, type CasePlan, type MigrationFilter, type MigrationSpec } from './migration-model.ts';
import { label, planCase } from './plan-case.ts';

/** What running a migration reads and writes through: the store, and the engine's commit (engine.commitChange). */
export interface MigrationIo {
  readonly store: Pick<Store, 'getCase' | 'history' | 'listCases'>;
  readonly commit: (commit: Commit) => Promise<void>;
  readonly now: () => number;
}

export interface MigrationRunOptions {
  readonly actor: { readonly username: string; readonly unit: string | null };
  readonly locale: Locale;
  /** The batch id (null for a dry run). */
  readonly batch: string | null;
  /** Told after each case is settled (committed or not), e.g. for progress. */
  readonly onCase?: (result: CaseResult, index: number) => void | Promise<void>;
}

/**
 * One case's result: its plan (without the commit), with the outcome of applying it. 'migrated':
 * committed now; 'alreadyMigrated': this batch migrated it before an interruption; 'skipped': it
 * was closed or moved to another version meanwhile.
 */
export type CaseResult = Omit<CasePlan, 'commit' | 'outcome'> & {
  readonly outcome: CasePlan['outcome'] | 'migrated' | 'alreadyMigrated' | 'skipped';
};

const PAGE = 200;
const RETRIES = 3;

/** The open cases of the workflow on the `from` version that the filter takes, oldest first. */
export async function selectCases(
  store: MigrationIo['store'],
  spec: MigrationSpec,
  filter: MigrationFilter,
): Promise<CaseRecord[]> {
  const out: CaseRecord[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: CaseRecord[]; next: string | null } = await store.listCases({
      workflow: spec.workflow,
      limit: PAGE,
      ...(filter.state !== undefined ? { state: filter.state } : {}),
      ...(filter.units !== undefined ? { units: filter.units } : {}),
      ...(cursor !== null ? { cursor } : {}),
    });
    for (const c of page.items) {
      if (c.done || c.definitionVersion !== spec.from.set.version) continue;
      if (filter.createdFrom !== undefined && c.createdAt < filter.createdFrom) continue;
      if (filter.createdTo !== undefined && c.createdAt >= filter.createdTo) continue;
      out.push(c);
    }
    cursor = page.next;
  } while (cursor !== null);
  return out.sort((x, y) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** The dry run: every selected case's plan, nothing written. */
export async function planCases(
  io: MigrationIo,
  spec: MigrationSpec,
  cases: readonly CaseRecord[],
  options: MigrationRunOptions,
): Promise<CasePlan[]> {
  const now = io.now();
  const out: CasePlan[] = [];
  for (const record of cases)
    out.push(
      planCase({
        spec,
        record,
        history: await io.store.history(record.id),
        now,
        actor: options.actor,
        batch: options.batch,
        locale: options.locale,
      }),
    );
  return out;
}

/**
 * Applies the migration to the cases with these ids, one atomic commit per case, each checked
 * against the version its plan was read at. Safe to run again over the same ids after a crash:
 * a case this batch already migrated is found by its `migrated` event and counted, never
 * migrated twice; a case closed or moved meanwhile is skipped. A commit that fails for another
 * reason than a concurrent change stops the run (the batch stays unfinished, to be resumed).
 */
export async function applyCases(
  io: MigrationIo,
  spec: MigrationSpec,
  ids: readonly string[],
  options: MigrationRunOptions,
): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const [index, id] of ids.entries()) {
    const result = await applyOne(io, spec, id, options);
    out.push(result);
    await options.onCase?.(result, index);
  }
  return out;
}

async function applyOne(
  io: MigrationIo,
  spec: MigrationSpec,
  id: string,
  options: MigrationRunOptions,
): Promise<CaseResult> {
  const notes: MigrationMessage[] = [];
  for (let attempt = 0; ; attempt++) {
    const record = await io.store.getCase(id);
    if (!record) return skipped(id, 'caseClosed', {}, spec, options.locale);
    const history = await io.store.history(id);
    if (
      options.batch !== null &&
      history.some((e) => e.type === MIGRATED_EVENT && (e.data as { batch?: unknown }).batch === options.batch)
    ) {
      return { ...bare(record, spec, options.locale), outcome: 'alreadyMigrated' };
    }
    if (record.done) return skipped(id, 'caseClosed', {}, spec, options.locale, record);
    if (record.definitionVersion !== spec.from.set.version) {
      return skipped(
        id,
        'caseMoved',
        { from: String(spec.from.seq), version: record.definitionVersion.slice(0, 12) },
        spec,
        options.locale,
        record,
      );
    }
    const plan = planCase({
      spec,
      record,
      history,
      now: io.now(),
      actor: options.actor,
      batch: options.batch,
      locale: options.locale,
    });
    const { commit, ...rest } = plan;
    if (!commit) return { ...rest, notes: [...notes, ...rest.notes] };
    try {
      await io.commit(commit);
      return { ...rest, outcome: 'migrated', notes: [...notes, ...rest.notes] };
    } catch (e) {
      // Someone acted on the case between the read and the commit: read it again and plan anew.
      if (!(e instanceof EngineError && e.code === EngineErrorCode.staleVersion) || attempt + 1 >= RETRIES) throw e;
      notes.push(migrationMessage('caseChanged', {}, options.locale));
    }
  }
}

function bare(record: CaseRecord, spec: MigrationSpec, locale: Locale): Omit<CaseResult, 'outcome'> {
  const side = record.definitionVersion === spec.to.set.version ? spec.to.set : spec.from.set;
  const wf = side.workflows.get(record.workflow);
  const states = record.activeStates.map((path) => (wf ? label(wf, path, locale) : { path, title: path }));
  return {
    id: record.id,
    ...(record.number !== undefined ? { number: record.number } : {}),
    unit: record.unit,
    version: record.version,
    state: { before: states, after: states },
    dataRefusals: [],
    clocks: [],
    timers: { added: [], removed: [] },
    notes: [],
  };
}

function skipped(
  id: string,
  code: 'caseClosed' | 'caseMoved',
  args: Record<string, string>,
  spec: MigrationSpec,
  locale: Locale,
  record?: CaseRecord,
): CaseResult {
  const base = record
    ? bare(record, spec, locale)
    : {
        id,
        unit: '',
        version: 0,
        state: { before: [], after: [] },
        dataRefusals: [],
        clocks: [],
        timers: { added: [], removed: [] },
        notes: [],
      };
  return { ...base, outcome: 'skipped', notes: [migrationMessage(code, args, locale)] };
}
