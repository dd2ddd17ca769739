import { describe, expect, it } from 'vitest';
import { workflowView } from '../../server/definitions/definition-views.ts';
import { engineFixtureSet } from '../helpers/engine-fixture.ts';

// Issue 13 item 3: the workflow diagram was laid out again on every request (560 ms for a
// 300-state workflow); it is laid out once per published version and language.
describe('the workflow diagram is cached per definition version', () => {
  it('gives the same laid-out diagram for every request of one version and language', () => {
    const set = engineFixtureSet();
    const wf = set.workflows.get('ticket')!;
    const first = workflowView(set, wf, 'zh-CN').diagram;
    expect(first?.svg).toMatch(/^<svg/);
    expect(workflowView(set, wf, 'zh-CN').diagram).toBe(first);
    // another language is laid out (once) on its own
    const en = workflowView(set, wf, 'en').diagram;
    expect(en).not.toBe(first);
    expect(workflowView(set, wf, 'en').diagram).toBe(en);
    // another version (a new compilation of the set) gets its own
    const next = engineFixtureSet();
    expect(workflowView(next, next.workflows.get('ticket')!, 'zh-CN').diagram).not.toBe(first);
  });
});
