import { say, type SaidParam } from '../definitions/said.ts';
import { SLA_TIMER_EVENT } from '../sla/sla-step.ts';
import type { FormSpec } from '../forms/form-model.ts';
import type { Localized } from '../localized.ts';
import type { OrganizationSpec } from '../org/organization.ts';
import type { CompiledSet } from '../runtime/compiled-set.ts';
import { dataFields } from '../workflows/data-fields.ts';
import { statePaths } from '../workflows/state-paths.ts';
import { both, titleSaid } from './scenario-said.ts';

/**
 * What a scenario's failure names, as a reader names it: in English by the name the scenario writes
 * (what `serviceframe simulate` has always printed), in Chinese by the definition's title.
 */
export interface ScenarioNames {
  readonly workflow: (name: string) => SaidParam;
  /** A state of the workflow by its path ('handling.hq'). */
  readonly state: (workflow: string, path: string) => SaidParam;
  readonly event: (workflow: string, type: string) => SaidParam;
  /** A place in the case data ('data.site.address', 'data.parts[0]'): the field's label, else the path. */
  readonly field: (workflow: string, path: string) => SaidParam;
  readonly unit: (name: string) => SaidParam;
  readonly user: (username: string) => SaidParam;
  readonly template: (name: string) => SaidParam;
  readonly policy: (name: string) => SaidParam;
  /** A score fact by its scorecard description. */
  readonly fact: (name: string) => SaidParam;
  readonly category: (name: string) => SaidParam;
  readonly band: (name: string) => SaidParam;
  readonly recordType: (name: string) => SaidParam;
  /** A case by its id in English, by its number (when it has one) in Chinese. */
  readonly case: (id: string) => SaidParam;
}

/** Names as the scenario writes them, in every language (a check run without a set). */
export const plainNames: ScenarioNames = {
  workflow: (n) => n,
  state: (_w, p) => p,
  event: (_w, t) => t,
  field: (_w, p) => p,
  unit: (n) => n,
  user: (n) => n,
  template: (n) => n,
  policy: (n) => n,
  fact: (n) => n,
  category: (n) => n,
  band: (n) => n,
  recordType: (n) => n,
  case: (id) => id,
};

export function scenarioNames(
  set: CompiledSet,
  extraUsers: readonly { username: string; name?: Localized; email?: string }[],
  numbers: ReadonlyMap<string, string> = new Map(),
): ScenarioNames {
  const titleOf = (kind: string, name: string) => set.definition(kind, name)?.metadata.title;
  const org = set.docs.find((d) => d.kind === 'Organization')?.spec as OrganizationSpec | undefined;
  const users = [...extraUsers, ...(org?.users ?? [])];
  const cards = [...set.scorecards.values()].map((c) => c.spec);
  const firstTitle = (titles: (Localized | undefined)[]) => titles.find((t) => t !== undefined);
  const fieldsOf = new Map<string, ReadonlyMap<string, { label: Localized }>>();
  const fields = (workflow: string) => {
    let found = fieldsOf.get(workflow);
    if (!found) {
      const wf = set.workflows.get(workflow);
      found = wf ? dataFields(wf.spec, (form) => set.definition<FormSpec>('Form', form)?.spec.fields) : new Map();
      fieldsOf.set(workflow, found);
    }
    return found;
  };
  return {
    workflow: (name) => titleSaid(set.workflows.get(name)?.title, name),
    state: (workflow, path) => {
      const wf = set.workflows.get(workflow);
      return titleSaid(wf ? statePaths(wf.spec).get(path)?.title : undefined, path);
    },
    event: (workflow, type) => {
      if (type === 'create') return say('scenario.event.create');
      if (type === SLA_TIMER_EVENT) return say('scenario.event.sla');
      const wf = set.workflows.get(workflow);
      if (!wf) return type;
      const transitions = [wf.spec.on?.[type], ...[...statePaths(wf.spec).values()].map((s) => s.on?.[type])];
      return titleSaid(firstTitle(transitions.map((t) => t?.title)), type);
    },
    field: (workflow, path) => {
      const plain = path.replace(/^data\./, '').replace(/\[\d+\]/g, '');
      return titleSaid(fields(workflow).get(plain)?.label, path);
    },
    unit: (name) => titleSaid(set.org.unit(name)?.title, name),
    // a notification's recipient may be the person's address
    user: (username) => titleSaid(users.find((u) => u.username === username || u.email === username)?.name, username),
    template: (name) => titleSaid(titleOf('NotificationTemplate', name), name),
    policy: (name) => titleSaid(set.sla.find((p) => p.name === name)?.title, name),
    fact: (name) => titleSaid(firstTitle(cards.map((c) => c.facts.find((f) => f.name === name)?.description)), name),
    category: (name) => titleSaid(firstTitle(cards.map((c) => c.categories.find((x) => x.name === name)?.title)), name),
    band: (name) => titleSaid(firstTitle(cards.map((c) => c.bands?.find((x) => x.name === name)?.title)), name),
    recordType: (name) => titleSaid(titleOf('RecordType', name), name),
    case: (id) => both(id, numbers.get(id) ?? id),
  };
}
