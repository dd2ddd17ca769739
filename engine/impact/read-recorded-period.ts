import type { CaseRecord } from '../runtime/case-record.ts';
import type { Store } from '../store/store.ts';
import type { RecordedCase, RecordedPeriod } from './recorded-period.ts';

const PAGE = 1000;

/**
 * The cases a replay of [from, to) takes, read through the Store interface (any store): every case
 * created in the period that no other case started, and every case those started, whenever. A case
 * started in the period by an older case is left to that case's period: it cannot be replayed
 * without its parent. Reads only. `checkpoint` is awaited now and then (a server yields there).
 */
export async function readRecordedPeriod(
  store: Store,
  from: number,
  to: number,
  checkpoint?: (casesRead: number) => Promise<void> | void,
): Promise<RecordedPeriod> {
  let read = 0;
  const tick = async () => {
    if (checkpoint && ++read % 200 === 0) await checkpoint(read);
  };
  const roots: CaseRecord[] = [];
  for (let after: string | undefined; ;) {
    const page = await store.scanCases(after, PAGE);
    for (const c of page)
      if (c.createdAt >= from && c.createdAt < to && !c.links.some((l) => l.direction === 'parent')) roots.push(c);
    if (checkpoint) await checkpoint(read);
    if (page.length < PAGE) break;
    after = page.at(-1)!.id;
  }
  const chosen = new Map<string, CaseRecord>();
  const queue = [...roots];
  while (queue.length > 0) {
    const c = queue.pop()!;
    if (chosen.has(c.id)) continue;
    chosen.set(c.id, c);
    for (const l of c.links) {
      if (l.direction !== 'child' || chosen.has(l.caseId)) continue;
      const child = await store.getCase(l.caseId);
      if (child) queue.push(child);
    }
  }
  const cases: RecordedCase[] = [];
  for (const c of [...chosen.values()].sort(
    (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )) {
    const history = await store.history(c.id);
    await tick();
    const parent = c.links.find((l) => l.direction === 'parent');
    cases.push({
      id: c.id,
      workflow: c.workflow,
      unit: c.unit,
      ...(c.number !== undefined ? { number: c.number } : {}),
      // The version it started on: a migrated case's record names the version it was moved to.
      definitionVersion: history[0]?.definitionVersion ?? c.definitionVersion,
      createdAt: c.createdAt,
      parent: parent ? { caseId: parent.caseId, name: parent.name } : null,
      links: c.links,
      events: history.map((e) => ({
        seq: e.seq,
        type: e.type,
        actor: e.actor,
        actorUnit: e.actorUnit,
        at: e.at,
        data: e.data,
      })),
    });
  }
  return { from, to, cases };
}
