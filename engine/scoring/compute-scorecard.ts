import { localize, type Localized } from '../localized.ts';
import { formatInstant } from '../sla/explain-clock.ts';
import type { ScoreFactRecord } from '../store/store.ts';
import type { CompiledScorecard } from './compile-scorecard.ts';
import { monthsOf, parsePeriod, type ScorePeriod } from './score-period.ts';

export interface ScoreUnit {
  readonly name: string;
  readonly type?: string | null;
}

/** One point change: which rule, which fact, which case, when, and why (KPI-5). */
export interface PointChange {
  readonly category: string;
  readonly rule: string;
  readonly points: number;
  readonly factId: string;
  readonly fact: string;
  readonly caseId: string | null;
  /** The case's human number (the server adds it when the case's workflow numbers cases). */
  readonly caseNumber?: string;
  /** ISO instant of the fact. */
  readonly at: string;
  /** Why the fact was recorded, in English (the log's line). */
  readonly reason: string;
  /** Why the fact was recorded, as the definition wrote it in both languages: shown to a reader beside the title. */
  readonly reasonTitle?: Localized;
  /** The rule's title and the fact's description, when the scorecard gives them: what a reader is shown. */
  readonly ruleTitle?: Localized;
  readonly factTitle?: Localized;
  readonly text: string;
}

export interface CategoryScore {
  readonly name: string;
  readonly title: Localized;
  readonly max: number;
  readonly floor: number;
  readonly cap: number;
  /** max + every change, before floor and cap. */
  readonly raw: number;
  readonly score: number;
  readonly changes: readonly PointChange[];
  /** Why the score differs from `raw`, if it does. */
  readonly limit: string | null;
}

export interface ScorecardResult {
  readonly scorecard: string;
  /** The scorecard's title, as its definition says (what a reader calls it). */
  readonly title: Localized;
  readonly unit: string;
  readonly period: string;
  readonly from: string;
  readonly to: string;
  readonly max: number;
  readonly total: number;
  readonly categories: readonly CategoryScore[];
  readonly band: { readonly name: string; readonly title: Localized; readonly outcome: string } | null;
  /** Every line a reader needs, in order: changes per category, limits, totals, band. */
  readonly explanation: readonly string[];
  /** For the annual card of a monthly scorecard: the months it averages. */
  readonly months?: readonly ScorecardResult[];
}

export function scorecardApplies(card: CompiledScorecard, unit: ScoreUnit): boolean {
  const to = card.spec.appliesTo;
  if (!to || (!to.unitTypes && !to.units)) return true;
  return (to.units ?? []).includes(unit.name) || (unit.type != null && (to.unitTypes ?? []).includes(unit.type));
}

/**
 * Scores one unit for one period ('2026-09' or '2026') from score facts (any unit, any time: the
 * unit's facts inside the period are taken). Each category starts at `max`, every matching rule
 * adds its points per fact, and the floor and cap bound the result, with every change explained.
 * A year of a monthly card is the average of its months (`months` limits it, e.g. to the months
 * that have ended).
 */
export function computeScorecard(
  card: CompiledScorecard,
  facts: readonly ScoreFactRecord[],
  unit: string | ScoreUnit,
  period: string,
  options: { months?: number } = {},
): ScorecardResult {
  const u = typeof unit === 'string' ? { name: unit } : unit;
  if (!scorecardApplies(card, u) && u.type !== undefined)
    throw new RangeError(`scorecard ${card.name} does not apply to unit ${u.name} (${u.type})`);
  const p = parsePeriod(period, card.timeZone);
  if (p.kind === 'year' && card.period === 'month') return annual(card, facts, u, p, options.months ?? 12);
  return scorePeriod(card, facts, u, p);
}

