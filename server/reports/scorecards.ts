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
  return out;
}
