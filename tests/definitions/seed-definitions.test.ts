// covers: ORG-1, ORG-2, NORM-2, FORM-1, FORM-3, INFO-1, INFO-2
// The seed company's definitions: the organization's three tiers and roles, service-language scripts
// attached to the steps where staff use them, archives as record types, and the service ledger
// filled from a case without typing anything twice.
import { describe, expect, it } from 'vitest';
import { readDefinitionFiles, validateDefinitions, type Definition } from '../../engine/definitions/index.ts';
import { compileSet } from '../../engine/runtime/compile-set.ts';
import { createSimulation } from '../../engine/simulate/simulation.ts';
import { ledgerRow, reportFacts, type LedgerSpec } from '../../engine/reports/index.ts';
import type { OrganizationSpec, UnitSpec } from '../../engine/org/organization.ts';
import type { WorkflowSpec, StateSpec } from '../../engine/workflows/workflow-model.ts';

const loaded = validateDefinitions(readDefinitionFiles('definitions'));
const defs = loaded.docs.map((d) => d.def);
const set = compileSet(defs);
const of = <S>(kind: string) => defs.filter((d) => d.kind === kind) as Definition<S>[];
const org = of<OrganizationSpec>('Organization')[0]!.spec;

function children(u: UnitSpec, type: string): UnitSpec[] {
  return (u.units ?? []).filter((c) => c.type === type);
}

