import type { Simulation } from './simulation.ts';
import { partialMatch } from './expectations.ts';

type GlobalCheck = (expected: unknown, sim: Simulation) => Promise<string | null>;

/** Expectations about the whole simulated system rather than one case. */
export const globalChecks: Record<string, GlobalCheck> = {
  async allScoreFacts(expected, sim) {
    const facts = await sim.store.scoreFacts({});
    for (const want of expected as Record<string, unknown>[]) {
      if (!facts.some((f) => partialMatch(want, f, 'fact') === null)) {
        return `no score fact like ${JSON.stringify(want)} (recorded: ${facts.map((f) => `${f.fact}@${f.unit}`).join(', ') || 'none'})`;
      }
    }
    return null;
  },
  async caseCount(expected, sim) {
    const n = (await sim.store.listCases({ limit: 200 })).items.length;
    return n === expected ? null : `${n} cases, expected ${String(expected)}`;
  },
};
