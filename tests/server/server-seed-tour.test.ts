import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDefinitionFiles } from '../../engine/definitions/index.ts';
import { testServer, type TestServer } from './server-support.ts';

/**
 * The newcomer's tour on the seed definitions, over the HTTP API: the branch repair scenario
 * (definitions/scenarios/repair-branch.yaml) replayed step by step as the demo users — register,
 * dispatch by the branch's service lead, the signed work order, settlement, the return visit —
 * then the ledger row and its CSV. Refusals are checked too: a user outside the branch gets 404,
 * one inside it without the right gets 403.
 */
type Step = Record<string, any>;
const scenario = parse(readFileSync('definitions/scenarios/repair-branch.yaml', 'utf8')) as {
  spec: { start: string; steps: Step[] };
};

let s: TestServer;
const tokens = new Map<string, string>();
const cases = new Map<string, { id: string; number?: string }>();
const token = async (user: string) => {
  if (!tokens.has(user)) tokens.set(user, await s.login(user));
  return tokens.get(user)!;
};

beforeAll(async () => {
  s = await testServer({ initialFiles: () => readDefinitionFiles('definitions') });
  s.clock.time = Date.parse(scenario.spec.start);
}, 60_000);
afterAll(async () => s.close());

async function caseRef(ref: string, as: string): Promise<string> {
  if (cases.has(ref)) return cases.get(ref)!.id;
  const [parent, link] = [ref.slice(0, ref.indexOf('.')), ref.slice(ref.indexOf('.') + 1)];
  const read = await s.call('GET', `/api/cases/${cases.get(parent)!.id}`, { token: await token(as) });
  const child = read.body.links.find(
    (l: { name: string; direction: string }) => l.name === link && l.direction === 'child',
  );
  cases.set(ref, { id: child.caseId });
  return child.caseId;
}

describe('the seed over HTTP', () => {
  it('replays the branch repair scenario as the demo users', { timeout: 30_000 }, async () => {
    let as = '';
    for (const step of scenario.spec.steps) {
      if (step.as) as = step.as;
      if (step.advance) {
        s.clock.time = Date.parse(step.advance.to);
        await s.services.engine.fireDueTimers(s.clock.time);
      }
      if (step.create) {
        const res = await s.call('POST', '/api/cases', {
          token: await token(step.create.as ?? as),
          body: { workflow: step.create.workflow, data: step.create.data },
        });
        expect(res.status, res.text).toBe(201);
        cases.set(step.create.ref, { id: res.body.id, number: res.body.number });
      }
      if (step.send) {
        const user = step.send.as ?? as;
        const id = await caseRef(step.send.case, 'admin');
        const res = await s.call('POST', `/api/cases/${id}/events`, {
          token: await token(user),
          body: { type: step.send.event, ...(step.send.data ? { data: step.send.data } : {}) },
        });
        const expected = { forbidden: [403, 404], invalid: [422], 'not-allowed': [422] }[
          step.send.reject as string
        ] ?? [200];
        expect(expected, `${step.send.event} as ${user}: ${res.text}`).toContain(res.status);
        for (const path of step.send.errors ?? [])
          expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      }
      if (step.expect?.state) {
        const read = await s.call('GET', `/api/cases/${await caseRef(step.expect.case, 'admin')}`, {
          token: await token('admin'),
        });
        expect(read.body.state.join(','), JSON.stringify(step.expect)).toBe(step.expect.state);
      }
    }
  });

  // covers: NORM-2
  it('names the service-language scripts of each state in the workflow view, for the case view to show', async () => {
    const res = await s.call('GET', '/api/definitions/Workflow/repair', { token: await token('br1.staff') });
    expect(res.status).toBe(200);
    const reported = res.body.states.find((st: { path: string }) => st.path === 'reported');
    expect(reported.script).toEqual(['phone-opening', 'hotline-repair', 'phone-closing']);
    expect(res.body.serviceLine, 'where "new case" lists it (SL-1)').toBe('customer-care');
    const script = await s.call('GET', '/api/definitions/Script/phone-opening', { token: await token('br1.staff') });
    expect(script.status).toBe(200);
  });

  it("titles the case's SLA clocks with their policies' titles and says which clock each counts (NORM-4: the 24-hour promise)", async () => {
    const read = await s.call('GET', `/api/cases/${cases.get('r1')!.id}`, { token: await token('br1.staff') });
    expect(read.body.deadlines).toContainEqual(
      expect.objectContaining({
        name: 'repair-on-site',
        title: { zh: '24小时上门服务', en: 'On site within 24 hours' },
        counts: 'elapsed',
      }),
    );
  });

  it('shows the case to its branch and headquarters only', async () => {
    const id = cases.get('r1')!.id;
    expect((await s.call('GET', `/api/cases/${id}`, { token: await token('br1.staff') })).status).toBe(200);
    expect((await s.call('GET', `/api/cases/${id}`, { token: await token('br2.lead') })).status).toBe(404);
    expect((await s.call('GET', `/api/cases/${id}`, { token: await token('hq.mdm') })).status).toBe(200);
  });

  it('fills the ledger row from the case and exports it as CSV', async () => {
    const lead = await token('br1.lead');
    const res = await s.call('GET', '/api/ledger?month=2026-09', { token: lead });
    expect(res.status).toBe(200);
    expect(res.body.rows).toHaveLength(1);
    const row = res.body.rows[0].values;
    const data = scenario.spec.steps.find((x) => x.create)!.create.data;
    // As the paper ledger reads (FORM-1): the unit by name, rows numbered, the service mode's label; the case number last.
    expect(cases.get('r1')!.number).toMatch(/^BX-\d{4}-\d{5}$/);
    expect(row).toEqual(
      expect.objectContaining({
        unit: '济南分公司',
        seq: 1,
        caseId: cases.get('r1')!.number,
        customerName: data.customerName,
        phone: data.phone,
        productModel: data.productModel,
        serialNumber: data.serialNumber,
        serviceMode: '上门服务',
        serviceStaff: expect.any(String),
      }),
    );
    expect(res.body.columns.slice(0, 2).map((c: { title: string }) => c.title)).toEqual(['单位、部门', '序号']);
    expect(row.serviceEnd).toEqual(expect.any(Number));
    expect(row.returnVisit).toBeTruthy();
    const csv = await s.app.request('/api/ledger?month=2026-09', {
      headers: { authorization: `Bearer ${lead}`, accept: 'text/csv' },
    });
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await csv.arrayBuffer()));
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(`"${data.customerName}"`);
    expect(text).toContain('"上门服务"');
    expect(text).not.toContain('on-site');
    expect((await s.call('GET', '/api/ledger?month=2026-09', { token: await token('br2.lead') })).body.rows).toEqual(
      [],
    );
  });
});
