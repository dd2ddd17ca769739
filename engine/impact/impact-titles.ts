import type { Localized } from '../localized.ts';
import type { CompiledSet } from '../runtime/compiled-set.ts';

/**
 * Titles for what a report names, looked up in the candidate first and then in the published set
 * (a workflow or clock the candidate removed still has the title it had). Falls back to the name.
 */
export interface Titles {
  unit(name: string): Localized;
  workflow(name: string): Localized;
  clock(policy: string): Localized;
  template(name: string): Localized;
  event(workflow: string, type: string): Localized;
  state(workflow: string, path: string): Localized;
  scorecard(name: string): Localized;
}

export function titlesOf(sets: readonly CompiledSet[]): Titles {
  const first = (pick: (set: CompiledSet) => Localized | undefined, name: string): Localized => {
    for (const set of sets) {
      const t = pick(set);
      if (t !== undefined) return t;
    }
    return name;
  };
  return {
    unit: (name) => first((s) => s.org.unit(name)?.title, name),
    workflow: (name) => first((s) => s.workflows.get(name)?.title, name),
    clock: (policy) => first((s) => s.definition('SlaPolicy', policy)?.metadata.title, policy),
    template: (name) => first((s) => s.definition('NotificationTemplate', name)?.metadata.title, name),
    event: (workflow, type) => first((s) => eventTitle(s, workflow, type), type),
    state: (workflow, path) => first((s) => s.workflows.get(workflow)?.states.get(path)?.title, path),
    scorecard: (name) => first((s) => s.scorecards.get(name)?.title, name),
  };
}

function eventTitle(set: CompiledSet, workflow: string, type: string): Localized | undefined {
  const wf = set.workflows.get(workflow);
  if (!wf) return undefined;
  const own = wf.spec.on?.[type];
  if (own) return own.title;
  for (const state of wf.states.values()) {
    const t = state.on?.[type];
    if (t) return t.title;
  }
  return undefined;
}
