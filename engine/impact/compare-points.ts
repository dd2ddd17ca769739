import { createZone } from '../calendar/time-zone.ts';
import type { CompiledSet } from '../runtime/compiled-set.ts';
import {
  computeScorecard,
  parsePeriod,
  scorecardApplies,
  type CompiledScorecard,
  type PointChange,
} from '../scoring/index.ts';
import type { ScoreFactRecord } from '../store/store.ts';
import type { CategoryPoints, PointChangeRef, UnitPoints } from './impact-report.ts';
import type { Titles } from './impact-titles.ts';

/**
 * One side's points (scoreSide): by scorecard, the units with facts inside the period it applies
 * to, each scored month by month; and which units had facts inside the period at all.
 */
export interface SidePoints {
  readonly units: readonly string[];
  readonly cards: ReadonlyMap<string, ReadonlyMap<string, Scored>>;
}

/**
 * One side's points, as the server's scorecards count them (computeScorecard, month by month):
 * the scorecards of `set` over `facts`. Only facts inside the period count, as they would on the
 * period's scorecards. Each side is scored on its own (a pass scores its own facts, in its own
 * thread when the passes run on threads) and comparePoints pairs the two.
 */
export function scoreSide(
  period: { from: number; to: number },
  set: CompiledSet,
  facts: readonly ScoreFactRecord[],
): SidePoints {
  const inside = facts.filter((f) => f.at >= period.from && f.at < period.to);
  const units = [...new Set(inside.map((f) => f.unit))].sort(cmp);
  const cards = new Map<string, Map<string, Scored>>();
  for (const [name, card] of set.scorecards) {
    const scored = new Map<string, Scored>();
    for (const unit of units)
      if (applies(card, set, unit)) scored.set(unit, score(card, inside, unitOf(set, unit), period));
    cards.set(name, scored);
  }
  return { units, cards };
}

/**
 * Per unit and scorecard: the points before — the published scorecards on the recorded versions'
 * facts — and after — the candidate's scorecards on the candidate's facts, each side scored by
 * scoreSide. A unit with facts on one side only is scored on the other with none, as its
 * scorecard would show it.
 */
export function comparePoints(
  period: { from: number; to: number },
  before: { set: CompiledSet; points: SidePoints },
  after: { set: CompiledSet; points: SidePoints },
  titles: Titles,
): UnitPoints[] {
  const units = [...new Set([...before.points.units, ...after.points.units])].sort(cmp);
  const cards = [...new Set([...before.set.scorecards.keys(), ...after.set.scorecards.keys()])].sort(cmp);
  const scoredOf = (side: { set: CompiledSet; points: SidePoints }, name: string, unit: string): Scored | null => {
    const card = side.set.scorecards.get(name);
    if (!card || !applies(card, side.set, unit)) return null;
    return side.points.cards.get(name)?.get(unit) ?? score(card, [], unitOf(side.set, unit), period);
  };
  const out: UnitPoints[] = [];
  for (const name of cards) {
    const bc = before.set.scorecards.get(name);
    const ac = after.set.scorecards.get(name);
    for (const unit of units) {
      const b = scoredOf(before, name, unit);
      const a = scoredOf(after, name, unit);
      if (!b && !a) continue;
      const categories = categoriesOf(b, a, (ac ?? bc)!);
      const months = monthLabels(b?.months ?? [], a?.months ?? []);
      const changed =
        categories.some((c) => c.gained.length + c.lost.length > 0 || c.delta !== 0) ||
        months.some((m) => m.before !== m.after);
      if (!changed) continue;
      out.push({
        unit,
        unitTitle: titles.unit(unit),
        scorecard: name,
        scorecardTitle: titles.scorecard(name),
        months,
        categories,
      });
    }
  }
  return out;
}

/** A scorecard's points for one unit over the period. */
export interface Scored {
  readonly months: readonly { period: string; total: number }[];
  /** By category: its changes in the period. */
  readonly changes: ReadonlyMap<string, readonly PointChange[]>;
  readonly titles: ReadonlyMap<string, CompiledScorecard['categories'][number]['spec']['title']>;
}

