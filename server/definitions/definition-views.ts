import type { DefinitionView, WorkflowView } from '../../contract/types.ts';
import { localize, type Locale } from '../../engine/localized.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import type { CompiledWorkflow } from '../../engine/workflows/compile-workflow.ts';
import { workflowToMermaid } from '../../engine/workflows/diagram-mermaid.ts';
import { workflowToSvg } from '../../engine/workflows/diagram-svg.ts';
import { caseViewJson } from './case-view-json.ts';
import { recordLookups } from '../../engine/workflows/record-lookups.ts';

/**
 * A workflow as a generic client needs it: states, events with their forms, the start form, the
 * summary fields a case list shows (with their labels, and option labels for a choice), diagrams.
 */
export function workflowView(set: CompiledSet, wf: CompiledWorkflow, locale: Locale): WorkflowView {
  const events = [];
  for (const [path, state] of [['', { on: wf.spec.on }] as const, ...wf.states.entries()]) {
    for (const [type, t] of Object.entries(state.on ?? {})) {
      events.push({
        type,
        title: localize(t.title ?? type, locale),
        from: path === '' ? '*' : path,
        form: t.form ? (set.forms.get(t.form)?.schema ?? null) : null,
        formName: t.form ?? null,
        allow: t.allow ?? [],
        ...(t.saveAs ? { saveAs: t.saveAs } : {}),
        ...(t.sealedUntil ? { sealedUntil: t.sealedUntil } : {}),
      });
    }
  }
  const start = wf.spec.startForm ? set.forms.get(wf.spec.startForm) : undefined;
  return {
    kind: 'Workflow' as const,
    name: wf.name,
    title: localize(wf.title, locale),
    version: set.version,
    initial: wf.spec.initial,
    states: [...wf.states.entries()].map(([path, s]) => ({
      path,
      title: localize(s.title ?? path, locale),
      type: s.type ?? (s.states ? 'compound' : 'atomic'),
      // The service-language scripts staff say in this state (NORM-2), by Script name.
      script: s.script === undefined ? [] : typeof s.script === 'string' ? [s.script] : [...s.script],
    })),
    events,
    startForm: start ? start.schema : { type: 'object', additionalProperties: false, properties: {} },
    startFormName: wf.spec.startForm ?? null,
    startAllow: wf.spec.start.allow,
    // The service line the workflow belongs to (SL-*), by name: where "new case" lists it.
    serviceLine: wf.spec.serviceLine ?? null,
    summary: wf.summary.map(({ path, field }) => ({
      path,
      title: localize(field.label, locale),
      type: field.type,
      ...(field.options
        ? { options: field.options.map((o) => ({ value: o.value, label: localize(o.label, locale) })) }
        : {}),
    })),
    // The archives a registration can be filled from (INFO-2): record field → case-data field.
    records: recordLookups(wf.spec, (name) => set.definition('RecordType', name)).map((r) => ({
      ...r,
      title: localize(r.title, locale),
    })),
    // What the case page shows at its top, section by section, each field with its labels.
    view: caseViewJson(set, wf, locale),
    diagram: diagramOf(wf, locale),
  };
}

// Laid out once per published workflow and language: a published version never changes, and the
// layout took 560 ms for a 300-state workflow on every request. Keyed by the compiled spec, so a
// version the registry forgets takes its diagrams with it.
const diagrams = new WeakMap<
  CompiledWorkflow['spec'],
  Map<Locale, { readonly mermaid: string; readonly svg: string }>
>();

/** The workflow's diagram (Mermaid text and SVG) in `locale`, laid out on first use. */
export function diagramOf(wf: CompiledWorkflow, locale: Locale): { readonly mermaid: string; readonly svg: string } {
  let byLocale = diagrams.get(wf.spec);
  if (!byLocale)
    diagrams.set(wf.spec, (byLocale = new Map<Locale, { readonly mermaid: string; readonly svg: string }>()));
  let diagram = byLocale.get(locale);
  if (!diagram)
    byLocale.set(
      locale,
      (diagram = { mermaid: workflowToMermaid(wf.spec, { locale }), svg: workflowToSvg(wf.spec, { locale }) }),
    );
  return diagram;
}

/** A definition as GET /api/definitions/{kind}/{name} answers it to staff (contract/schemas/definition-view.ts). */
export function definitionView(
  set: CompiledSet,
  kind: string,
  name: string,
  locale: Locale,
): DefinitionView | undefined {
  if (kind === 'Workflow') {
    const wf = set.workflows.get(name);
    return wf && workflowView(set, wf, locale);
  }
  if (kind === 'Form') {
    const form = set.forms.get(name);
    return form && { kind, ...form.toJSON(), version: set.version };
  }
  const def = set.definition(kind, name);
  return (
    def && {
      kind,
      name,
      version: set.version,
      title: localize(def.metadata.title ?? name, locale),
      metadata: def.metadata,
      // As published: the kind's own schema (engine/definitions/schemas) says what it holds.
      spec: def.spec as Readonly<Record<string, unknown>>,
    }
  );
}
