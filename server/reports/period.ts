import { parsePeriod } from '../../engine/scoring/index.ts';
import { Problem } from '../http/problem.ts';
import { monthOf } from '../projection/month-of.ts';

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
      throw new Problem(400, (e as Error).message, {
        code: 'INVALID_QUERY',
        errors: [{ path: 'month', message: 'YYYY-MM or YYYY' }],
      });
    }
  }
  const at = (v: string | undefined, name: string, fallback: number) => {
    if (v === undefined) return fallback;
    // A well-shaped but impossible month ('9999-99') makes parsePeriod throw: the client's mistake, 400.
    const period = (text: string) => {
      try {
        return parsePeriod(text, timeZone);
      } catch (e) {
        throw new Problem(400, (e as Error).message, {
          code: 'INVALID_QUERY',
          errors: [{ path: name, message: 'YYYY-MM-DD, YYYY-MM or YYYY' }],
        });
      }
    };
    if (/^\d{4}(-\d{2})?$/.test(v)) return name === 'from' ? period(v).from : period(v).to;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
      const day = period(v.slice(0, 7)).from + (Number(v.slice(8)) - 1) * 86_400_000;
      return name === 'to' ? day + 86_400_000 : day;
    }
    const t = Date.parse(v);
    if (Number.isNaN(t))
      throw new Problem(400, `${name} must be a date (YYYY-MM-DD), a month (YYYY-MM) or an ISO instant`, {
        code: 'INVALID_QUERY',
        errors: [{ path: name, message: 'not a date' }],
      });
    return t;
  };
  const from = at(query.from, 'from', 0);
  const to = at(query.to, 'to', 8.64e15);
  if (to < from)
    throw new Problem(400, '`to` is before `from`', {
      code: 'INVALID_QUERY',
      errors: [{ path: 'to', message: 'before from' }],
    });
  return { from, to, label: `${query.from ?? ''}..${query.to ?? ''}` };
}
