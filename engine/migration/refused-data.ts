import { localize, type Locale } from '../localized.ts';
import type { CaseEvent } from '../runtime/case-record.ts';
import type { CompiledSet } from '../runtime/compiled-set.ts';
import type { CompiledWorkflow } from '../workflows/compile-workflow.ts';
import { migrationMessage } from './migration-message.ts';
import type { FieldRefusal, MigrationSpec } from './migration-model.ts';
import { mappedLeaf } from './state-mapping.ts';

/**
 * The recorded data of a case that version B's forms refuse: every history entry a person filled a
 * form for (the creation, events with a form) is checked again with the form B gives that event,
 * in the state B knows it by. Only what B adds is reported: a value A's own form refuses as well
 * today (a rule that reads the actor or the time the event was sent) is no reason to hold the case
 * back. People named in user fields are checked for their shape only: who works here changes
 * with the directory, not with a version.
 */
export function refusedData(spec: MigrationSpec, history: readonly CaseEvent[], locale: Locale): FieldRefusal[] {
  const a = spec.from.set.workflows.get(spec.workflow)!;
  const b = spec.to.set.workflows.get(spec.workflow)!;
  const out: FieldRefusal[] = [];
  for (const e of history) {
    if (Object.keys(e.data).length === 0) continue;
    const formB = formOf(b, e, spec.clocksOnly ? {} : spec.stateMapping);
    if (!formB) continue;
    const checkB = spec.to.set.forms.get(formB)?.validate(e.data, { locale });
    if (!checkB || checkB.ok) continue;
    const formA = formOf(a, e, {});
    const checkA = formA ? spec.from.set.forms.get(formA)?.validate(e.data, { locale }) : undefined;
    const already = new Set(checkA && !checkA.ok ? checkA.errors.map((x) => `${x.path} ${x.code}`) : []);
    const eventTitle = titleOfEvent(b, e, locale);
    for (const error of checkB.errors) {
      if (already.has(`${error.path} ${error.code}`)) continue;
      const message = migrationMessage(
        'fieldRefused',
        { event: eventTitle, seq: e.seq, form: formTitle(spec.to.set, formB, locale), message: error.message },
        locale,
      ).message;
      out.push({ seq: e.seq, event: e.type, form: formB, path: error.path, code: error.code, message });
    }
  }
  return out;
}

/**
 * The form of a recorded event in `wf`: the start form for the creation, else the event's form in the states it was
 * sent from.
 */
function formOf(wf: CompiledWorkflow, e: CaseEvent, mapping: Readonly<Record<string, string>>): string | undefined {
  if (e.seq === 1 || e.type === 'create') return wf.spec.startForm;
  const from = e.from.map((leaf) => mappedLeaf(mapping, leaf));
  return wf.eventsFor(from).get(e.type)?.form ?? anyFormOf(wf, e.type);
}

/** An event B defines elsewhere than in the mapped states: its form wherever it is defined. */
function anyFormOf(wf: CompiledWorkflow, type: string): string | undefined {
  for (const [path] of wf.states) {
    const form = wf.eventsFor([path]).get(type)?.form;
    if (form) return form;
  }
  return undefined;
}

function titleOfEvent(wf: CompiledWorkflow, e: CaseEvent, locale: Locale): string {
  if (e.seq === 1 || e.type === 'create') return localize(wf.title, locale);
  for (const [path] of wf.states) {
    const info = wf.eventsFor([path]).get(e.type);
    if (info) return localize(info.title, locale);
  }
  return e.type;
}

function formTitle(set: CompiledSet, name: string, locale: Locale): string {
  return localize(set.forms.get(name)?.title ?? name, locale);
}
