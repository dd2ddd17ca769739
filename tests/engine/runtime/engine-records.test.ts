// covers: SL-2
import { describe, expect, it } from 'vitest';
import { readDefinitionFiles, validateDefinitions } from '../../../engine/definitions/index.ts';
import { compileSet } from '../../../engine/runtime/compile-set.ts';
import { createRecordsView } from '../../../engine/runtime/records-view.ts';
import { noteText } from '../../../engine/runtime/note.ts';
import { createSimulation } from '../../../engine/simulate/simulation.ts';

const defs = (assign: string) => `
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
spec: { form: roster }
---
apiVersion: serviceframe/v1
kind: Workflow
metadata: { name: callout }
spec:
  startForm: ticket
  start:
    allow: [ { role: staff } ]
    actions:
      - assign: { role: lead, unit: case }
      - assign: ${assign}
        when: { fact: clock, path: $.isWorkingTime, operator: equal, value: false }
  initial: open
  states: { open: { on: { close: { target: closed } } }, closed: { type: final } }
`;
const ROSTER = "{ fromRecord: { type: roster, match: { date: '=clock.date', unit: '=case.unit' }, field: staff } }";
const load = (assign: string) =>
  validateDefinitions([...readDefinitionFiles('tests/fixtures/engine'), { path: 'callout.yaml', text: defs(assign) }]);
const set = compileSet(load(ROSTER).docs.map((d) => d.def));
const roster = (id: string, date: string, unit: string, staff: string) => ({
  type: 'roster',
  id,
  unit,
  data: { date, unit, staff },
});

describe('assign fromRecord', () => {
  const records = [
    roster('r2', '2026-10-03', 'b1', 'b1.tech'),
    roster('r1', '2026-10-03', 'b1', 'b1.staff'),
    roster('r3', '2026-10-03', 'b2', 'b2.lead'),
  ];

  it('assigns, outside working hours, the user the first matching record names (by id)', async () => {
    // given the roster of a holiday and a call at 20:00
    const sim = createSimulation(set, Date.parse('2026-10-03T20:00:00+08:00'), [], records);
    // when b1 starts a case
    const c = await sim.engine.createCase(sim.actor('b1.staff'), 'callout', {
      customerName: 'Li',
      phone: '13900139000',
    });
    // then it goes to b1's record r1 (not r2, not b2's), and the history says why
    expect(c.assignee).toBe('b1.staff');
    expect((await sim.store.history(c.id))[0]!.effects.map(noteText)).toContain('roster record r1 names b1.staff');
  });

  it('keeps the earlier assignee when no record matches, and is not used in working hours', async () => {
    const holiday = createSimulation(set, Date.parse('2026-10-04T20:00:00+08:00'), [], records);
    expect(
      (
        await holiday.engine.createCase(holiday.actor('b1.staff'), 'callout', {
          customerName: 'Li',
          phone: '13900139000',
        })
      ).assignee,
    ).toBe('b1.lead');
    const workday = createSimulation(
      set,
      Date.parse('2026-10-09T10:00:00+08:00'),
      [],
      [roster('r9', '2026-10-09', 'b1', 'b1.tech')],
    );
    expect(
      (
        await workday.engine.createCase(workday.actor('b1.staff'), 'callout', {
          customerName: 'Li',
          phone: '13900139000',
        })
      ).assignee,
    ).toBe('b1.lead');
  });

  it('names an unknown record type, field or match key at its pointer', () => {
    const issues = (assign: string) =>
      load(assign)
        .issues.filter((i) => i.at.file === 'callout.yaml')
        .map((i) => `${i.code} ${i.pointer}`);
    expect(issues("{ fromRecord: { type: rota, match: { date: '=clock.date' }, field: staff } }")).toEqual([
      'UNKNOWN_REFERENCE /spec/start/actions/1/assign/fromRecord/type',
    ]);
    expect(issues("{ fromRecord: { type: roster, match: { day: '=clock.date' }, field: person } }")).toEqual([
      'UNKNOWN_REFERENCE /spec/start/actions/1/assign/fromRecord/field',
      'UNKNOWN_REFERENCE /spec/start/actions/1/assign/fromRecord/match/day',
    ]);
    expect(issues(ROSTER)).toEqual([]);
  });
});

describe('records view', () => {
  it('matches every given field exactly and orders by id', () => {
    const view = createRecordsView([
      roster('b', '2026-10-03', 'b1', 'x'),
      roster('a', '2026-10-03', 'b1', 'y'),
      roster('c', '2026-10-04', 'b1', 'z'),
      { type: 'other', id: 'a0', unit: 'b1', data: { date: '2026-10-03', unit: 'b1' } },
    ]);
    expect(view.find('roster', { date: '2026-10-03', unit: 'b1' }).map((r) => r.id)).toEqual(['a', 'b']);
    expect(view.find('roster', { date: '2026-10-03', unit: 'b2' })).toEqual([]);
    expect(view.find('missing', {})).toEqual([]);
  });
});

describe('scenario records', () => {
  it('names an unknown record type or field at its pointer', () => {
    const scenario = `
apiVersion: serviceframe/v1
kind: Scenario
metadata: { name: s }
spec:
  start: "2026-10-03T20:00:00+08:00"
  records:
    - { type: rota, data: { date: "2026-10-03" } }
    - { type: roster, data: { date: "2026-10-03", unit: b1, person: b1.tech } }
    - { type: roster, data: { date: "2026-10-03", unit: b1, staff: b1.tech } }
  steps: [ { note: x } ]
`;
    const result = validateDefinitions([
      ...readDefinitionFiles('tests/fixtures/engine'),
      { path: 'callout.yaml', text: defs(ROSTER) },
      { path: 's.yaml', text: scenario },
    ]);
    expect(result.issues.filter((i) => i.at.file === 's.yaml').map((i) => `${i.code} ${i.pointer}`)).toEqual([
      'UNKNOWN_REFERENCE /spec/records/0/type',
      'UNKNOWN_REFERENCE /spec/records/1/data/person',
    ]);
  });
});
