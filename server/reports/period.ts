import { parsePeriod } from '../../engine/scoring/index.ts';
import type { ProblemField } from '../http/problem.ts';
import { problemText, saidField, saidProblem } from '../http/problem-messages.ts';
import { monthOf } from '../projection/month-of.ts';

/**
 * parsePeriod's refusal of `label` as a 400 at `field`: a label that is neither a month nor a year
 * in the catalogue's words, anything else (the time zone) as the calendar said it.
 */
function refused(e: unknown, label: string, field: ProblemField) {
  return e instanceof RangeError
    ? saidProblem(400, 'periodNeither', { label }, { code: 'INVALID_QUERY', errors: [field] })
    : saidProblem(400, 'periodAsGiven', { message: (e as Error).message }, { code: 'INVALID_QUERY', errors: [field] });
}

/** [from, to) from query values: a month 'YYYY-MM', a year, or ISO dates/instants; default the current month. */
export function periodOf(
  query: { from?: string; to?: string; month?: string },
  timeZone: string,
  now: number,
): { from: number; to: number; label: string } {
  const label =
    query.month ?? (query.from === undefined && query.to === undefined ? monthOf(now, timeZone) : undefined);
  if (label !== undefined) {
    try {
      const p = parsePeriod(label, timeZone);
      return { from: p.from, to: p.to, label };
    } catch (e) {
      throw refused(e, label, saidField('month', 'field.monthOrYear'));
    }
  }
  const at = (v: string | undefined, name: string, fallback: number) => {
    if (v === undefined) return fallback;
    // A well-shaped but impossible month ('9999-99') makes parsePeriod throw: the client's mistake, 400.
    const period = (text: string) => {
      try {
        return parsePeriod(text, timeZone);
      } catch (e) {
        throw refused(e, text, saidField(name, 'field.dayMonthOrYear'));
      }
    };
    if (/^\d{4}(-\d{2})?$/.test(v)) return name === 'from' ? period(v).from : period(v).to;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
      const day = period(v.slice(0, 7)).from + (Number(v.slice(8)) - 1) * 86_400_000;
      return name === 'to' ? day + 86_400_000 : day;
    }
    const t = Date.parse(v);
    if (Number.isNaN(t))
      throw saidProblem(
        400,
        'periodNotADate',
        { name: { zh: problemText(name === 'from' ? 'periodFrom' : 'periodTo', 'zh-CN'), en: name } },
        { code: 'INVALID_QUERY', errors: [saidField(name, 'field.notADate')] },
      );
    return t;
  };
  const from = at(query.from, 'from', 0);
  const to = at(query.to, 'to', 8.64e15);
  if (to < from)
    throw saidProblem(
      400,
      'periodToBeforeFrom',
      {},
      { code: 'INVALID_QUERY', errors: [saidField('to', 'field.beforeFrom')] },
    );
  return { from, to, label: `${query.from ?? ''}..${query.to ?? ''}` };
}
