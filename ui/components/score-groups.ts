import { localize, type Locale, type Localized } from '../../engine/localized.ts';
import type { PointChange } from '../api/types.ts';

/** One rule's changes in a category: the rule's title once, then each case it counted. */
export interface ScoreGroup {
  /** What the scorecard calls the rule (its title, else the fact's description); '' when it has neither. */
  readonly title: string;
  /** The sum of the group's points. */
  readonly points: number;
  /** The reason every change of the group shares, when it says more than the title; shown once, under it. */
  readonly reason?: string;
  /** The changes, each with its own reason only when the group's reasons differ (they tell the lines apart). */
  readonly changes: readonly { readonly change: PointChange; readonly reason?: string }[];
}

/** Punctuation, spaces and a title's points notation (−2分/次, +3分, −4 each) say nothing about what happened. */
const NOISE = /[\s《》「」“”"'（）()【】、，。：:;；·,.!?！？/]|[−+-]?\d+(?:\.\d+)?\s*(?:分(?:\/次)?|points?|each)/giu;
const core = (text: string) => text.replace(NOISE, '').toLowerCase();

/**
 * Whether a reason only restates the title (《客户服务工作单》未按时返回总部 under 《客户服务工作单》未在规定期间返回 −2分/次):
 * one contains the other, or they begin alike for at least half of the reason. A reason that names how the fact was
 * found (巡查发现…, 回访时客户表扬) begins otherwise and is kept.
 */
export function restates(title: string, reason: string): boolean {
  const a = core(title);
  const b = core(reason);
  if (!b) return true;
  if (!a) return false;
  if (a.includes(b) || b.includes(a)) return true;
  let same = 0;
  while (same < a.length && same < b.length && a[same] === b[same]) same++;
  return same * 2 >= b.length;
}

/**
 * A category's changes grouped by rule, in the order the rules first occur, so a manager reads each rule's title
 * once with its cases under it, and a reason only where it adds something (KPI-5, issue 15).
 */
export function scoreGroups(changes: readonly PointChange[], locale: Locale): ScoreGroup[] {
  const groups = new Map<string, PointChange[]>();
  for (const p of changes) {
    const key = p.rule || p.fact || '';
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].map((items) => {
    const first = items[0]!;
    const named: Localized | undefined = first.ruleTitle ?? first.factTitle;
    const title = named !== undefined ? localize(named, locale) : '';
    const reasons = items.map((p) => (p.reasonTitle !== undefined ? localize(p.reasonTitle, locale) : ''));
    const shared = reasons.every((r) => r === reasons[0]);
    const points = items.reduce((sum, p) => sum + p.points, 0);
    if (shared) {
      const reason = reasons[0]!;
      // Without a title the reason is all there is to say; with one, only what it adds.
      const kept = reason && (!title || !restates(title, reason)) ? reason : undefined;
      return { title, points, ...(kept ? { reason: kept } : {}), changes: items.map((change) => ({ change })) };
    }
    return {
      title,
      points,
      changes: items.map((change, i) => ({
        change,
        ...(reasons[i] && !(title && restates(title, reasons[i])) ? { reason: reasons[i] } : {}),
      })),
    };
  });
}
