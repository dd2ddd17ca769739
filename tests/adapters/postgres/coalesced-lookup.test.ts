// Lookups of concurrent requests go to PostgreSQL together (issue 17, the PostgreSQL node's speed):
// one query for the keys asked for while the previous one was on its way, never a cached answer.
import { describe, expect, it } from 'vitest';
import { coalescedLookup } from '../../../adapters/postgres/coalesced-lookup.ts';

/** A table in memory read the way a query reads it, with each call's keys kept and its answer held until released. */
function table(rows: Map<string, string>) {
  const calls: string[][] = [];
  const pending: (() => void)[] = [];
  const readMany = (keys: string[]) => {
    calls.push(keys);
    // What the query reads is the table when it runs, i.e. when it is sent.
    const found = new Map(keys.flatMap((k) => (rows.has(k) ? [[k, rows.get(k)!] as const] : [])));
    return new Promise<Map<string, string>>((resolve) => pending.push(() => resolve(found)));
  };
  const releaseNext = async () => {
    await expect.poll(() => pending.length).toBeGreaterThan(0);
    pending.shift()!();
  };
  return { calls, readMany, releaseNext };
}

describe('coalesced lookups', () => {
  it('sends the keys asked for in one turn as one query, each key once, and answers each caller', async () => {
    const t = table(
      new Map([
        ['a', 'A'],
        ['b', 'B'],
      ]),
    );
    const lookup = coalescedLookup(t.readMany);
    const answers = Promise.all([lookup('a'), lookup('b'), lookup('a'), lookup('missing')]);
    await t.releaseNext();
    expect(await answers).toEqual(['A', 'B', 'A', undefined]);
    expect(t.calls).toEqual([['a', 'b', 'missing']]);
  });

  it('gathers the keys asked for while a query is on its way into the next one, which reads the table as it is then', async () => {
    const rows = new Map([['a', 'A1']]);
    const t = table(rows);
    const lookup = coalescedLookup(t.readMany);
    const first = lookup('a');
    await expect.poll(() => t.calls.length).toBe(1);
    // Written after the first query was sent: only a lookup asked for afterwards may see it.
    rows.set('a', 'A2');
    rows.set('b', 'B');
    const second = [lookup('a'), lookup('b'), lookup('c')];
    expect(t.calls).toHaveLength(1);
    await t.releaseNext();
    expect(await first).toBe('A1');
    await t.releaseNext();
    expect(await Promise.all(second)).toEqual(['A2', 'B', undefined]);
    expect(t.calls).toEqual([['a'], ['a', 'b', 'c']]);
  });

  it('fails every lookup of a failed query with its error, and the next lookups query again', async () => {
    let fail = true;
    const calls: string[][] = [];
    const lookup = coalescedLookup(async (keys) => {
      calls.push(keys);
      if (fail) throw new Error('database away');
      return new Map(keys.map((k) => [k, k.toUpperCase()]));
    });
    const failed = await Promise.allSettled([lookup('a'), lookup('b')]);
    expect(failed.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : r.status))).toEqual([
      'database away',
      'database away',
    ]);
    fail = false;
    expect(await lookup('a')).toBe('A');
    expect(calls).toEqual([['a', 'b'], ['a']]);
  });

  it('splits a flood of keys into queries of at most 500', async () => {
    const calls: number[] = [];
    const lookup = coalescedLookup(async (keys) => {
      calls.push(keys.length);
      return new Map(keys.map((k) => [k, k]));
    });
    const keys = Array.from({ length: 1200 }, (_, i) => `k${i}`);
    expect(await Promise.all(keys.map(lookup))).toEqual(keys);
    expect(calls).toEqual([500, 500, 200]);
  });
});
