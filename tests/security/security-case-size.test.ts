import { describe, expect, it } from 'vitest';
import { CASE_DATA_MAX } from '../../engine/runtime/case-size.ts';
import { EngineError } from '../../engine/runtime/engine-error.ts';
import { createSimulation } from '../../engine/simulate/simulation.ts';
import { createByteLru } from '../../server/cache/byte-lru.ts';
import { at, engineFixtureSet } from '../helpers/engine-fixture.ts';

const set = engineFixtureSet();

// Issue 13 item 3: a case has a total size limit; every field is bounded, but a list (remarks,
// comments) grows with every event.
describe('a case has a total size limit', () => {
  it('refuses the remark that would take the case past 1 MiB of data, and keeps the case as it was', async () => {
    const sim = createSimulation(set, at('2026-11-02T09:00:00+08:00'));
    const staff = sim.actor('b1.staff');
    const c = await sim.engine.createCase(staff, 'logbook', { customerName: 'Zhang San', phone: '13800138000' });
    const remark = { answer: 'r'.repeat(5000) };
    let version = c.version;
    let refused: unknown = null;
    for (let i = 0; i < 400 && !refused; i++) {
      try {
        version = (await sim.engine.sendEvent(c.id, { type: 'remark', data: remark, actor: staff })).version;
      } catch (e) {
        refused = e;
      }
    }
    expect(refused).toBeInstanceOf(EngineError);
    expect(refused).toMatchObject({
      code: 'INVALID_DATA',
      errors: [expect.objectContaining({ path: '', code: 'caseTooLarge' })],
    });
    const kept = (await sim.store.getCase(c.id))!;
    expect(kept.version).toBe(version);
    expect(JSON.stringify(kept.data).length).toBeLessThanOrEqual(CASE_DATA_MAX);
    expect(JSON.stringify(kept.data).length).toBeGreaterThan(CASE_DATA_MAX - 6000);
    expect(await sim.store.history(c.id)).toHaveLength(version);
  });
});

// Issue 13 item 3: caches are bounded in bytes, not entries.
describe('caches are bounded in bytes', () => {
  it('drops the least recently used entries once their sizes pass the budget, however few they are', () => {
    const lru = createByteLru<string>(1000);
    lru.set('a', 'x', 400);
    lru.set('b', 'y', 400);
    expect(lru.get('a')).toBe('x'); // a is now the most recent
    lru.set('c', 'z', 400);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe('x');
    expect(lru.bytes).toBe(800);
    lru.set('huge', 'h', 5000); // larger than the whole budget: not kept, nothing else dropped
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.size).toBe(2);
  });
});
