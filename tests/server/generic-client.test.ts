import { parse, parseAllDocuments } from 'yaml';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDefinitionFiles } from '../../engine/definitions/index.ts';
import { call, driveToEnd, startCase, withChoices, type GenericClient } from '../helpers/generic-client.ts';
import { InventedValueError, valueFor } from '../helpers/schema-value.ts';
import { listen, type Listening } from '../helpers/listening-server.ts';
import { testServer, type TestServer } from './server-support.ts';

// covers: P-2, PROC-3, INFO-3, TND-1, TND-3, TND-6
/**
 * Issue 16.1: a client that knows no workflow finishes every seed workflow from the API alone —
 * the users' logins (the Organization's demo users), `startForm`, and each available event's form.
 * Before user fields listed their people as `oneOf`, repair stayed in dispatch: every technician
 * the client made up was refused with 422. The client now refuses to make such a value up
 * (schema-value.ts throws InventedValueError for a person's field without oneOf), so against a
 * server that does not list the people this test fails rather than passing by luck; where the
 * people are too many to list, it pages through the form's x-sf-choices link (docs/api.md). Units
 * are listed the same way (a unit field: the monthly report's reporting unit, the tender's tender
 * company), so monthly-report and tender are driven too: every workflow of the definitions is.
 */
const org = parse(readFileSync('definitions/org/organization.yaml', 'utf8')) as {
  spec: { users: { username: string }[] };
};
// The administrator may do what no role allows; the tour keeps to people with roles.
const usernames = org.spec.users.map((u) => u.username).filter((u) => u !== 'admin');

let s: TestServer;
let api: Listening;
let client: GenericClient;
/** A second server that lists no field's people inline: every user field with two or more names a link. */
let paged: TestServer;
let pagedClient: GenericClient;

async function clientOf(t: TestServer): Promise<{ api: Listening; client: GenericClient }> {
  const listening = await listen(t);
  const tokens = new Map<string, string>();
  return {
    api: listening,
    client: {
      api: listening,
      users: usernames,
      async token(user, fresh = false) {
        if (fresh || !tokens.has(user)) tokens.set(user, await t.login(user));
        return tokens.get(user)!;
      },
      async advance(ms) {
        t.clock.advance(ms);
        await t.services.engine.fireDueTimers(t.clock.now());
        return true;
      },
    },
  };
}

beforeAll(async () => {
  s = await testServer({ initialFiles: () => readDefinitionFiles('definitions') });
  ({ api, client } = await clientOf(s));
  paged = await testServer({ initialFiles: () => readDefinitionFiles('definitions'), choicesInline: 1 });
  pagedClient = (await clientOf(paged)).client;
}, 120_000);
afterAll(async () => {
  await api.close();
  await pagedClient?.api.close();
  await s.close();
  await paged?.close();
});

const workflows = readDefinitionFiles('definitions')
  .flatMap((f) => parseAllDocuments(f.text).map((d) => d.toJS() as { kind?: string; metadata?: { name: string } }))
  .filter((d) => d.kind === 'Workflow')
  .map((d) => d.metadata!.name);

