// covers: SL-2
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fixtureFiles, testServer, ticketData, type TestServer } from './server-support.ts';

const DEFS = `
apiVersion: serviceframe/v1
kind: Form
metadata: { name: roster }
spec:
  fields:
    - { name: date, type: date, label: Date, required: true }
    - { name: unit, type: text, label: Unit, required: true }
    - { name: staff, type: text, label: On duty, required: true }
---
apiVersion: serviceframe/v1
kind: RecordType
metadata: { name: roster }
spec: { form: roster, key: [date, unit] }
---
apiVersion: serviceframe/v1
kind: Workflow
metadata: { name: callout }
spec:
  startForm: ticket
  start:
    allow: [ { role: staff } ]
    actions:
      - assign: { fromRecord: { type: roster, match: { date: '=clock.date', unit: '=case.unit' }, field: staff } }
        when: { fact: clock, path: $.isWorkingTime, operator: equal, value: false }
  initial: open
  states: { open: { on: { close: { target: closed } } }, closed: { type: final } }
`;

let s: TestServer;
beforeEach(async () => {
  s = await testServer({ initialFiles: () => [...fixtureFiles(), { path: 'roster.yaml', text: DEFS }] });
});
afterEach(async () => {
  await s.close();
});

it('assigns a case started outside working hours to whoever the roster written through the API has on duty', async () => {
  // given Monday 2 March 2026, 20:00 in Shanghai, and nobody on the roster yet
  s.clock.time = Date.parse('2026-03-02T12:00:00Z');
  const staff = await s.login('b1.staff');
  const before = await s.call('POST', '/api/cases', {
    token: staff,
    body: { workflow: 'callout', data: ticketData('Li') },
  });
  expect(before.status).toBe(201);
  expect(before.body.assignee).toBeNull();
  // when the lead puts b1.tech on duty for today
  const lead = await s.login('b1.lead');
  const roster = await s.call('POST', '/api/records/roster', {
    token: lead,
    body: { data: { date: '2026-03-02', unit: 'b1', staff: 'b1.tech' } },
  });
  expect(roster.status).toBe(201);
  // then the next case goes to him, not one of another day
  const after = await s.call('POST', '/api/cases', {
    token: staff,
    body: { workflow: 'callout', data: ticketData('Wang') },
  });
  expect(after.body.assignee).toBe('b1.tech');
  s.clock.time = Date.parse('2026-03-03T12:00:00Z');
  const nextDay = await s.call('POST', '/api/cases', {
    token: await s.login('b1.staff'),
    body: { workflow: 'callout', data: ticketData('Zhao') },
  });
  expect(nextDay.status).toBe(201);
  expect(nextDay.body.assignee).toBeNull();
});
