import type { Actor } from '../../engine/runtime/actor.ts';
import { isAllowed } from '../../engine/runtime/authorize.ts';
import type { CaseRecord } from '../../engine/runtime/case-record.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';

/**
 * Whether a case waits for this user to act: it is open, nobody else has it (unassigned or
 * assigned to them), and its current state offers a step forward (not a `stay` event such as a
 * comment) whose allow rules name one of the user's roles, or the assignee when that is them, and
 * let them take it — e.g. a unit's service lead and the repairs of the unit still to dispatch. Events open to anyone in
 * scope (no
 * rules) do not count: they would put every case of the unit under "my cases".
 */
export function waitingFor(set: CompiledSet, record: CaseRecord, actor: Actor): boolean {
  if (record.done || (record.assignee !== null && record.assignee !== actor.username)) return false;
  const wf = set.workflows.get(record.workflow);
  if (!wf) return false;
  for (const info of wf.eventsFor(record.activeStates).values()) {
    if (info.spec.stay) continue;
    const mine = info.allow.filter(
      (r) =>
        (r.role !== undefined && actor.roles.includes(r.role)) ||
        (r.assignee === true && record.assignee === actor.username),
    );
    if (mine.length > 0 && isAllowed(mine, actor, record, set.org)) return true;
  }
  return false;
}