describe('the seed company definitions', () => {
  it('validate without errors', () => {
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('describe the three tiers of ORG-1', () => {
    const hq = org.root;
    expect(hq.type).toBe('group');
    const mdd = children(hq, 'management-department');
    expect(mdd).toHaveLength(1);
    expect(children(mdd[0]!, 'project-group')).toHaveLength(1);
    const professional = children(hq, 'professional-department');
    expect(professional.length).toBeGreaterThanOrEqual(2);
    for (const p of professional) expect(children(p, 'project-group')).toHaveLength(1);
    const subsidiaries = children(hq, 'subsidiary');
    expect(subsidiaries.length).toBeGreaterThanOrEqual(2);
    for (const s of subsidiaries) {
      const service = children(s, 'service-department')[0]!;
      expect(children(service, 'project-group')).toHaveLength(1);
      expect(children(service, 'market-department')).toHaveLength(1);
    }
    const branches = children(hq, 'branch');
    expect(branches.length).toBeGreaterThanOrEqual(3);
    for (const b of branches) {
      const service = children(b, 'service-department')[0]!;
      expect(children(service, 'project-group')).toHaveLength(1);
      expect(children(service, 'branch-market-development')).toHaveLength(1);
    }
    // departments act for their unit: the branch's market development department acts for the branch
    expect(set.org.actingUnit('br1-mdd')).toBe('br1');
    expect(set.org.actingUnit('hq-mdd-pg')).toBe('hq');
  });

  it('has every role of ORG-2, each held by a demo user', () => {
    const roles = org.roles.map((r) => r.name);
    for (const r of [
      'vice-president',
      'general-manager',
      'market-development-manager',
      'project-manager',
      'service-staff',
      'customer-management-staff',
      'repair-technician',
      'return-visit-staff',
      'market-developer',
      'tender-leadership',
      'tender-supervision',
      'bid-evaluation',
      'customer',
      'manufacturer-contact',
      'service-lead',
      'admin',
    ]) {
      expect(roles).toContain(r);
    }
    for (const r of roles)
      expect(
        org.users!.some((u) => u.roles.includes(r)),
        r,
      ).toBe(true);
    expect(org.roles.find((r) => r.name === 'customer')!.customer).toBe(true);
    expect(org.roles.find((r) => r.name === 'admin')!.admin).toBe(true);
  });

  it('attaches every service-language script to a step (NORM-2)', () => {
    const used = new Set<string>();
    const visit = (s: StateSpec) => {
      for (const n of typeof s.script === 'string' ? [s.script] : (s.script ?? [])) used.add(n);
      Object.values(s.states ?? {}).forEach(visit);
    };
    for (const wf of of<WorkflowSpec>('Workflow')) Object.values(wf.spec.states).forEach(visit);
    for (const script of of('Script')) expect(used, script.metadata.name).toContain(script.metadata.name);
    const onSite = of<WorkflowSpec>('Workflow').find((w) => w.metadata.name === 'repair')!.spec.states['on-site']!;
    expect(onSite.script).toEqual(
      expect.arrayContaining(['on-site-greeting', 'after-sales-apology', 'on-site-closing']),
    );
  });

  it('keeps customer and product archives as record types linked from the service workflows (INFO-2, FORM-3)', () => {
    const types = of<{ form: string; key: string[] }>('RecordType');
    expect(types.find((t) => t.metadata.name === 'customer')!.spec).toMatchObject({
      form: 'customer-card',
      key: ['phone'],
    });
    expect(types.find((t) => t.metadata.name === 'product')!.spec).toMatchObject({
      form: 'product-archive',
      key: ['serialNumber'],
    });
    const repair = of<WorkflowSpec>('Workflow').find((w) => w.metadata.name === 'repair')!.spec;
    expect(Object.keys(repair.records ?? {})).toEqual(['customer', 'product']);
  });

  it('fills the service information ledger from a repair case (FORM-1)', async () => {
    const sim = createSimulation(set, Date.parse('2026-09-14T09:00:00+08:00'));
    const as = (u: string) => sim.actor(u);
    const c = await sim.engine.createCase(as('br1.staff'), 'repair', {
      customerName: '张三',
      address: '济南市经十路100号',
      phone: '13800138000',
      productModel: 'ZW32-12',
      serialNumber: 'SN-1',
      fault: '无法合闸',
    });
    const send = (type: string, user: string, data: unknown = {}) =>
      sim.engine.sendEvent(c.id, { type, data, actor: as(user) });
    await send('dispatch', 'br1.lead', { technician: 'br1.tech', inWarranty: false });
    await send('plan', 'br1.tech', { plan: '更换线圈' });
    sim.clock.set(Date.parse('2026-09-14T14:00:00+08:00'));
    await send('arrive', 'br1.tech', { idShown: true, apologyLetter: true, safetySigns: true });
    sim.clock.set(Date.parse('2026-09-14T15:00:00+08:00'));
    await send('complete', 'br1.tech', {
      customerName: '张三',
      address: '济南市经十路100号',
      phone: '13800138000',
      equipmentName: '断路器',
      productModel: 'ZW32-12',
      serialNumber: 'SN-1',
      serviceTime: '2026-09-14T14:00:00+08:00',
      onSiteDate: '2026-09-14',
      serviceForm: 'on-site',
      serviceContent: '更换合闸线圈',
      serviceStaff: '谢师傅',
      paymentMethod: 'warranty',
      onSiteIn24h: true,
      serviceComplete: true,
      feeScheduleShown: true,
      serviceQuality: 'satisfied',
      signature: { image: 'data:image/png;base64,iVBORw0KGgo=', signedAt: '2026-09-14T15:00:00+08:00' },
    });
    const closed = await send('settle', 'br1.staff', { amountReceived: 0, workOrderReturned: true });
    const visitId = closed.links.find((l) => l.name === 'return-visit')!.caseId;
    await sim.engine.sendEvent(visitId, {
      type: 'visit',
      actor: as('br1.visit'),
      data: {
        method: 'phone',
        satisfaction: 'satisfied',
        effective: true,
        problemFound: false,
        record: '运行正常',
        archiveUpdated: true,
      },
    });
    const record = (await sim.store.getCase(c.id))!;
    const linked = [(await sim.store.getCase(visitId))!];
    const facts = reportFacts(record, await sim.store.history(c.id), linked);
    const ledger = of<LedgerSpec>('Ledger').find((l) => l.metadata.name === 'service-ledger')!.spec;
    const row = ledgerRow(ledger, 'repair', facts)!;
    // unit and seq are filled when the ledger is read (per unit and period); serviceMode's label too;
    // the case is named by its number
    expect(row.values).toMatchObject({
      unit: null,
      seq: null,
      caseId: 'BX-2026-00001',
      customerName: '张三',
      address: '济南市经十路100号',
      phone: '13800138000',
      productModel: 'ZW32-12',
      serialNumber: 'SN-1',
      reported: '无法合闸',
      serviceStart: Date.parse('2026-09-14T14:00:00+08:00'),
      serviceEnd: Date.parse('2026-09-14T15:00:00+08:00'),
      serviceMode: 'on-site',
      serviceContent: '更换合闸线圈',
      serviceStaff: '谢师傅',
      returnVisit: '运行正常',
    });
  });
});
