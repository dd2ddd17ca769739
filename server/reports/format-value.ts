import type { LedgerColumn } from '../../engine/reports/index.ts';
import { instantOf } from '../../engine/reports/index.ts';

const formats = new Map<string, Intl.DateTimeFormat>();
function local(t: number, timeZone: string, withTime: boolean): string {
  const key = `${timeZone}|${withTime}`;
  let f = formats.get(key);
  if (!f)
    formats.set(
      key,
      (f = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
      })),
    );
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return withTime ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : `${p.year}-${p.month}-${p.day}`;
}

/** A ledger value as a CSV cell, by the column's format; local times in the unit's time zone. */
export function formatValue(value: unknown, column: Pick<LedgerColumn, 'format'>, timeZone: string): unknown {
  if (value === null || value === undefined) return '';
  switch (column.format) {
    case 'datetime':
    case 'date': {
      const t = instantOf(value);
      return t === null ? value : local(t, timeZone, column.format === 'datetime');
    }
    case 'money':
      return typeof value === 'number' ? value.toFixed(2) : value;
    case 'yesno':
      return value === true ? 'Y' : value === false ? 'N' : value;
    default:
      return value;
  }
}
