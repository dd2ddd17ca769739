// covers: INFO-2, INFO-5
import { describe, expect, it } from 'vitest';
import { readDefinitionFiles, validateDefinitions } from '../../../engine/definitions/index.ts';
import { compileSet } from '../../../engine/runtime/compile-set.ts';
import { decideCreate } from '../../../engine/runtime/decide.ts';
import { createDirectory } from '../../../engine/runtime/actor.ts';
import { counterIds } from '../../../engine/runtime/ids.ts';
import { noteText } from '../../../engine/runtime/note.ts';
import { createRecordsView } from '../../../engine/runtime/records-view.ts';
import { createSimulation } from '../../../engine/simulate/simulation.ts';

const defs = (records: string) => `
apiVersion: serviceframe/v1
kind: Form
metadata: { name: card }
spec:
  fields:
    - { name: customerName, type: text, label: Name, required: true }
    - { name: phone, type: text, label: Phone, required: true }
    - { name: address, type: text, label: Address }
---
apiVersion: serviceframe/v1
kind: Form
metadata: { name: call }
spec:
  fields:
    - { name: customerName, type: text, label: Name }
    - { name: phone, type: text, label: Phone }
---
apiVersion: serviceframe/v1
kind: RecordType
metadata: { name: client }
spec: { form: card, key: [phone] }
---
apiVersion: serviceframe/v1
kind: Workflow
metadata: { name: hotline }
spec:
  startForm: call
  start: { allow: [ { role: staff } ] }
  records:
${records}
  initial: open
  states:
    open: { on: { identify: { form: call, allow: [ { role: staff } ], stay: true }, close: { allow: [ { role: staff } ], target: closed } } }
    closed: { type: final }
`;
const LINK =
  "    customer: { type: client, match: { phone: '=data.phone' }, fill: { customerName: '=data.customerName', address: '=data.address' } }";
const load = (records: string) =>
  validateDefinitions([...readDefinitionFiles('tests/fixtures/engine'), { path: 'hotline.yaml', text: defs(records) }]);
const setOf = (records: string) => {
  const loaded = load(records);
  expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return compileSet(loaded.docs.map((d) => d.def));
};
const T0 = Date.parse('2026-11-02T10:00:00+08:00');
const client = (id: string, phone: string, customerName: string) => ({
  type: 'client',
  id,
  unit: 'hq',
  data: { customerName, phone },
});

