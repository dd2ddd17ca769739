import type { Simulation } from './simulation.ts';
import { exactFacts, someFacts } from './expectations.ts';
import { computeScorecard } from '../scoring/index.ts';

type GlobalCheck = (
  expected: unknown,
  sim: Simulation,
  caseOf: (ref: string) => string | undefined,
) => Promise<string | null>;

/** Expectations about the whole simulated system rather than one case (exact, or `…Include`). */
export const globalChecks: Record<string, GlobalCheck> = {
  /** Exactly these score facts were recorded, about any case or none, one entry each ([] means none). */
  async allScoreFacts(expected, sim, caseOf) {
    return exactFacts(expected as unknown[], await sim.store.scoreFacts({}), caseOf, 'allScoreFactsInclude');
  },
  /** Each entry matches some recorded score fact (others may be there too). */
  async allScoreFactsInclude(expected, sim, caseOf) {
    return someFacts(expected as unknown[], await sim.store.scoreFacts({}), caseOf);
  },
  /**
   * `score: { unit, period, scorecard?, total?, categories?: { name: score }, changes?: N, band? }` —
   * the unit's scorecard for the period from the facts recorded so far, every point explained.
   */
  async score(expected, sim) {
    const want = expected as {
      unit: string;
      period: string;
      scorecard?: string;
      total?: number;
      categories?: Record<string, number>;
      changes?: number;
      band?: string;
    };
    const card = want.scorecard ? sim.set.scorecards.get(want.scorecard) : [...sim.set.scorecards.values()][0];
    if (!card)
      return `no scorecard ${want.scorecard ?? ''} (known: ${[...sim.set.scorecards.keys()].join(', ') || 'none'})`;
    const unit = sim.set.org.unit(want.unit);
    if (!unit) return `unknown unit "${want.unit}"`;
    const result = computeScorecard(
      card,
      await sim.store.scoreFacts({}),
      { name: unit.name, type: unit.type },
      want.period,
    );
    const problems: string[] = [];
    if (want.total !== undefined && result.total !== want.total)
      problems.push(`total is ${result.total}, expected ${want.total}`);
    for (const [name, score] of Object.entries(want.categories ?? {})) {
      const c = result.categories.find((x) => x.name === name);
      if (!c) problems.push(`no category "${name}"`);
      else if (c.score !== score) problems.push(`${name} is ${c.score}, expected ${score}`);
    }
    const changes = result.categories.reduce((n, c) => n + c.changes.length, 0);
    if (want.changes !== undefined && changes !== want.changes)
      problems.push(`${changes} explained point changes, expected ${want.changes}`);
    if (want.band !== undefined && result.band?.name !== want.band)
      problems.push(`band is ${result.band?.name ?? 'none'}, expected ${want.band}`);
    return problems.length ? `${problems.join('; ')} — ${result.explanation.join(' | ')}` : null;
  },
  /** `archive: { customer: 1 }` — how many archive records of each type exist (given plus created). */
  async archive(expected, sim) {
    for (const [type, count] of Object.entries(expected as Record<string, number>)) {
      const held = sim.records().filter((r) => r.type === type);
      if (held.length !== count)
        return `${held.length} ${type} record(s) (${held.map((r) => r.id).join(', ') || 'none'}), expected ${count}`;
    }
    return null;
  },
  async caseCount(expected, sim) {
    const n = (await sim.store.listCases({ limit: 200 })).items.length;
    return n === expected ? null : `${n} cases, expected ${String(expected)}`;
  },
};
