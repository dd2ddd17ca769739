import { ExpressionError, ExpressionErrorCode } from '../expression-error.ts';
import type { ExpressionFunction } from './expression-function.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DAY = 86_400_000;

function instant(v: unknown): { ms: number; dateOnly: boolean } {
  if (typeof v === 'string') {
    if (DATE.test(v)) {
      const ms = Date.parse(`${v}T00:00:00Z`);
      if (!Number.isNaN(ms)) return { ms, dateOnly: true };
    } else if (DATETIME.test(v)) {
      const ms = Date.parse(v);
      if (!Number.isNaN(ms)) return { ms, dateOnly: false };
    }
  }
  throw new ExpressionError(
    ExpressionErrorCode.invalidDate,
    `daysBetween() needs "YYYY-MM-DD" or ISO date-times with offset, got ${JSON.stringify(v)}`,
  );
}

export const dateFunctions: readonly ExpressionFunction[] = [
  {
    name: 'daysBetween',
    minArgs: 2,
    maxArgs: 2,
    description:
      'daysBetween(from, to): calendar days between two dates, or whole days (toward zero) between date-times; null if either is missing',
    call: ([a, b]) => {
      if (a === undefined || a === null || a === '' || b === undefined || b === null || b === '') return null;
      const from = instant(a),
        to = instant(b);
      return Math.trunc((to.ms - from.ms) / DAY) + 0; // + 0 turns -0 into 0
    },
  },
];
