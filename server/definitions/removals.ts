import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import type { Store } from '../../engine/store/index.ts';
import { Problem, type ProblemField } from '../http/problem.ts';

/**
 * A publication is a whole set: whatever the current set has and the new one lacks is removed.
 * Publishing only the organization and the calendar once removed every workflow, form, ledger and
 * scorecard without a word; so a publication that removes definitions must name each of them in
 * `remove` ("Kind/name", as in GET /api/definitions/:kind/:name), and is refused otherwise.
 */
export function removedBy(current: CompiledSet, next: CompiledSet): string[] {
  const kept = new Set(next.docs.map((d) => `${d.kind}/${d.metadata.name}`));
  return current.docs.map((d) => `${d.kind}/${d.metadata.name}`).filter((key) => !kept.has(key));
}

/** Refuses (422) removals the request does not state, and statements that remove nothing. Pure. */
export function checkStatedRemovals(removed: readonly string[], stated: readonly string[], current: CompiledSet): void {
  const errors: ProblemField[] = [];
  const said = new Set(stated);
  for (const key of removed) {
    if (!said.has(key))
      errors.push({
        path: '/remove',
        message: `${key} is published now and missing from these files; add it to the files, or state its removal with "remove": ["${key}"]`,
        code: 'REMOVAL_NOT_STATED',
      });
  }
  const published = new Set(current.docs.map((d) => `${d.kind}/${d.metadata.name}`));
  const gone = new Set(removed);
  stated.forEach((key, i) => {
    if (gone.has(key)) return;
    const why = published.has(key) ? 'the files still define it' : 'no such definition is published';
    errors.push({
      path: `/remove/${i}`,
      message: `${key} is not removed by this publication: ${why}`,
      code: 'INVALID_REMOVAL',
    });
  });
  if (errors.length) {
    const unstated = removed.filter((k) => !said.has(k));
    const detail = unstated.length
      ? `this publication would remove ${unstated.length} published definition${unstated.length === 1 ? '' : 's'} (${unstated.slice(0, 5).join(', ')}${unstated.length > 5 ? ', …' : ''}); a publication is a whole set: send every file, and state removals in "remove"; nothing was published`
      : 'the removals stated do not match this publication; nothing was published';
    throw new Problem(422, detail, { code: 'REMOVAL_NOT_STATED', errors });
  }
}

/**
 * Open cases of removed workflows finish on the version they started on. Refuses (409), whatever
 * the request states, when any of them has no such version to finish on (its version is not
 * loaded or lacks the workflow): removing the workflow would strand it.
 */
export async function refuseStranding(
  removed: readonly string[],
  store: Pick<Store, 'listCases'>,
  versionOf: (v: string) => CompiledSet | undefined,
): Promise<void> {
  const stranded: ProblemField[] = [];
  for (const key of removed) {
    if (!key.startsWith('Workflow/')) continue;
    const workflow = key.slice('Workflow/'.length);
    let cursor: string | undefined;
    do {
      const page = await store.listCases({ workflow, limit: 200, ...(cursor ? { cursor } : {}) });
      for (const c of page.items) {
        if (!c.done && !versionOf(c.definitionVersion)?.workflows.has(workflow))
          stranded.push({
            path: '/remove',
            message: `open case ${c.id} of ${workflow} has no definition version to finish on`,
            code: 'CASES_STRANDED',
          });
      }
      cursor = page.next ?? undefined;
    } while (cursor && stranded.length < 50);
  }
  if (stranded.length)
    throw new Problem(
      409,
      `${stranded.length} open case${stranded.length === 1 ? '' : 's'} would be left without a workflow to finish on; nothing was published`,
      { code: 'CASES_STRANDED', errors: stranded },
    );
}
