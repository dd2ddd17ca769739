import type { Simulation } from './simulation.ts';
import { exactFacts, someFacts } from './expectations.ts';
import { computeScorecard } from '../scoring/index.ts';
import { say, type Said } from '../definitions/said.ts';
import { allOf, namesOrNone, titleSaid } from './scenario-said.ts';
import { plainNames, type ScenarioNames } from './scenario-names.ts';

type GlobalCheck = (
  expected: unknown,
  sim: Simulation,
  caseOf: (ref: string) => string | undefined,
  names?: ScenarioNames,
) => Promise<Said | null>;

/** Expectations about the whole simulated system rather than one case (exact, or `…Include`). */
export const globalChecks: Record<string, GlobalCheck> = {
  /** Exactly these score facts were recorded, about any case or none, one entry each ([] means none). */
  async allScoreFacts(expected, sim, caseOf, names) {
    return exactFacts(expected as unknown[], await sim.store.scoreFacts({}), caseOf, 'allScoreFactsInclude', names);
  },
  /** Each entry matches some recorded score fact (others may be there too). */
  async allScoreFactsInclude(expected, sim, caseOf, names) {
    return someFacts(expected as unknown[], await sim.store.scoreFacts({}), caseOf, names);
  },
  /**
   * `score: { unit, period, scorecard?, total?, categories?: { name: score }, changes?: N, band? }` —
   * the unit's scorecard for the period from the facts recorded so far, every point explained.
   */
  async score(expected, sim, _caseOf, names = plainNames) {
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
      return say('scenario.noScorecard', {
        name: want.scorecard ?? '',
        known: namesOrNone([...sim.set.scorecards.values()].map((c) => titleSaid(c.title, c.name))),
      });
    const unit = sim.set.org.unit(want.unit);
    if (!unit) return say('scenario.unknownUnit', { unit: want.unit });
    const result = computeScorecard(
      card,
      await sim.store.scoreFacts({}),
      { name: unit.name, type: unit.type },
      want.period,
    );
    const problems: Said[] = [];
    if (want.total !== undefined && result.total !== want.total)
      problems.push(say('scenario.total', { seen: result.total, want: want.total }));
    for (const [name, score] of Object.entries(want.categories ?? {})) {
      const c = result.categories.find((x) => x.name === name);
      if (!c) problems.push(say('scenario.noCategory', { name: names.category(name) }));
      else if (c.score !== score)
        problems.push(say('scenario.category', { name: names.category(name), seen: c.score, want: score }));
    }
    const changes = result.categories.reduce((n, c) => n + c.changes.length, 0);
    if (want.changes !== undefined && changes !== want.changes)
      problems.push(say('scenario.changes', { n: changes, want: want.changes }));
    if (want.band !== undefined && result.band?.name !== want.band)
      problems.push(
        say('scenario.band', {
          seen: result.band ? names.band(result.band.name) : say('scenario.none'),
          want: names.band(want.band),
        }),
      );
    return problems.length
      ? say('scenario.score', { problems: allOf(problems), explanation: result.explanation.join(' | ') })
      : null;
  },
  /** `archive: { customer: 1 }` — how many archive records of each type exist (given plus created). */
  async archive(expected, sim, _caseOf, names = plainNames) {
    for (const [type, count] of Object.entries(expected as Record<string, number>)) {
      const held = sim.records().filter((r) => r.type === type);
      if (held.length !== count)
        return say('scenario.archive', {
          n: held.length,
          type: names.recordType(type),
          ids: namesOrNone(held.map((r) => r.id)),
          count,
        });
    }
    return null;
  },
  async caseCount(expected, sim) {
    const n = (await sim.store.listCases({ limit: 200 })).items.length;
    return n === expected ? null : say('scenario.caseCount', { n, want: String(expected) });
  },
};