function scorePeriod(
  card: CompiledScorecard,
  facts: readonly ScoreFactRecord[],
  unit: ScoreUnit,
  p: ScorePeriod,
): ScorecardResult {
  const fmt = (t: number) => formatInstant(t, card.timeZone);
  const mine = facts
    .filter((f) => f.unit === unit.name && f.at >= p.from && f.at < p.to)
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const explanation: string[] = [
    `${card.name} for ${unit.name}, ${p.label} (${fmt(p.from)} to ${fmt(p.to)} ${card.timeZone}): ${mine.length} score facts`,
  ];
  const categories = card.categories.map((c): CategoryScore => {
    const changes: PointChange[] = [];
    for (const f of mine) {
      const scope = {
        fact: { name: f.fact, id: f.id, at: new Date(f.at).toISOString(), reason: localize(f.reason, 'en') },
        data: f.data,
        unit: { name: unit.name, type: unit.type ?? null },
        case: { id: f.caseId },
      };
      for (const r of c.rules) {
        if (!r.test(scope)) continue;
        const points = r.spec.points;
        const sign = points > 0 ? `+${points}` : String(points);
        changes.push({
          category: c.spec.name,
          rule: r.spec.name,
          points,
          factId: f.id,
          fact: f.fact,
          caseId: f.caseId,
          at: new Date(f.at).toISOString(),
          reason: localize(f.reason, 'en'),
          ...(typeof f.reason === 'object' ? { reasonTitle: f.reason } : {}),
          ...(r.spec.title !== undefined ? { ruleTitle: r.spec.title } : {}),
          ...titled(card.spec.facts.find((x) => x.name === f.fact)?.description),
          text: `${sign} ${c.spec.name}: rule ${r.spec.name} (${localize(r.spec.title, 'en') || r.spec.name}) for fact ${f.fact} ${f.id}${f.caseId ? ` on case ${f.caseId}` : ''} at ${fmt(f.at)}: ${localize(f.reason, 'en')}`,
        });
      }
    }
    const raw = c.spec.max + changes.reduce((s, x) => s + x.points, 0);
    const score = Math.min(c.cap, Math.max(c.floor, raw));
    const limit =
      raw < c.floor
        ? `floor ${c.floor}: ${round(c.floor - raw)} more points of deductions are not taken`
        : raw > c.cap
          ? `cap ${c.cap}: ${round(raw - c.cap)} bonus points above the cap are not added`
          : null;
    explanation.push(
      `${c.spec.name} starts at ${c.spec.max}`,
      ...changes.map((x) => `  ${x.text}`),
      ...(limit ? [`  ${limit}`] : []),
      `${c.spec.name}: ${round(score)} of ${c.spec.max}`,
    );
    return {
      name: c.spec.name,
      title: c.spec.title ?? c.spec.name,
      max: c.spec.max,
      floor: c.floor,
      cap: c.cap,
      raw: round(raw),
      score: round(score),
      changes,
      limit,
    };
  });
  const total = round(categories.reduce((s, c) => s + c.score, 0));
  return finish(card, unit, p, total, categories, explanation);
}

const titled = (factTitle: Localized | undefined) => (factTitle === undefined ? {} : { factTitle });

function annual(
  card: CompiledScorecard,
  facts: readonly ScoreFactRecord[],
  unit: ScoreUnit,
  p: ScorePeriod,
  count: number,
): ScorecardResult {
  const months = monthsOf(p.year)
    .slice(0, Math.max(1, Math.min(12, count)))
    .map((m) => scorePeriod(card, facts, unit, parsePeriod(m, card.timeZone)));
  const avg = (f: (r: ScorecardResult) => number) => round(months.reduce((s, r) => s + f(r), 0) / months.length);
  const categories = card.categories.map((c, i): CategoryScore => {
    const per = months.map((m) => m.categories[i]!);
    return {
      name: c.spec.name,
      title: c.spec.title ?? c.spec.name,
      max: c.spec.max,
      floor: c.floor,
      cap: c.cap,
      raw: avg((m) => m.categories[i]!.raw),
      score: avg((m) => m.categories[i]!.score),
      changes: per.flatMap((x) => x.changes),
      limit: null,
    };
  });
  const total = avg((m) => m.total);
  const explanation = [
    `${card.name} for ${unit.name}, year ${p.year}: the average of ${months.length} monthly totals`,
    ...months.map((m) => `  ${m.period}: ${m.total} of ${m.max}${m.band ? ` (${m.band.name})` : ''}`),
  ];
  return { ...finish(card, unit, p, total, categories, explanation), months };
}

function finish(
  card: CompiledScorecard,
  unit: ScoreUnit,
  p: ScorePeriod,
  total: number,
  categories: CategoryScore[],
  explanation: string[],
): ScorecardResult {
  const found = (card.spec.bands ?? []).find(
    (b) => (b.min === undefined || total >= b.min) && (b.max === undefined || total <= b.max),
  );
  const band = found ? { name: found.name, title: found.title ?? found.name, outcome: found.outcome ?? 'none' } : null;
  explanation.push(`total ${total} of ${card.total}`);
  if (found)
    explanation.push(
      `band ${found.name}${found.outcome ? ` (${found.outcome})` : ''}: ${describeBand(found.min, found.max)}`,
    );
  return {
    scorecard: card.name,
    title: card.title,
    unit: unit.name,
    period: p.label,
    from: new Date(p.from).toISOString(),
    to: new Date(p.to).toISOString(),
    max: card.total,
    total,
    categories,
    band,
    explanation,
  };
}

function describeBand(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${min} to ${max}`;
  if (min !== undefined) return `${min} or more`;
  if (max !== undefined) return `up to ${max}`;
  return 'any total';
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
