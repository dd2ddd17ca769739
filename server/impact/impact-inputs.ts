import type { ImpactInput } from '../../engine/impact/index.ts';
import { readRecordedPeriod } from '../../engine/impact/index.ts';
import type { DirectoryUser } from '../../engine/runtime/actor.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import type { RecordEntry } from '../../engine/runtime/records-view.ts';
import type { Store } from '../../engine/store/index.ts';
import { lookedUpTypes } from '../records/engine-records.ts';
import type { RecordStore, UserStore } from '../../ports/server-storage.ts';

const PAGE = 1000;

export interface ImpactSources {
  readonly store: Store;
  readonly users: UserStore;
  readonly records: RecordStore;
  /** The published set (its scorecards count the "before" points). */
  readonly published: CompiledSet;
  readonly version: (version: string) => CompiledSet | undefined;
}

/**
 * What a replay of [from, to) needs from an installation, read and nothing written: the recorded
 * cases, the users as the directory knows them (with the facts workflows keep about them), the
 * archive records the sets look up. Used by the server's job and by `serviceframe impact`.
 */
export async function impactInputs(
  sources: ImpactSources,
  candidate: CompiledSet,
  from: number,
  to: number,
  checkpoint?: () => Promise<void>,
): Promise<Omit<ImpactInput, 'onProgress' | 'every'>> {
  const period = await readRecordedPeriod(sources.store, from, to, checkpoint);
  const users: DirectoryUser[] = [];
  for (const u of await sources.users.list()) {
    users.push({
      username: u.username,
      ...(u.name ? { name: u.name } : {}),
      unit: u.unit,
      roles: u.roles,
      ...(u.email ? { email: u.email } : {}),
      ...(u.mobile ? { mobile: u.mobile } : {}),
      ...(u.locale ? { locale: u.locale } : {}),
      facts: await sources.store.userFacts(u.username),
      disabled: u.disabled,
    });
  }
  const records: RecordEntry[] = [];
  for (const type of new Set([...lookedUpTypes(candidate), ...lookedUpTypes(sources.published)])) {
    for (let after: string | undefined; ;) {
      const page = await sources.records.search({ type, limit: PAGE, ...(after ? { after } : {}) });
      for (const r of page) records.push({ type: r.type, id: r.id, unit: r.unit, data: r.data });
      if (page.length < PAGE) break;
      after = page.at(-1)!.id;
      await checkpoint?.();
    }
  }
  return { period, candidate, published: sources.published, versions: sources.version, users, records };
}
