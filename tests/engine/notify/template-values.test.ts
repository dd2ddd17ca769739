// covers: NORM-1, NORM-5
import { describe, expect, it } from 'vitest';
import { readDefinitionFiles, validateDefinitions } from '../../../engine/definitions/index.ts';
import { templateValue, type TemplateReader } from '../../../engine/notify/template-values.ts';
import { compileSet } from '../../../engine/runtime/compile-set.ts';
import { createSimulation } from '../../../engine/simulate/simulation.ts';

/**
 * A notification says its values as the person reading it would: the customer told their visit
 * time read "2026-12-20T15:00:00+08:00", the staff told of a case's progress read "您负责的repair
 * … 当前状态：[\"planning\"]". Values are said from the definitions (titles, option labels), in
 * the recipient's language and the case unit's time zone.
 */
const reader = (locale: 'zh-CN' | 'en', timeZone = 'Asia/Shanghai'): TemplateReader => ({
  locale,
  timeZone,
  field: (path) =>
    path === 'data.serviceForm'
      ? {
          name: 'serviceForm',
          type: 'enum',
          label: { zh: '服务方式', en: 'Service' },
          options: [{ value: 'on-site', label: { zh: '上门', en: 'On site' } }],
        }
      : path === 'data.purchaseDate'
        ? { name: 'purchaseDate', type: 'date', label: { zh: '购买日期', en: 'Purchase date' } }
        : undefined,
  workflowTitle: (name) => (name === 'repair' ? (locale === 'en' ? 'After-sales repair' : '售后报修') : undefined),
  stateTitle: (path) => ({ planning: '制定维修方案', 'handling.hq': '总部处理' })[path],
  unitTitle: (name) => (name === 'br1' ? '济南分公司' : undefined),
  personName: (u) => (u === 'br1.tech' ? '谢师傅' : undefined),
});

describe('a notification value as its reader reads it', () => {
  it('says an instant in the reader language and the calendar zone, a day as written', () => {
    expect(templateValue('data.appointmentAt', '2026-12-20T15:00:00+08:00', reader('zh-CN'))).toBe('2026/12/20 15:00');
    expect(templateValue('data.appointmentAt', '2026-12-20T07:00:00Z', reader('zh-CN'))).toBe('2026/12/20 15:00');
    expect(templateValue('data.appointmentAt', '2026-12-20T15:00:00+08:00', reader('en'))).toBe('12/20/2026, 15:00');
    expect(templateValue('case.createdAt', Date.parse('2026-12-20T15:00:00+08:00'), reader('zh-CN'))).toBe(
      '2026/12/20 15:00',
    );
    expect(templateValue('data.purchaseDate', '2026-03-01', reader('zh-CN', 'America/Los_Angeles'))).toBe('2026/03/01');
  });

  it('says names by their titles: the workflow, the states, the unit, an option, a person; yes and no in words', () => {
    const zh = reader('zh-CN');
    expect(templateValue('case.workflow', 'repair', zh)).toBe('售后报修');
    expect(templateValue('case.workflow', 'repair', reader('en'))).toBe('After-sales repair');
    expect(templateValue('case.states', ['planning', 'handling.hq'], zh)).toBe('制定维修方案、总部处理');
    expect(templateValue('case.unit', 'br1', zh)).toBe('济南分公司');
    expect(templateValue('data.serviceForm', 'on-site', zh)).toBe('上门');
    expect(templateValue('data.serviceForm', 'on-site', reader('en'))).toBe('On site');
    expect(templateValue('data.flag', true, zh)).toBe('是');
    expect(templateValue('data.flag', false, reader('en'))).toBe('no');
  });

  it('keeps what it has no word for as stored, and plain text as it is', () => {
    const zh = reader('zh-CN');
    expect(templateValue('case.workflow', 'unknown-flow', zh)).toBe('unknown-flow');
    expect(templateValue('data.customerName', '张三', zh)).toBe('张三');
    expect(templateValue('data.phone', '13800138000', zh)).toBe('13800138000');
    expect(templateValue('data.count', 3, zh)).toBe('3');
  });
});

describe('the seed notifications, as their readers get them', () => {
  const seed = compileSet(validateDefinitions(readDefinitionFiles('definitions')).docs.map((d) => d.def));

  it("tells the customer the visit time in local words, and the owner the case's workflow and state by title", async () => {
    const sim = createSimulation(seed, Date.parse('2026-12-08T09:00:00+08:00'));
    const c = await sim.engine.createCase(sim.actor('cust.zhang'), 'repair', {
      customerName: '张先生',
      phone: '13800138000',
      address: '济南市历下区经十路100号',
      productModel: 'ZW32-12',
      fault: '真空断路器无法合闸',
    });
    await sim.engine.sendEvent(c.id, { type: 'comment', data: { text: '已受理' }, actor: sim.actor('br1.staff') });
    await sim.engine.sendEvent(c.id, {
      type: 'dispatch',
      data: { technician: 'br1.tech', inWarranty: false },
      actor: sim.actor('br1.lead'),
    });
    await sim.engine.sendEvent(c.id, {
      type: 'plan',
      data: { plan: '更换合闸线圈', appointmentAt: '2026-12-20T15:00:00+08:00' },
      actor: sim.actor('br1.tech'),
    });
    const outbox = await sim.store.outboxOf(c.id);
    const visit = outbox.find((n) => n.template === 'visit-arranged' && n.recipient === 'cust.zhang');
    expect(visit?.body).toContain('2026/12/20 15:00');
    expect(visit?.body).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const progress = outbox.filter((n) => n.template === 'case-progress' && n.channel === 'inapp');
    expect(progress.length).toBeGreaterThan(0);
    for (const n of progress) {
      expect(n.body).toContain('售后报修');
      expect(n.body).toContain('制定维修方案');
      expect(n.body).not.toMatch(/repair|\["|planning/);
    }
  });
});
