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
 * Per unit and scorecard: the points of the period's facts as the server's scorecards count them
 * (computeScorecard, month by month), before — the published scorecards on the recorded versions'
 * facts — and after — the candidate's scorecards on the candidate's facts. Only facts inside the
 * period count, as they would on the period's scorecards.
 */
export function comparePoints(
  period: { from: number; to: number },
  before: { set: CompiledSet; facts: readonly ScoreFactRecord[] },
  after: { set: CompiledSet; facts: readonly ScoreFactRecord[] },
  titles: Titles,
): UnitPoints[] {
  const inside = (f: ScoreFactRecord) => f.at >= period.from && f.at < period.to;
  const bf = before.facts.filter(inside);
  const af = after.facts.filter(inside);
  const units = [...new Set([...bf, ...af].map((f) => f.unit))].sort(cmp);
  const cards = [...new Set([...before.set.scorecards.keys(), ...after.set.scorecards.keys()])].sort(cmp);
  const out: UnitPoints[] = [];
  for (const name of cards) {
    const bc = before.set.scorecards.get(name);
    const ac = after.set.scorecards.get(name);
    for (const unit of units) {
      const b = bc && applies(bc, before.set, unit) ? score(bc, bf, unitOf(before.set, unit), period) : null;
      const a = ac && applies(ac, after.set, unit) ? score(ac, af, unitOf(after.set, unit), period) : null;
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

interface Scored {
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
