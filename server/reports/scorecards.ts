import {
  compileScorecard,
  computeScorecard,
  scorecardApplies,
  type CompiledScorecard,
  type ScorecardResult,
} from '../../engine/scoring/index.ts';
import { parsePeriod } from '../../engine/scoring/index.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import type { Store } from '../../engine/store/index.ts';

const cache = new WeakMap<CompiledSet, CompiledScorecard[]>();

export function scorecardsOf(set: CompiledSet): CompiledScorecard[] {
  let hit = cache.get(set);
  if (!hit) cache.set(set, (hit = set.docs.filter((d) => d.kind === 'Scorecard').map((d) => compileScorecard(d))));
  return hit;
}

/**
 * Every scorecard that applies to `unit`, scored for `period` from the unit's score facts (KPI-5: each point
 * explained).
 */
export async function unitScorecards(
  set: CompiledSet,
  store: Store,
  unit: string,
  period: string,
): Promise<ScorecardResult[]> {
  const u = { name: unit, type: set.org.unit(unit)?.type ?? null };
  const out: ScorecardResult[] = [];
  for (const card of scorecardsOf(set)) {
    if (!scorecardApplies(card, u)) continue;
    const p = parsePeriod(period, card.timeZone);
    const facts = await store.scoreFacts({ unit, from: p.from, to: p.to });
    out.push(computeScorecard(card, facts, u, period));
  }
  return withCaseNumbers(out, store);
}

/**
 * Each point change names its case by the number people know it by (the one the worklist shows), when its workflow
 * numbers cases: one read per case, however many points it brought.
 */
async function withCaseNumbers(results: ScorecardResult[], store: Store): Promise<ScorecardResult[]> {
  const numbers = new Map<string, string | undefined>();
  const visit = (r: ScorecardResult): void => {
    for (const c of r.categories) for (const x of c.changes) if (x.caseId !== null) numbers.set(x.caseId, undefined);
    for (const m of r.months ?? []) visit(m);
  };
  results.forEach(visit);
  for (const id of numbers.keys()) numbers.set(id, (await store.getCase(id))?.number);
  const number = (r: ScorecardResult): ScorecardResult => ({
    ...r,
    categories: r.categories.map((c) => ({
      ...c,
      changes: c.changes.map((x) => {
        const n = x.caseId === null ? undefined : numbers.get(x.caseId);
        return n === undefined ? x : { ...x, caseNumber: n };
      }),
    })),
    ...(r.months ? { months: r.months.map(number) } : {}),
  });
  return numbers.size === 0 ? results : results.map(number);
}
