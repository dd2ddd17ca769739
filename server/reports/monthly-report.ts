import type { Definition } from '../../engine/definitions/index.ts';
import type { FormSpec } from '../../engine/forms/form-model.ts';
import { localize, type Locale, type Localized } from '../../engine/localized.ts';
import { labelledField, type MonthlyReportSpec } from '../../engine/reports/index.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import type { CaseReportRow } from '../../ports/server-storage.ts';

/** The option labels a measure's `labels` references name, the first reference with a value winning. */
function optionLabels(labels: readonly string[] | undefined, set: CompiledSet): ReadonlyMap<string, Localized> {
  const out = new Map<string, Localized>();
  for (const reference of labels ?? [])
    for (const option of labelledField(reference, (name) => set.definition<FormSpec>('Form', name))?.options ?? [])
      if (!out.has(option.value)) out.set(option.value, option.label);
  return out;
}

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10000) / 100);

/** Sums the projected rows of one month into the report (INFO-3, INFO-4, MGMT-1). Pure. */
export function monthlyReport(set: CompiledSet, rows: readonly CaseReportRow[], locale: Locale) {
  const byWorkflow = new Map<string, { total: number; done: number; states: Map<string, number> }>();
  let met = 0;
  let breached = 0;
  const sums = new Map<string, Map<string, [number, number]>>();
  for (const r of rows) {
    let w = byWorkflow.get(r.workflow);
    if (!w) byWorkflow.set(r.workflow, (w = { total: 0, done: 0, states: new Map() }));
    w.total++;
    if (r.done) w.done++;
    w.states.set(r.state, (w.states.get(r.state) ?? 0) + 1);
    met += r.clocksMet;
    breached += r.clocksBreached;
    for (const [measure, groups] of Object.entries(r.measures)) {
      let m = sums.get(measure);
      if (!m) sums.set(measure, (m = new Map<string, [number, number]>()));
      for (const [g, [n, d]] of Object.entries(groups)) {
        const prev = m.get(g) ?? [0, 0];
        m.set(g, [prev[0] + n, prev[1] + d]);
      }
    }
  }
  const def = set.docs.find((d) => d.kind === 'MonthlyReport') as Definition<MonthlyReportSpec> | undefined;
  const measures = (def?.spec.measures ?? []).map((m) => {
    const kind = m.ratio
      ? ('ratio' as const)
      : m.sum
        ? ('sum' as const)
        : m.completeness
          ? ('completeness' as const)
          : ('count' as const);
    const groups = [...(sums.get(m.name) ?? new Map<string, [number, number]>()).entries()].sort(([a], [b]) =>
      a.localeCompare(b),
    );
    const valueOf = ([n, d]: [number, number]) =>
      kind === 'ratio' || kind === 'completeness' ? pct(n, d) : kind === 'sum' ? Math.round(n * 100) / 100 : d;
    const labels = optionLabels(m.labels, set);
    const all = groups.reduce<[number, number]>((acc, [, v]) => [acc[0] + v[0], acc[1] + v[1]], [0, 0]);
    return {
      name: m.name,
      title: localize(m.title ?? m.name, locale),
      kind,
      unit:
        kind === 'ratio' || kind === 'completeness'
          ? ('percent' as const)
          : kind === 'sum'
            ? ('amount' as const)
            : ('cases' as const),
      value: valueOf(all),
      numerator: all[0],
      denominator: all[1],
      ...(m.groupBy
        ? {
            groups: groups.map(([group, v]) => {
              // A stored option value is named by its label (the measure's `labels`), in the reader's language.
              const label = labels.get(group);
              return {
                group,
                ...(label !== undefined ? { title: localize(label, locale) } : {}),
                value: valueOf(v),
                numerator: v[0],
                denominator: v[1],
              };
            }),
          }
        : {}),
    };
  });
  return {
    cases: rows.length,
    byWorkflow: [...byWorkflow.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([workflow, w]) => ({
        workflow,
        title: localize(set.workflows.get(workflow)?.title ?? workflow, locale),
        total: w.total,
        done: w.done,
        states: Object.fromEntries([...w.states.entries()].sort(([a], [b]) => a.localeCompare(b))),
        // What people call each state, in the language asked (the ids above stay for programs).
        stateTitles: Object.fromEntries(
          [...w.states.keys()].map((state) => [
            state,
            localize(set.workflows.get(workflow)?.states.get(state)?.title ?? '', locale) || state,
          ]),
        ),
      })),
    sla: { met, breached, metPercent: pct(met, met + breached) },
    measures,
  };
}
