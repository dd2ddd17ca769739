import { localize, type Locale } from '../localized.ts';
import { migrationMessage, type MigrationMessageCode } from './migration-message.ts';
import type { MigrationProblem, MigrationSpec } from './migration-model.ts';
import { canLeave, isFinal, leafStates, mappedLeaf } from './state-mapping.ts';

/**
 * Everything wrong with a migration before any case is read (issue 18, "bad input"): a reason is
 * given; the workflow is in both versions; every state of the mapping is a state of `from`; every
 * open (non-final) leaf of `from` that `to` lacks is mapped; every target is a leaf of `to` that
 * is not final and that some event can leave. With `clocksOnly`, no mapping and no open state gone.
 * Each problem carries the pointer of the request member it concerns (`/stateMapping/<state>`).
 * Pure; an empty list means the migration may run.
 */
export function checkMigration(spec: MigrationSpec, locale: Locale): MigrationProblem[] {
  const problems: MigrationProblem[] = [];
  const say = (path: string, code: MigrationMessageCode, args: Record<string, string | number>) =>
    problems.push({ path, ...migrationMessage(code, args, locale) });
  const fromLabel = String(spec.from.seq);
  const toLabel = String(spec.to.seq);
  if (spec.reason.trim() === '') say('/reason', 'reasonRequired', {});
  const a = spec.from.set.workflows.get(spec.workflow);
  const b = spec.to.set.workflows.get(spec.workflow);
  if (!a) say('/fromVersion', 'workflowUnknown', { version: fromLabel, workflow: spec.workflow });
  if (!b) say('/toVersion', 'workflowUnknown', { version: toLabel, workflow: spec.workflow });
  if (!a || !b) return problems;
  const title = localize(b.title, locale);
  if (spec.from.set.version === spec.to.set.version && !spec.clocksOnly)
    say('/toVersion', 'sameVersion', { version: toLabel });
  const pointer = (state: string) => `/stateMapping/${state.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  const stateTitle = (wf: typeof a, path: string) => {
    const title = localize(wf.states.get(path)?.title ?? path, locale);
    return title === path ? path : `${title} (${path})`;
  };

  if (spec.clocksOnly) {
    if (Object.keys(spec.stateMapping).length > 0) say('/stateMapping', 'clocksOnlyMapping', {});
    for (const leaf of leafStates(a)) {
      if (!isFinal(a, leaf) && !b.states.has(leaf))
        say(pointer(leaf), 'clocksOnlyStateGone', { state: stateTitle(a, leaf), to: toLabel });
    }
    return problems;
  }

  for (const [state, target] of Object.entries(spec.stateMapping)) {
    if (!a.states.has(state)) say(pointer(state), 'stateNotInFrom', { state, workflow: title, from: fromLabel });
    const t = b.states.get(target);
    if (!t) {
      say(pointer(state), 'targetUnknown', { target, workflow: title, to: toLabel });
    } else if (t.states && Object.keys(t.states).length > 0) {
      say(pointer(state), 'targetNotLeaf', {
        target: stateTitle(b, target),
        children: Object.keys(t.states)
          .map((c) => `${target}.${c}`)
          .join(', '),
      });
    } else if (isFinal(b, target)) {
      say(pointer(state), 'targetFinal', { target: stateTitle(b, target) });
    } else if (!canLeave(b, target)) {
      say(pointer(state), 'targetStuck', { target: stateTitle(b, target), to: toLabel });
    }
  }
  for (const leaf of leafStates(a)) {
    if (isFinal(a, leaf)) continue;
    const target = mappedLeaf(spec.stateMapping, leaf);
    if (target !== leaf) continue; // checked above
    if (!b.states.has(leaf)) say(pointer(leaf), 'stateUnmapped', { state: stateTitle(a, leaf), to: toLabel });
    else if (isFinal(b, leaf)) say(pointer(leaf), 'targetFinal', { target: stateTitle(b, leaf) });
    else if (b.states.get(leaf)?.states && Object.keys(b.states.get(leaf)!.states!).length > 0)
      say(pointer(leaf), 'targetNotLeaf', {
        target: stateTitle(b, leaf),
        children: Object.keys(b.states.get(leaf)!.states!)
          .map((c) => `${leaf}.${c}`)
          .join(', '),
      });
    else if (!canLeave(b, leaf)) say(pointer(leaf), 'targetStuck', { target: stateTitle(b, leaf), to: toLabel });
  }
  return problems;
}
