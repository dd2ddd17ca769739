import { sayIn } from '../definitions/said.ts';
import { localize, type Localized } from '../localized.ts';
import type { Directory } from '../runtime/actor.ts';
import { EngineErrorCode } from '../runtime/engine-error.ts';
import type { EndState, EndStateChange, RefusalKind, RefusedEvent } from './impact-report.ts';
import type { Titles } from './impact-titles.ts';
import { NOT_STARTED, UNKNOWN_VERSION, type CaseEnd, type PassOutcome, type PassRefusal } from './replay-pass.ts';
import type { RecordedCase } from './recorded-period.ts';
import { engineRefusalSaid } from '../simulate/refusal-said.ts';
import { both } from '../simulate/scenario-said.ts';

/**
 * Every recorded event the candidate refuses, in time order, with the reason. An event that only
 * follows from an earlier refusal — a later event of the same case, or one of a case its refused
 * parent did not start — says so, so a reader can count the events a change blocks at their root.
 */
export function refusedEvents(
  cases: readonly RecordedCase[],
  before: PassOutcome,
  after: PassOutcome,
  titles: Titles,
  directory: Directory,
): RefusedEvent[] {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const key = (r: { caseId: string; seq: number }) => `${r.caseId}\u0000${r.seq}`;
  const refusedBefore = new Set(before.refusals.map(key));
  const firstRefused = new Map<string, number>();
  for (const r of after.refusals)
    if (!firstRefused.has(r.caseId) || firstRefused.get(r.caseId)! > r.seq) firstRefused.set(r.caseId, r.seq);
  const out: RefusedEvent[] = [];
  for (const r of after.refusals) {
    const c = byId.get(r.caseId);
    const event = c?.events.find((e) => e.seq === r.seq);
    if (!c || !event) continue;
    out.push({
      caseId: c.id,
      unit: c.unit,
      unitTitle: titles.unit(c.unit),
      workflow: c.workflow,
      workflowTitle: titles.workflow(c.workflow),
      seq: r.seq,
      type: event.type,
      title: event.type === 'create' ? titles.workflow(c.workflow) : titles.event(c.workflow, event.type),
      actor: event.actor,
      actorName: directory.user(event.actor)?.name ?? null,
      at: new Date(event.at).toISOString(),
      kind: kindOf(r),
      code: r.code,
      reason: r.reason,
      reasonTitle: reasonTitle(r, c.workflow, titles, directory),
      errors: r.errors.map((e) => ({ path: e.path, message: e.message })),
      alsoBefore: refusedBefore.has(key(r)),
      followsRefusal:
        firstRefused.get(r.caseId)! < r.seq ||
        (r.code === NOT_STARTED && c.parent !== null && firstRefused.has(c.parent.caseId)),
    });
  }
  return out.sort(
    (a, b) =>
      (a.at < b.at ? -1 : a.at > b.at ? 1 : 0) ||
      (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0) ||
      a.seq - b.seq,
  );
}

/**
 * The refusal's reason as people read it, in both languages: the engine's catalogue reason with the
 * people, events and workflows it names by their names and titles (as the scenario results say them).
 */
function reasonTitle(r: PassRefusal, workflow: string, titles: Titles, directory: Directory): Localized {
  const said = engineRefusalSaid(r.code, r.said, (param, value) =>
    param === 'username'
      ? (directory.user(value)?.name ?? value)
      : param === 'event'
        ? both(localize(titles.event(workflow, value), 'en'), localize(titles.event(workflow, value), 'zh-CN'))
        : param === 'workflow'
          ? both(localize(titles.workflow(value), 'en'), localize(titles.workflow(value), 'zh-CN'))
          : value,
  );
  return said ? { zh: sayIn(said, 'zh-CN'), en: sayIn(said, 'en') } : r.reason;
}

function kindOf(r: PassRefusal): RefusalKind {
  if (r.code === EngineErrorCode.forbidden) return 'role';
  if (r.code === EngineErrorCode.invalidData) return 'form';
  if (r.code === EngineErrorCode.notAllowed) return r.errors.some((e) => e.code === 'guard') ? 'guard' : 'state';
  if (r.code === NOT_STARTED || r.code === UNKNOWN_VERSION || r.code === EngineErrorCode.unknownWorkflow) return 'case';
  return 'state';
}

/** Cases whose end differs: another state, closed or still open, or not started at all. */
export function endStateChanges(
  cases: readonly RecordedCase[],
  before: PassOutcome,
  after: PassOutcome,
  titles: Titles,
): EndStateChange[] {
  const out: EndStateChange[] = [];
  for (const c of cases) {
    const b = before.cases.get(c.id);
    const a = after.cases.get(c.id);
    if (!b && !a) continue;
    if (b && a && sameEnd(b, a)) continue;
    out.push({
      caseId: c.id,
      unit: c.unit,
      unitTitle: titles.unit(c.unit),
      workflow: c.workflow,
      workflowTitle: titles.workflow(c.workflow),
      before: b ? endOf(b, titles) : null,
      after: a ? endOf(a, titles) : null,
    });
  }
  return out;
}

function sameEnd(a: CaseEnd, b: CaseEnd): boolean {
  return (
    a.done === b.done &&
    a.activeStates.length === b.activeStates.length &&
    a.activeStates.every((s, i) => s === b.activeStates[i])
  );
}

function endOf(r: CaseEnd & { workflow: string }, titles: Titles): EndState {
  return { states: r.activeStates, titles: r.activeStates.map((s) => titles.state(r.workflow, s)), done: r.done };
}
