// covers: TND-7
import { expect, it } from 'vitest';
import { readDefinitionFiles, validateDefinitions } from '../../engine/definitions/index.ts';
import { compileSet } from '../../engine/runtime/compile-set.ts';
import { createSimulation } from '../../engine/simulate/simulation.ts';
import { sealCase } from '../../engine/workflows/sealed-data.ts';

const BIDDING = `
apiVersion: serviceframe/v1
kind: Form
metadata: { name: sealed-bid }
spec:
  fields:
    - { name: bidder, type: text, label: Bidder, required: true }
    - { name: price, type: money, label: Price, required: true }
---
apiVersion: serviceframe/v1
kind: Workflow
metadata: { name: tender }
spec:
  start: { allow: [ { role: manager } ] }
  initial: bidding
  states:
    bidding:
      on:
        submit-bid: { form: sealed-bid, appendTo: bids, sealedUntil: open-bids, stay: true, allow: [ { role: manager } ] }
        open-bids: { target: opened, allow: [ { role: manager } ] }
    opened: { type: final }
`;

it('keeps every sealed bid in the appendTo list and hides the whole list until the opening', async () => {
  // given two bids received on a tender
  const result = validateDefinitions([
    ...readDefinitionFiles('tests/fixtures/engine'),
    { path: 'tender.yaml', text: BIDDING },
  ]);
  expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  const set = compileSet(result.docs.map((d) => d.def));
  const sim = createSimulation(set, Date.parse('2026-11-02T10:00:00+08:00'));
  const manager = sim.actor('hq.mgr');
  const c = await sim.engine.createCase(manager, 'tender', {});
  await sim.engine.sendEvent(c.id, { type: 'submit-bid', data: { bidder: 'Alpha', price: 100 }, actor: manager });
  await sim.engine.sendEvent(c.id, { type: 'submit-bid', data: { bidder: 'Beta', price: 90 }, actor: manager });
  const wf = set.workflows.get('tender');
  // then both are kept, and a reader sees neither the list nor the events' data
  const stored = (await sim.store.getCase(c.id))!;
  expect(stored.data.bids).toEqual([
    { bidder: 'Alpha', price: 100 },
    { bidder: 'Beta', price: 90 },
  ]);
  const sealed = sealCase(wf, stored, await sim.store.history(c.id));
  expect(sealed.record.data).toEqual({});
  expect(JSON.stringify(sealed)).not.toContain('Alpha');
  expect(sealed.sealed.map((s) => s.fields)).toEqual([['bids'], ['bids']]);
  // when the bids are opened, everything shows
  await sim.engine.sendEvent(c.id, { type: 'open-bids', data: {}, actor: manager });
  const opened = sealCase(wf, (await sim.store.getCase(c.id))!, await sim.store.history(c.id));
  expect(opened.sealed).toEqual([]);
  expect(opened.record.data.bids).toHaveLength(2);
});
