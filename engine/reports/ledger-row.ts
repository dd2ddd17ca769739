import { compileCondition } from '../conditions/index.ts';
import { evaluateValue } from '../runtime/value.ts';
import type { LedgerSpec } from './ledger-kind.ts';
import type { ReportFacts } from './report-facts.ts';

const conditions = new WeakMap<object, (facts: Record<string, unknown>) => boolean>();
export function holds(cond: object, facts: ReportFacts): boolean {
  let c = conditions.get(cond);
  if (!c) conditions.set(cond, (c = compileCondition(cond)));
  return c(facts as unknown as Record<string, unknown>);
}

/** The ledger row a case gives, or null when the ledger does not take it. Pure. */
export function ledgerRow(
  spec: LedgerSpec,
  workflow: string,
  facts: ReportFacts,
): { at: number; values: Record<string, unknown> } | null {
  if (!spec.workflows.includes(workflow)) return null;
  if (spec.when && !holds(spec.when, facts)) return null;
  const scope = facts as unknown as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const col of spec.columns) values[col.name] = safe(() => evaluateValue(col.value, scope)) ?? null;
  const date = spec.date ? instantOf(safe(() => evaluateValue(spec.date, scope))) : null;
  return { at: date ?? (facts.case.createdAt as number), values };
}

function safe(f: () => unknown): unknown {
  try {
    return f();
  } catch {
    // A value that cannot be computed for this case (a type error at run time) is left empty.
    return null;
  }
}

export function instantOf(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}
