import type { CompiledForm } from '../forms/index.ts';
import { evaluateValue } from '../runtime/value.ts';
import { holds } from './ledger-row.ts';
import type { MonthlyReportSpec } from './monthly-report-kind.ts';
import type { ReportFacts } from './report-facts.ts';

export type Contributions = Record<string, Record<string, [number, number]>>;

/**
 * What one case adds to each measure, as [numerator, denominator] per group ('' without groupBy):
 * a count adds [1, 1], a ratio [holds ? 1 : 0, 1], a sum [value, 1], a completeness
 * [required fields filled, required fields]. The report sums these; so one case's change only
 * touches its own row (a projection, never a scan of the history).
 */
export function measureContributions(
  spec: MonthlyReportSpec,
  workflow: string,
  facts: ReportFacts,
  forms: ReadonlyMap<string, CompiledForm>,
): Contributions {
  const out: Contributions = {};
  const scope = facts as unknown as Record<string, unknown>;
  for (const m of spec.measures) {
    if (m.workflows && !m.workflows.includes(workflow)) continue;
    if (m.where && !holds(m.where, facts)) continue;
    const group = m.groupBy ? String(tryValue(m.groupBy, scope) ?? '') : '';
    let pair: [number, number];
    if (m.ratio) pair = [holds(m.ratio, facts) ? 1 : 0, 1];
    else if (m.sum) {
      const v = Number(tryValue(m.sum, scope));
      pair = [Number.isFinite(v) ? v : 0, 1];
    } else if (m.completeness) {
      const form = forms.get(m.completeness.form);
      if (!form) continue;
      const data = (m.completeness.at ? facts.data[m.completeness.at] : facts.data) as
        Record<string, unknown> | undefined;
      const required = (form.schema as { required?: string[] }).required ?? [];
      pair = [required.filter((f) => filled(data?.[f])).length, required.length];
    } else pair = [1, 1];
    const byGroup = (out[m.name] ??= {});
    const prev = byGroup[group] ?? [0, 0];
    byGroup[group] = [prev[0] + pair[0], prev[1] + pair[1]];
  }
  return out;
}

function tryValue(expr: string, scope: Record<string, unknown>): unknown {
  try {
    return evaluateValue(expr, scope);
  } catch {
    return null;
  }
}

function filled(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}
