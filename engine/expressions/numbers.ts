import { ExpressionError, ExpressionErrorCode } from './expression-error.ts';

/**
 * Decimal-safe rounding. Money is a binary float of yuan, so 0.1 + 0.2 must become 0.3 before anyone
 * sees it: arithmetic results are cut to 10 decimals (below any fen, above float noise), and
 * `round` shifts by exponent strings rather than multiplying (1.005 * 100 is 100.49999…).
 */
export function roundTo(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const shifted = Math.round(Number(`${Math.abs(x)}e${digits}`));
  const result = sign * Number(`${shifted}e${-digits}`);
  return Object.is(result, -0) ? 0 : result;
}

/** Kills float noise after + - * / and in sums. */
export const clean = (x: number): number => roundTo(x, 10);

/** A missing operand (undefined, null) counts as 0 in arithmetic: an unfilled fee adds nothing. */
export function toNumber(v: unknown, what: string): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  throw new ExpressionError(
    ExpressionErrorCode.type,
    `${what} needs numbers, got ${typeof v === 'string' ? `"${v}"` : typeof v}`,
  );
}
