import { expect, it } from 'vitest';
import { testServer } from './server-support.ts';
import { caseRecord, step } from '../fixtures/store/builders.ts';

it('projects at catch-up every case whose projection is behind, each once, and then none', async () => {
  // given cases committed without being projected (as a crash between commit and projection leaves them)
  const s = await testServer();
  try {
    const version = s.services.registry.current().version;
    const ids = ['x2', 'x10', 'x1'];
    for (const [i, id] of ids.entries()) {
      await s.services.store.commit(
        step(
          0,
          caseRecord(id, {
            workflow: 'ticket',
            unit: i === 1 ? 'b2' : 'b1',
            definitionVersion: version,
            data: { customerName: id },
          }),
        ),
      );
    }
    for (const id of ids) expect(await s.services.storage.projections.projectedVersion(id)).toBeUndefined();
    // when the projector catches up
    const fixed = await s.services.projector.catchUp();
    // then each was projected once, at its version, and a second pass finds nothing behind
    expect(fixed).toBe(3);
    for (const id of ids) expect(await s.services.storage.projections.projectedVersion(id)).toBe(1);
    expect(await s.services.projector.catchUp()).toBe(0);
  } finally {
    await s.close();
  }
});
