import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureFiles, testServer, ticketData, type TestServer } from './server-support.ts';

let s: TestServer;
let admin: string;
let lead: string;
beforeEach(async () => {
  s = await testServer();
  admin = await s.login('admin');
  // The validator's English, as `serviceframe validate` prints it (zh-CN: server-definitions-validate.test.ts).
  expect((await s.call('PATCH', '/api/users/admin', { token: admin, body: { locale: 'en' } })).status).toBe(200);
  lead = await s.login('b1.lead');
});
afterEach(async () => s.close());

/** The fixture set with the ticket form's label changed: a new content version. */
const changedFiles = () =>
  fixtureFiles().map((f) =>
    f.path.endsWith('forms.yaml') ? { ...f, text: f.text.replace('label: Customer,', 'label: Customer name,') } : f,
  );

describe('reading definitions', () => {
  it('lists the published set with one version', async () => {
    const res = await s.call('GET', '/api/definitions', { token: lead });
    expect(res.status).toBe(200);
    expect(res.body).toContainEqual(
      expect.objectContaining({ kind: 'Workflow', name: 'ticket', version: s.services.registry.current().version }),
    );
    expect(new Set(res.body.map((d: { version: string }) => d.version)).size).toBe(1);
  });

  it('gives a workflow with states, events, start form and diagrams, and a form with schema and layout', async () => {
    const wf = await s.call('GET', '/api/definitions/Workflow/ticket', { token: lead });
    expect(wf.status).toBe(200);
    expect(wf.body.states.map((x: { path: string }) => x.path)).toEqual(
      expect.arrayContaining(['open', 'work.fixing', 'closed']),
    );
    expect(wf.body.events).toContainEqual(
      expect.objectContaining({ type: 'dispatch', from: 'open', formName: 'dispatch' }),
    );
    expect(wf.body.startForm).toEqual(
      expect.objectContaining({ type: 'object', required: expect.arrayContaining(['customerName', 'phone']) }),
    );
    expect(wf.body.diagram.mermaid).toMatch(/stateDiagram/);
    expect(wf.body.diagram.svg).toMatch(/^<svg/);
    const form = await s.call('GET', '/api/definitions/Form/dispatch', { token: lead });
    expect(form.body).toEqual(
      expect.objectContaining({ name: 'dispatch', schema: expect.any(Object), layout: expect.anything() }),
    );
    expect((await s.call('GET', '/api/definitions/Workflow/nope', { token: lead })).status).toBe(404);
    expect((await s.call('GET', '/api/definitions/Organization/acme', { token: lead })).body.spec.root.name).toBe('hq');
    expect((await s.call('GET', '/api/definitions/Workflow/bidding', { token: lead })).body.events).toContainEqual(
      expect.objectContaining({ type: 'submit-bid', sealedUntil: 'open-bids' }),
    );
  });

  it("gives a workflow's summary fields, as written or by the default rule, with their labels", async () => {
    // given the ticket workflow published with a summary that reaches into the dispatch event's saveAs key
    const files = fixtureFiles().map((f) =>
      f.path.endsWith('workflows.yaml')
        ? {
            ...f,
            text: f.text.replace(
              'startForm: ticket\n',
              'startForm: ticket\n  summary: [customerName, dispatch.technician]\n',
            ),
          }
        : f,
    );
    expect((await s.call('POST', '/api/definitions', { token: admin, body: { files } })).status).toBe(201);
    // then the served workflow lists them in order with the labels and types of the fields that write them
    const ticket = await s.call('GET', '/api/definitions/Workflow/ticket', { token: lead });
    expect(ticket.body.summary).toEqual([
      { path: 'customerName', title: 'Customer', type: 'text' },
      { path: 'dispatch.technician', title: 'Technician', type: 'text' },
    ]);
    // and a workflow without one (logbook, also started from the ticket form) gets the start form's text field
    const logbook = await s.call('GET', '/api/definitions/Workflow/logbook', { token: lead });
    expect(logbook.body.summary).toEqual([{ path: 'customerName', title: 'Customer', type: 'text' }]);
  });
});