const unitOf = (set: CompiledSet, unit: string) => ({ name: unit, type: set.org.unit(unit)?.type ?? null });

function applies(card: CompiledScorecard, set: CompiledSet, unit: string): boolean {
  return scorecardApplies(card, unitOf(set, unit));
}

function score(
  card: CompiledScorecard,
  facts: readonly ScoreFactRecord[],
  u: { name: string; type: string | null },
  period: { from: number; to: number },
): Scored {
  const unit = u.name;
  const months: { period: string; total: number }[] = [];
  const changes = new Map<string, PointChange[]>(card.categories.map((c) => [c.spec.name, []]));
  const mine = facts.filter((f) => f.unit === unit);
  for (const label of monthsCovering(period, card.timeZone)) {
    const result = computeScorecard(card, mine, u, label);
    months.push({ period: label, total: result.total });
    for (const c of result.categories) changes.get(c.name)!.push(...c.changes);
  }
  return { months, changes, titles: new Map(card.categories.map((c) => [c.spec.name, c.spec.title])) };
}

function categoriesOf(b: Scored | null, a: Scored | null, card: CompiledScorecard): CategoryPoints[] {
  const names = [...new Set([...(a?.changes.keys() ?? []), ...(b?.changes.keys() ?? [])])];
  return names.map((category) => {
    const bc = b?.changes.get(category) ?? [];
    const ac = a?.changes.get(category) ?? [];
    const sum = (l: readonly PointChange[]) => round(l.reduce((s, x) => s + x.points, 0));
    const gained: PointChangeRef[] = [];
    const lost: PointChangeRef[] = [];
    // The same rule for the same fact of the same case on both sides cancels out.
    const key = (x: PointChange) => `${x.rule}\u0000${x.fact}\u0000${x.caseId ?? ''}\u0000${x.points}`;
    const waiting = new Map<string, PointChange[]>();
    for (const x of bc) waiting.set(key(x), [...(waiting.get(key(x)) ?? []), x]);
    const ruleTitle = (rule: string) =>
      card.categories.flatMap((c) => c.rules).find((r) => r.spec.name === rule)?.spec.title ?? rule;
    const ref = (x: PointChange, points: number): PointChangeRef => ({
      caseId: x.caseId,
      rule: x.rule,
      ruleTitle: ruleTitle(x.rule),
      fact: x.fact,
      at: x.at,
      points,
      reason: x.reason,
      ...(x.reasonTitle !== undefined ? { reasonTitle: x.reasonTitle } : {}),
    });
    for (const x of ac) {
      if (waiting.get(key(x))?.shift()) continue;
      (x.points > 0 ? gained : lost).push(ref(x, x.points));
    }
    for (const list of waiting.values()) for (const x of list) (x.points < 0 ? gained : lost).push(ref(x, -x.points));
    const title =
      a?.titles.get(category) ??
      b?.titles.get(category) ??
      card.categories.find((c) => c.spec.name === category)?.spec.title ??
      category;
    return { category, title, before: sum(bc), after: sum(ac), delta: round(sum(ac) - sum(bc)), gained, lost };
  });
}

function monthLabels(b: readonly { period: string; total: number }[], a: readonly { period: string; total: number }[]) {
  const labels = [...new Set([...b.map((m) => m.period), ...a.map((m) => m.period)])].sort(cmp);
  return labels.map((period) => ({
    period,
    before: b.find((m) => m.period === period)?.total ?? 0,
    after: a.find((m) => m.period === period)?.total ?? 0,
  }));
}

/** The months ('YYYY-MM', in `timeZone`) that [from, to) touches. */
export function monthsCovering(period: { from: number; to: number }, timeZone: string): string[] {
  const zone = createZone(timeZone);
  const wall = new Date(period.from + zone.offsetAt(period.from));
  let y = wall.getUTCFullYear();
  let m = wall.getUTCMonth() + 1;
  const out: string[] = [];
  for (;;) {
    const label = `${y}-${String(m).padStart(2, '0')}`;
    const p = parsePeriod(label, timeZone);
    if (p.from >= period.to) break;
    out.push(label);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