/** A repair registered by the first branch's staff (the branch whose lead and technicians the tests name). */
async function newRepair(c: GenericClient): Promise<{ id: string }> {
  const data = {
    customerName: '张三',
    address: '济南市经十路100号',
    phone: '13800138000',
    productModel: 'ZW32-12',
    fault: '无法合闸',
    channel: 'phone',
  };
  const res = await call(c, 'br1.staff', 'POST', '/api/cases', { workflow: 'repair', data });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

/** A workflow's start form as `user` gets it, its people and units listed for them. */
async function startFormOf(user: string, workflow: string): Promise<Record<string, any>> {
  const view = await call(client, user, 'GET', `/api/definitions/Workflow/${workflow}`);
  expect(view.status, view.text).toBe(200);
  return view.body.startForm as Record<string, any>;
}

describe('a generic client', () => {
  // Every workflow of the definitions is driven below (it.each over this list, nothing left out):
  // a new workflow that a client cannot finish from its schemas fails its own test.
  it("drives the workflows the server publishes, which are the definitions' workflows", async () => {
    expect(workflows.length).toBeGreaterThan(10);
    const published = await call(client, usernames[0]!, 'GET', '/api/definitions');
    expect(published.status, published.text).toBe(200);
    const names = (published.body as { kind: string; name: string }[])
      .filter((d) => d.kind === 'Workflow')
      .map((d) => d.name);
    expect([...names].sort()).toEqual([...workflows].sort());
  });

  it('refuses to make up a person: a user field without oneOf or x-sf-choices stops it', async () => {
    // the dispatch form as its definition writes it: a technician by role, no list of people
    const raw = s.services.registry.current().forms.get('dispatch')!.schema as Record<string, any>;
    expect(raw.properties.technician['x-sf-role']).toBeDefined();
    expect(raw.properties.technician.oneOf).toBeUndefined();
    expect(() => valueFor(raw)).toThrow(InventedValueError);
    // as the server sends it on a repair waiting for dispatch: the branch's technicians, listed
    const repair = await newRepair(client);
    const view = await call(client, 'br1.lead', 'GET', `/api/cases/${repair.id}`);
    const sent = view.body.availableEvents.find((e: { type: string }) => e.type === 'dispatch').form;
    expect(sent.properties.technician.oneOf.map((o: { const: string }) => o.const)).toContain('br1.tech');
    expect(valueFor(sent)).toMatchObject({ technician: expect.any(String) });
  });

  it('pages through x-sf-choices where the people are too many to list, and gets the same people', async () => {
    const repair = await newRepair(pagedClient);
    const view = await call(pagedClient, 'br1.lead', 'GET', `/api/cases/${repair.id}`);
    const technician = view.body.availableEvents.find((e: { type: string }) => e.type === 'dispatch').form.properties
      .technician;
    // the field names a link instead of listing
    expect(technician.oneOf).toBeUndefined();
    expect(technician['x-sf-choices']).toBe(`/api/cases/${repair.id}/choices?event=dispatch&field=%2Ftechnician`);
    // a page at a time, one per page: every next link followed to the end
    const seen: string[] = [];
    let link: string | null = `${technician['x-sf-choices']}&limit=1`;
    while (link !== null) {
      const page = await call(pagedClient, 'br1.lead', 'GET', link);
      expect(page.status, page.text).toBe(200);
      expect(page.body.items).toHaveLength(1);
      seen.push(page.body.items[0].const);
      link = page.body.next;
    }
    // the same people the inline form lists on the other server, for a repair of the same unit
    const inline = await newRepair(client);
    const listed = (await call(client, 'br1.lead', 'GET', `/api/cases/${inline.id}`)).body.availableEvents.find(
      (e: { type: string }) => e.type === 'dispatch',
    ).form.properties.technician.oneOf;
    expect(seen).toEqual(listed.map((o: { const: string }) => o.const));
    expect(seen.length).toBeGreaterThan(1);
    expect((await withChoices(pagedClient, 'br1.lead', technician)).oneOf).toEqual(listed);
    // someone who may not dispatch, a field that is no user field, an unknown event: 404
    expect((await call(pagedClient, 'br1.tech', 'GET', technician['x-sf-choices'])).status).toBe(404);
    expect(
      (await call(pagedClient, 'br1.lead', 'GET', `/api/cases/${repair.id}/choices?event=dispatch&field=%2FinWarranty`))
        .status,
    ).toBe(404);
    expect(
      (await call(pagedClient, 'br1.lead', 'GET', `/api/cases/${repair.id}/choices?event=settle&field=%2Ftechnician`))
        .status,
    ).toBe(404);
    // and the client finishes the repair through the links
    expect((await driveToEnd(pagedClient, repair.id)).length).toBeGreaterThan(0);
  }, 180_000);

  it('offers the units a reader may report for, titled, and nothing it could make up', async () => {
    // the start form as its definition writes it: a unit by scope, no list of units
    const raw = s.services.registry.current().forms.get('monthly-report-start')!.schema as Record<string, any>;
    expect(raw.properties.unit).toMatchObject({ 'x-sf-type': 'unit', 'x-sf-within': 'actor' });
    expect(raw.properties.unit.oneOf).toBeUndefined();
    expect(() => valueFor(raw)).toThrow(InventedValueError);
    // as a branch's service lead gets it: his own branch, by its title
    const lead = await startFormOf('br1.lead', 'monthly-report');
    expect(lead.properties.unit.oneOf).toEqual([{ const: 'br1', title: '济南分公司' }]);
    // as headquarters' market development manager gets it: every unit that reports, headquarters first;
    // no department that acts for its unit (a branch's service department reports as the branch)
    const hq = (await startFormOf('hq.mdm', 'monthly-report')).properties.unit.oneOf as { const: string }[];
    expect(hq[0]).toEqual({ const: 'hq', title: '鲁能物资集团公司总部' });
    expect(hq.map((o) => o.const)).toEqual(expect.arrayContaining(['hq-equipment', 'sub1', 'br1', 'br4']));
    expect(hq.map((o) => o.const)).not.toContain('br1-service');
    // a tender is the tender company's, whoever takes the request: the units where a tender agent works
    const tender = await startFormOf('br1.pm', 'tender');
    expect(tender.properties.tenderCompany.oneOf).toEqual([{ const: 'hq-tender', title: '招标公司' }]);
  });

  it('refuses a unit outside the listed choices with 422 at its field, and starts nothing', async () => {
    const count = async (workflow: string) => {
      const list = await call(client, 'hq.mdm', 'GET', `/api/cases?workflow=${workflow}&limit=200`);
      expect(list.status, list.text).toBe(200);
      return list.body.items.length as number;
    };
    const before = [await count('monthly-report'), await count('tender')];
    const refusals: [string, string][] = [
      ['br2', 'unitOutsideActor'],
      ['br1-service', 'unitOfOtherType'],
      ['nowhere', 'unknownUnit'],
    ];
    for (const [unit, code] of refusals) {
      const res = await call(client, 'br1.lead', 'POST', '/api/cases', {
        workflow: 'monthly-report',
        data: { unit, month: '2026-09' },
      });
      expect(res.status, res.text).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: '/unit', code })]);
    }
    // a tender company where no tender agent works: the project manager's own branch
    const tender = await call(client, 'br1.pm', 'POST', '/api/cases', {
      workflow: 'tender',
      data: { projectName: '变电站设备', customerName: '某电厂', proposedMethod: 'open', tenderCompany: 'br1' },
    });
    expect(tender.status, tender.text).toBe(422);
    expect(tender.body.errors).toEqual([expect.objectContaining({ path: '/tenderCompany', code: 'unitWithoutRole' })]);
    expect([await count('monthly-report'), await count('tender')]).toEqual(before);
  });

  it('refuses a person outside the listed choices with 422 at the field, and changes nothing', async () => {
    const repair = await newRepair(client);
    const view = (await call(client, 'br1.lead', 'GET', `/api/cases/${repair.id}`)).body;
    const form = view.availableEvents.find((e: { type: string }) => e.type === 'dispatch').form;
    // a technician, but of another branch: not listed for this repair
    expect(form.properties.technician.oneOf.map((o: { const: string }) => o.const)).not.toContain('br2.tech');
    const sent = await call(client, 'br1.lead', 'POST', `/api/cases/${repair.id}/events`, {
      type: 'dispatch',
      data: { ...(valueFor(form) as object), technician: 'br2.tech' },
      expectedVersion: view.version,
    });
    expect(sent.status, sent.text).toBe(422);
    expect(sent.body.errors).toEqual([expect.objectContaining({ path: '/technician', code: 'userOutsideCase' })]);
    const after = (await call(client, 'br1.lead', 'GET', `/api/cases/${repair.id}`)).body;
    expect([after.version, after.stateValue, after.assignee, after.history.length]).toEqual([
      view.version,
      view.stateValue,
      view.assignee,
      view.history.length,
    ]);
  });

  it.each(workflows)('drives %s from its start form to its end', { timeout: 120_000 }, async (workflow) => {
    const def = await call(client, usernames[0]!, 'GET', `/api/definitions/Workflow/${workflow}`);
    expect(def.status, def.text).toBe(200);
    const started = await startCase(client, workflow, def.body.startForm);
    if ('refused' in started) throw new Error(`could not start ${workflow}: ${started.refused}`);
    const trail = await driveToEnd(client, started.id);
    expect(trail.length).toBeGreaterThan(0);
  });
});
