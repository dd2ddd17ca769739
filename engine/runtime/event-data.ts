import type { FieldError } from '../forms/form-model.ts';
import type { Actor } from './actor.ts';
import type { CaseDraft } from './action-context.ts';
import type { DecideDeps } from './decide-deps.ts';
import { EngineError, EngineErrorCode as Code } from './engine-error.ts';
import { actorFacts } from './facts.ts';
import { peopleOf } from './people-of.ts';
import { unitsOf } from './units-of.ts';

/**
 * An event's data checked against its form (field-level errors, nothing stored on failure; the
 * people named in user fields against the directory and the case's unit `caseUnit`, the units
 * named in unit fields against the Organization, the actor and that unit), and
 * where accepted data goes in the case: merged at the top, kept under `saveAs`, or appended to
 * the list under `appendTo`.
 */
export function validateEventData(
  deps: DecideDeps,
  formName: string | undefined,
  data: unknown,
  actor: Actor,
  caseUnit: string,
): Record<string, unknown> {
  // The engine's own events (signals between linked cases) carry data the sending workflow shaped.
  if (!formName && actor.system && data && typeof data === 'object' && !Array.isArray(data))
    return { ...(data as Record<string, unknown>) };
  if (!formName) {
    if (
      data === undefined ||
      data === null ||
      (typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 0)
    )
      return {};
    throw new EngineError(Code.invalidData, 'this event takes no data', [
      { path: '', code: 'unknownField', message: 'this event takes no data' },
    ]);
  }
  const form = deps.set.forms.get(formName)!;
  const result = form.validate(data ?? {}, {
    context: { actor: actorFacts(actor, deps.set.org) },
    people: peopleOf(deps.directory, deps.set.org, caseUnit),
    units: unitsOf(deps.directory, deps.set.org, caseUnit, actor),
  });
  if (!result.ok)
    throw new EngineError(Code.invalidData, `invalid data for form ${formName}`, result.errors as FieldError[]);
  return result.data;
}

export function mergeEventData(
  draft: CaseDraft,
  data: Record<string, unknown>,
  spec: { saveAs?: string; appendTo?: string },
) {
  if (spec.appendTo) {
    const list = draft.data[spec.appendTo];
    draft.data[spec.appendTo] = [...(Array.isArray(list) ? (list as unknown[]) : []), data];
  } else if (spec.saveAs) draft.data[spec.saveAs] = data;
  else Object.assign(draft.data, data);
}