describe('publishing (P-3)', () => {
  it('refuses an invalid set with file:line:column positions and changes nothing', async () => {
    const before = s.services.registry.currentRow();
    const files = fixtureFiles().map((f) =>
      f.path.endsWith('workflows.yaml') ? { ...f, text: f.text.replace('target: closed', 'target: closd') } : f,
    );
    const res = await s.call('POST', '/api/definitions', { token: admin, body: { files } });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toEqual(
      expect.objectContaining({
        file: expect.stringMatching(/workflows\.yaml$/),
        line: expect.any(Number),
        column: expect.any(Number),
        message: expect.stringMatching(/workflows\.yaml:\d+:\d+: unknown state "closd"/),
      }),
    );
    expect(s.services.registry.currentRow()).toEqual(before);
    const broken = await s.call('POST', '/api/definitions', {
      token: admin,
      body: { files: [{ path: 'x.yaml', text: 'kind: [unclosed' }] },
    });
    expect(broken.status).toBe(422);
    expect((await s.call('GET', '/api/definitions/versions', { token: admin })).body).toHaveLength(1);
  });

  it('publishes a new version; running cases keep theirs, new cases take the new one', async () => {
    const staff = await s.login('b1.staff');
    const old = (await s.call('POST', '/api/cases', { token: staff, body: { workflow: 'ticket', data: ticketData() } }))
      .body;
    const res = await s.call('POST', '/api/definitions', {
      token: admin,
      body: { files: changedFiles(), note: 'rename a label' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(
      expect.objectContaining({ seq: 2, unchanged: false, note: 'rename a label', publishedBy: 'admin' }),
    );
    expect(res.body.version).not.toBe(old.definitionVersion);
    const fresh = (
      await s.call('POST', '/api/cases', { token: staff, body: { workflow: 'ticket', data: ticketData() } })
    ).body;
    expect(fresh.definitionVersion).toBe(res.body.version);
    const dispatched = await s.call('POST', `/api/cases/${old.id}/events`, {
      token: lead,
      body: { type: 'dispatch', data: { technician: 'b1.tech' } },
    });
    expect(dispatched.body.definitionVersion).toBe(old.definitionVersion);
    expect(
      dispatched.body.history.every(
        (e: { definitionVersion: string }) => e.definitionVersion === old.definitionVersion,
      ),
    ).toBe(true);
    const again = await s.call('POST', '/api/definitions', { token: admin, body: { files: changedFiles() } });
    expect(again.status).toBe(200);
    expect(again.body.unchanged).toBe(true);
  });

  it('lists versions, diffs two of them and rolls back', async () => {
    await s.call('POST', '/api/definitions', { token: admin, body: { files: changedFiles() } });
    const versions = await s.call('GET', '/api/definitions/versions', { token: admin });
    expect(versions.body.map((v: { seq: number; current: boolean }) => [v.seq, v.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    // the server's own first version is marked so the page can say it in the reader's words
    expect(versions.body.map((v: { firstStart: boolean }) => v.firstStart)).toEqual([true, false]);
    const diff = await s.call('GET', '/api/definitions/diff?from=1&to=2', { token: admin });
    const forms = diff.body.files.find((f: { path: string }) => f.path.endsWith('forms.yaml'));
    expect(forms.change).toBe('changed');
    expect(forms.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^-.*label: Customer,/),
        expect.stringMatching(/^\+.*label: Customer name,/),
      ]),
    );
    expect((await s.call('GET', '/api/definitions/diff?from=1&to=9', { token: admin })).status).toBe(404);
    // raw YAML and who published it are administration (issue 13 item 4)
    expect((await s.call('GET', '/api/definitions/versions', { token: lead })).status).toBe(403);
    expect((await s.call('GET', '/api/definitions/diff?from=1&to=2', { token: lead })).status).toBe(403);
    const back = await s.call('POST', '/api/definitions/rollback', { token: admin, body: { seq: 1 } });
    expect(back.status).toBe(201);
    expect(back.body.version).toBe(versions.body[0].version);
    expect(s.services.registry.current().version).toBe(versions.body[0].version);
    expect((await s.call('POST', '/api/definitions/rollback', { token: admin, body: { seq: 42 } })).status).toBe(404);
  });

  it('is for administrators only', async () => {
    expect((await s.call('POST', '/api/definitions', { token: lead, body: { files: changedFiles() } })).status).toBe(
      403,
    );
    expect((await s.call('POST', '/api/definitions/rollback', { token: lead, body: { seq: 1 } })).status).toBe(403);
    expect((await s.call('POST', '/api/definitions', { token: admin, body: { files: [] } })).status).toBe(422);
  });
});

// covers: P-6
describe('running scenarios from the editor', () => {
  const scenario = (expectState: string) => ({
    path: 'scenarios/dispatch.yaml',
    text: `apiVersion: serviceframe/v1
kind: Scenario
metadata: { name: dispatch-check }
spec:
  start: "2026-11-02T09:00:00+08:00"
  steps:
    - as: b1.staff
    - create: { workflow: ticket, ref: t, data: { customerName: Li, phone: "13800138000" } }
    - send: { case: t, event: dispatch, as: b1.lead, data: { technician: b1.tech } }
    - expect: { case: t, state: ${expectState} }
`,
  });

  it('runs the scenarios of the edited files without publishing anything', async () => {
    const before = s.services.registry.current().version;
    const pass = await s.call('POST', '/api/definitions/simulate', {
      token: admin,
      body: { files: [...fixtureFiles(), scenario('work')] },
    });
    expect(pass.status).toBe(200);
    expect(pass.body).toEqual([expect.objectContaining({ name: 'dispatch-check', ok: true })]);
    const fail = await s.call('POST', '/api/definitions/simulate', {
      token: admin,
      body: { files: [...fixtureFiles(), scenario('vendor')] },
    });
    expect(fail.body[0]).toMatchObject({
      ok: false,
      failure: expect.stringContaining('scenarios/dispatch.yaml:10:7: state is work.travelling, expected vendor'),
    });
    expect(s.services.registry.current().version).toBe(before);
  });

  it('answers 422 with positions for invalid files, and 403 to non-administrators', async () => {
    const broken = fixtureFiles().map((f) =>
      f.path.endsWith('workflows.yaml') ? { ...f, text: f.text.replace('startForm: ticket', 'startForm: tickets') } : f,
    );
    const res = await s.call('POST', '/api/definitions/simulate', { token: admin, body: { files: broken } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ line: 5, column: 14, message: expect.stringContaining('unknown Form "tickets"') }),
    );
    expect(
      (await s.call('POST', '/api/definitions/simulate', { token: lead, body: { files: fixtureFiles() } })).status,
    ).toBe(403);
  });
});
