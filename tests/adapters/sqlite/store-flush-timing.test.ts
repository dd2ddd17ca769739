import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFlushTiming, PROBE_EVERY, SWITCH_AFTER } from '../../../adapters/sqlite/store/flush-timing.ts';
import { openSqliteStore } from '../../../adapters/sqlite/store/sqlite-store.ts';
import { caseRecord, step } from '../../fixtures/store/builders.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serviceframe-flush-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Records which scheduler each flush went through; a flush writes `pending` commits. */
function harness() {
  const calls: ('soon' | 'turn')[] = [];
  let pending = 1;
  const timing = createFlushTiming(() => timing.flushed(pending), {
    soon: (run) => (calls.push('soon'), run()),
    nextTurn: (run) => (calls.push('turn'), run()),
  });
  return { calls, timing, setPending: (n: number) => (pending = n) };
}

describe('when the SQLite store writes queued commits', () => {
  it('waits a turn at first, stops waiting after a run of lone commits, and still probes now and then', () => {
    const { calls, timing } = harness();
    for (let i = 0; i < SWITCH_AFTER; i++) timing.schedule();
    expect(calls).toEqual(Array(SWITCH_AFTER).fill('turn'));
    calls.length = 0;
    for (let i = 0; i < 2 * PROBE_EVERY; i++) timing.schedule();
    expect(calls.filter((c) => c === 'turn')).toHaveLength(2);
    expect(calls.filter((c) => c === 'soon')).toHaveLength(2 * PROBE_EVERY - 2);
  });

  it('goes back to waiting for the turn as soon as a flush finds company', () => {
    const { calls, timing, setPending } = harness();
    for (let i = 0; i < SWITCH_AFTER + 1; i++) timing.schedule();
    expect(calls.at(-1)).toBe('soon');
    setPending(5);
    timing.schedule();
    setPending(1);
    calls.length = 0;
    timing.schedule();
    expect(calls).toEqual(['turn']);
  });

  it('lets a caller that waits for each commit go on without waiting for a turn, and still batches a burst', async () => {
    // given a store that has seen a run of lone commits
    const store = openSqliteStore(path.join(dir, 'timing.db'));
    for (let i = 0; i < SWITCH_AFTER + 1; i++) await store.commit(step(0, caseRecord(`w${i}`)));
    // when the next commit is awaited with a callback already waiting for the next turn
    let turned = false;
    setImmediate(() => (turned = true));
    await store.commit(step(0, caseRecord('next')));
    // then it was written and acknowledged before that turn came
    expect(turned).toBe(false);
    // and twenty commits made at once are all written (together, in one flush)
    const burst = Array.from({ length: 20 }, (_, i) => store.commit(step(0, caseRecord(`b${i}`))));
    await Promise.all(burst);
    expect(await store.countCases()).toBe(SWITCH_AFTER + 1 + 1 + 20);
    await store.close();
  });
});