describe('cases linked to archive records (spec.records)', () => {
  const set = setOf(LINK);

  it('creates the record the first case names and links the second case of the same phone to it', async () => {
    // given no customer records
    const sim = createSimulation(set, T0);
    const staff = sim.actor('b1.staff');
    // when two calls come from the same phone
    const first = await sim.engine.createCase(staff, 'hotline', { customerName: 'Li Lei', phone: '0531-8888' });
    const second = await sim.engine.createCase(staff, 'hotline', { customerName: 'Li Lei', phone: '0531-8888' });
    // then the first created the record (id from its case id), the second found it
    expect(first.records).toEqual({ customer: `${first.id}-customer` });
    expect(second.records).toEqual({ customer: `${first.id}-customer` });
    expect(sim.records()).toEqual([
      { type: 'client', id: `${first.id}-customer`, unit: 'b1', data: { customerName: 'Li Lei', phone: '0531-8888' } },
    ]);
    // and their histories say so: as structured notes, which read as the English lines they always were
    const created = (await sim.store.history(first.id))[0]!.effects;
    expect(created).toContainEqual(
      expect.objectContaining({
        code: 'recordCreated',
        args: expect.objectContaining({ link: 'customer', record: `${first.id}-customer` }),
      }),
    );
    expect(created.map(noteText)).toContain(`created customer record ${first.id}-customer`);
    expect((await sim.store.history(second.id))[0]!.effects.map(noteText)).toContain(
      `linked customer ${first.id}-customer`,
    );
  });

  it('links an existing record and creates none', async () => {
    const sim = createSimulation(
      set,
      T0,
      [],
      [client('k2', '0531-7777', 'Han Mei'), client('k1', '0531-7777', 'Han Mei (old card)')],
    );
    const c = await sim.engine.createCase(sim.actor('b1.staff'), 'hotline', {
      customerName: 'Han',
      phone: '0531-7777',
    });
    // the first match by id
    expect(c.records).toEqual({ customer: 'k1' });
    expect(sim.records()).toHaveLength(2);
  });

  it('links once the phone is known, after a later event, and keeps the link when the phone changes', async () => {
    const sim = createSimulation(
      set,
      T0,
      [],
      [client('k1', '0531-7777', 'Han Mei'), client('k2', '0531-6666', 'Wang')],
    );
    const staff = sim.actor('b1.staff');
    const c = await sim.engine.createCase(staff, 'hotline', { customerName: 'Han Mei' });
    expect(c.records).toEqual({});
    const identified = await sim.engine.sendEvent(c.id, {
      type: 'identify',
      data: { phone: '0531-7777' },
      actor: staff,
    });
    expect(identified.records).toEqual({ customer: 'k1' });
    const changed = await sim.engine.sendEvent(c.id, { type: 'identify', data: { phone: '0531-6666' }, actor: staff });
    expect(changed.records).toEqual({ customer: 'k1' });
  });

  it('creates no record when the filled data does not satisfy the record form, and says why', async () => {
    const sim = createSimulation(set, T0);
    const c = await sim.engine.createCase(sim.actor('b1.staff'), 'hotline', { phone: '0531-5555' });
    expect(c.records).toEqual({});
    expect(sim.records()).toEqual([]);
    expect((await sim.store.history(c.id))[0]!.effects.map(noteText).join('\n')).toMatch(
      /no customer record created: \/customerName/,
    );
  });

  it('only links, never creates, when the link has no fill', async () => {
    const sim = createSimulation(
      setOf("    customer: { type: client, match: { phone: '=data.phone' } }"),
      T0,
      [],
      [client('k1', '0531-7777', 'Han Mei')],
    );
    const staff = sim.actor('b1.staff');
    expect((await sim.engine.createCase(staff, 'hotline', { customerName: 'X', phone: '0531-0000' })).records).toEqual(
      {},
    );
    expect(
      (await sim.engine.createCase(staff, 'hotline', { customerName: 'Han', phone: '0531-7777' })).records,
    ).toEqual({ customer: 'k1' });
    expect(sim.records()).toHaveLength(1);
  });

  it('lets a case started in the same decision find the record its parent just created', async () => {
    // given an intake workflow that links the caller and at once starts a hotline case for them
    const intake = `
apiVersion: serviceframe/v1
kind: Workflow
metadata: { name: intake }
spec:
  startForm: call
  start:
    allow: [ { role: staff } ]
    actions: [ { startCase: { workflow: hotline, link: call, data: { customerName: '=data.customerName', phone: '=data.phone' } } } ]
  records:
${LINK}
  initial: open
  states: { open: { on: { close: { allow: [ { role: staff } ], target: closed } } }, closed: { type: final } }
`;
    const loaded = validateDefinitions([
      ...readDefinitionFiles('tests/fixtures/engine'),
      { path: 'hotline.yaml', text: defs(LINK) },
      { path: 'intake.yaml', text: intake },
    ]);
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const sim = createSimulation(compileSet(loaded.docs.map((d) => d.def)), T0);
    // when the intake is created
    const parent = await sim.engine.createCase(sim.actor('b1.staff'), 'intake', {
      customerName: 'Li Lei',
      phone: '0531-8888',
    });
    // then the hotline case is linked to the intake's new record, and only one record exists
    const child = (await sim.store.getCase(parent.links[0]!.caseId))!;
    expect(child.records).toEqual({ customer: `${parent.id}-customer` });
    expect(sim.records().map((r) => r.id)).toEqual([`${parent.id}-customer`]);
  });

  it('is a pure decision: the record to create is an effect, with a deterministic id', () => {
    const deps = { set, directory: createDirectory([]), records: createRecordsView([]), now: T0, ids: counterIds() };
    const result = decideCreate(deps, {
      workflow: 'hotline',
      data: { customerName: 'Li Lei', phone: '0531-8888' },
      actor: { username: 'b1.staff', unit: 'b1', roles: ['staff'] },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.decision.recordWrites).toEqual([
      {
        type: 'client',
        id: 'C000001-customer',
        unit: 'b1',
        data: { customerName: 'Li Lei', phone: '0531-8888' },
        caseId: 'C000001',
        link: 'customer',
        at: T0,
        by: 'b1.staff',
      },
    ]);
    expect(result.decision.changes[0]!.record.records).toEqual({ customer: 'C000001-customer' });
  });
});

describe('checking spec.records', () => {
  const errorsOf = (records: string) =>
    load(records)
      .issues.filter((i) => i.severity === 'error')
      .map((e) => ({ code: e.code, pointer: e.pointer }));

  it('points at a match or fill key that is not a field of the record type', () => {
    expect(
      errorsOf(
        "    customer: { type: client, match: { mobile: '=data.phone' }, fill: { name: '=data.customerName' } }",
      ),
    ).toEqual([
      { code: 'UNKNOWN_REFERENCE', pointer: '/spec/records/customer/match/mobile' },
      { code: 'UNKNOWN_REFERENCE', pointer: '/spec/records/customer/fill/name' },
    ]);
  });

  it('points at an expression that does not compile or reads what a link cannot', () => {
    expect(
      errorsOf(
        "    customer: { type: client, match: { phone: '=data.phone +' }, fill: { customerName: '=event.customerName' } }",
      ),
    ).toEqual([
      { code: 'INVALID_EXPRESSION', pointer: '/spec/records/customer/match/phone' },
      { code: 'INVALID_EXPRESSION', pointer: '/spec/records/customer/fill/customerName' },
    ]);
  });

  it('points at an unknown record type and an empty match', () => {
    expect(
      errorsOf(
        "    customer: { type: clients, match: { phone: '=data.phone' } }\n    other: { type: client, match: {} }",
      ),
    ).toEqual([
      { code: 'UNKNOWN_REFERENCE', pointer: '/spec/records/customer/type' },
      { code: 'INVALID_VALUE', pointer: '/spec/records/other/match' },
    ]);
  });
});
