import { compileCondition, type CompiledCondition } from '../conditions/index.ts';
import type { Localized } from '../localized.ts';
import type { FieldSpec } from '../forms/form-model.ts';
import { dataFields, type FormFieldsOf } from './data-fields.ts';
import type { SummaryField } from './workflow-summary.ts';
import type { WorkflowSpec } from './workflow-model.ts';

/** What a customer sees of a case (`spec.portal` with its defaults filled in). */
export interface CompiledPortal {
  /** State paths of the progress line, in order. */
  readonly steps: readonly string[];
  /** What the customer reads for a step, by its path, where the state's title is the staff's word. */
  readonly stepTitles: Readonly<Record<string, Localized>>;
  readonly fields: readonly SummaryField[];
  readonly appointment: string | null;
  readonly technician: boolean;
  /** Start-form field → where a customer's value comes from (their login, or their latest request). */
  readonly profile: Readonly<Record<string, 'name' | 'mobile' | 'email' | 'latest'>>;
  readonly replies: readonly {
    readonly event: string;
    readonly field: string;
    readonly when: CompiledCondition | null;
    /** What the customer reads above the reply; null: the event's title. */
    readonly title: Localized | null;
  }[];
  readonly rating: { readonly link: string; readonly event: string } | null;
}

/**
 * `spec.portal`, defaulting to little: the initial state and the top-level final states as the
 * progress line, the start form's fields that are not staffOnly, the technician, no replies and no
 * rating (a workflow says which of its events speak to the customer). Call on a workflow the loader
 * accepted; a path no form writes is left out, as check-portal.ts reported it.
 */
export function workflowPortal(spec: WorkflowSpec, formFields: FormFieldsOf): CompiledPortal {
  const p = spec.portal ?? {};
  const finals = Object.entries(spec.states)
    .filter(([, s]) => s.type === 'final')
    .map(([name]) => name);
  const known = dataFields(spec, formFields);
  const fields: SummaryField[] = p.fields
    ? p.fields.flatMap((path) => {
        const field = known.get(path);
        return field && !field.staffOnly ? [{ path, field }] : [];
      })
    : (spec.startForm ? (formFields(spec.startForm) ?? []) : [])
        .filter((f: FieldSpec) => !f.staffOnly)
        .map((field) => ({ path: field.name, field }));
  return {
    steps: p.steps ?? [spec.initial, ...finals.filter((f) => f !== spec.initial)],
    stepTitles: p.stepTitles ?? {},
    fields,
    appointment: p.appointment ?? null,
    technician: p.technician ?? true,
    profile: p.profile ?? {},
    replies: (p.replies ?? []).map((r) => ({
      event: r.event,
      field: r.field,
      when: r.when ? compileCondition(r.when) : null,
      title: r.title ?? null,
    })),
    rating: p.rating ?? null,
  };
}
