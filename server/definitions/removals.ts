import { localize, type Locale } from '../../engine/localized.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import type { Store } from '../../engine/store/index.ts';
import type { ProblemField } from '../http/problem.ts';
import { saidField, saidProblem } from '../http/problem-messages.ts';

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
      errors.push(saidField('/remove', 'removalNotStatedField', { definition: key }, { code: 'REMOVAL_NOT_STATED' }));
  }
  const published = new Set(current.docs.map((d) => `${d.kind}/${d.metadata.name}`));
  const gone = new Set(removed);
  stated.forEach((key, i) => {
    if (gone.has(key)) return;
    const why = published.has(key) ? 'removalStillDefined' : 'removalNotPublished';
    errors.push(saidField(`/remove/${i}`, why, { definition: key }, { code: 'INVALID_REMOVAL' }));
  });
  if (errors.length) {
    const unstated = removed.filter((k) => !said.has(k));
    const list = `${unstated.slice(0, 5).join(', ')}${unstated.length > 5 ? ', …' : ''}`;
    const options = { code: 'REMOVAL_NOT_STATED', errors };
    throw unstated.length
      ? saidProblem(
          422,
          unstated.length === 1 ? 'removalUnstatedOne' : 'removalUnstated',
          { count: unstated.length, list },
          options,
        )
      : saidProblem(422, 'removalMismatch', {}, options);
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
  current?: CompiledSet,
): Promise<void> {
  // The workflow as people name it: its title in the set it is removed from.
  const workflowTitle = (name: string, locale: Locale) => localize(current?.workflows.get(name)?.title ?? name, locale);
  const stranded: ProblemField[] = [];
  for (const key of removed) {
    if (!key.startsWith('Workflow/')) continue;
    const workflow = key.slice('Workflow/'.length);
    let cursor: string | undefined;
    do {
      const page = await store.listCases({ workflow, limit: 200, ...(cursor ? { cursor } : {}) });
      for (const c of page.items) {
        if (!c.done && !versionOf(c.definitionVersion)?.workflows.has(workflow))
          stranded.push(
            saidField(
              '/remove',
              'caseStranded',
              { case: c.number ?? c.id, workflow: { zh: workflowTitle(workflow, 'zh-CN'), en: workflow } },
              { code: 'CASES_STRANDED' },
            ),
          );
      }
      cursor = page.next ?? undefined;
    } while (cursor && stranded.length < 50);
  }
  if (stranded.length)
    throw saidProblem(
      409,
      stranded.length === 1 ? 'casesStrandedOne' : 'casesStranded',
      { count: stranded.length },
      { code: 'CASES_STRANDED', errors: stranded },
    );
}
