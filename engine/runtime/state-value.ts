import type { StateValue } from './case-record.ts';

/** Leaf state paths of an xstate state value: { handling: 'hq' } → ['handling.hq']. */
export function activeLeaves(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix ? `${prefix}.${value}` : value];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object' && Object.keys(v).length === 0) out.push(path);
    else out.push(...activeLeaves(v, path));
  }
  return out;
}
