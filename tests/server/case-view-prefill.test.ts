// covers: PROC-3, FORM-2, INFO-1
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allKinds,
  formatIssue,
  loadDefinitions,
  readDefinitionFiles,
  type SourceFile,
} from '../../engine/definitions/index.ts';
import { testServer, type TestServer } from './server-support.ts';

/**
 * The case page's definitions-driven parts: what a workflow's `view` shows, an event's `prefill`
 * from the case (the work order from the registration, settlement from the work order's total),
 * and `validate` refusing either when it names a field that does not exist.
 */
const seed = () => readDefinitionFiles('definitions');

function withRepair(edit: (yaml: string) => string): SourceFile[] {
  return seed().map((f) => (f.path.endsWith('workflows/repair.yaml') ? { ...f, text: edit(f.text) } : f));
}
const errorsOf = (files: SourceFile[]) => loadDefinitions(files, allKinds).issues.filter((i) => i.severity === 'error');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('validate: view and prefill name fields that exist', () => {
  it('accepts the seed, whose work order and settlement are prefilled', () => {
    expect(errorsOf(seed()).map(formatIssue)).toEqual([]);
  });

  it('refuses a prefill naming a field the event form lacks, and one reading a field no form writes, with positions', () => {
    // given the work order prefilled into a misspelt field, and settlement from a misspelt total
    const files = withRepair((y) =>
      y
        .replace(
          "customerName: '=data.customerName'\n            address:",
          "customerNam: '=data.customerName'\n            address:",
        )
        .replace("'=data.workOrder.total'", "'=data.workOrder.totl'"),
    );
    const text = files.find((f) => f.path.endsWith('workflows/repair.yaml'))!.text;
    const errors = errorsOf(files);
    // then both are reported where they are written
    expect(errors.map((e) => [e.code, e.pointer])).toEqual([
      ['UNKNOWN_REFERENCE', '/spec/states/on-site/on/complete/prefill/customerNam'],
      ['UNKNOWN_REFERENCE', '/spec/states/settlement/on/settle/prefill/amountReceived'],
    ]);
    expect(errors[0]!.at.line).toBe(lineOf(text, 'customerNam:'));
    expect(errors[1]!.at.line).toBe(lineOf(text, 'workOrder.totl'));
    expect(formatIssue(errors[1]!)).toMatch(
      /^definitions\/workflows\/repair\.yaml:\d+:\d+: unknown field "workOrder\.totl".*did you mean|fields:/,
    );
  });

  it('refuses a prefill on an event without a form and one reading outside the case', () => {
    const files = withRepair((y) =>
      y
        .replace(
          '    comment: { title:',
          "    ping: { stay: true, prefill: { text: '=data.fault' } }\n    comment: { title:",
        )
        .replace("'=data.workOrder.total'", "'=secrets.total'"),
    );
    expect(errorsOf(files).map((e) => [e.code, e.pointer])).toEqual([
      ['INVALID_VALUE', '/spec/on/ping/prefill'],
      ['UNKNOWN_REFERENCE', '/spec/states/settlement/on/settle/prefill/amountReceived'],
    ]);
  });

  it('refuses a view naming a field that does not exist, at its line and column', () => {
    const files = withRepair((y) =>
      y.replace(
        '  initial: reported',
        '  view:\n    - title: { zh: 客户, en: Customer }\n      fields: [customerName, phone, workOrder.totl]\n  initial: reported',
      ),
    );
    const text = files.find((f) => f.path.endsWith('workflows/repair.yaml'))!.text;
    const errors = errorsOf(files);
    expect(errors.map((e) => [e.code, e.pointer])).toEqual([['UNKNOWN_REFERENCE', '/spec/view/0/fields/2']]);
    expect(errors[0]!.at).toEqual(
      expect.objectContaining({
        line: lineOf(text, 'workOrder.totl'),
        column: text.split('\n')[lineOf(text, 'workOrder.totl') - 1]!.indexOf('workOrder.totl') + 1,
      }),
    );
  });
});

describe('the repair case over HTTP: prefill and view', () => {
  let s: TestServer;
  const tokens = new Map<string, string>();
  const token = async (user: string) => {
    if (!tokens.has(user)) tokens.set(user, await s.login(user));
    return tokens.get(user)!;
  };
  const send = async (id: string, as: string, type: string, data: unknown) => {
    const res = await s.call('POST', `/api/cases/${id}/events`, { token: await token(as), body: { type, data } });
    expect(res.status, res.text).toBe(200);
    return res.body;
  };
  const eventOf = (view: { availableEvents: { type: string; prefill?: Record<string, unknown> }[] }, type: string) =>
    view.availableEvents.find((e) => e.type === type)!;

  beforeAll(async () => {
    s = await testServer({ initialFiles: () => readDefinitionFiles('definitions') });
    s.clock.time = Date.parse('2026-09-14T09:00:00+08:00');
  }, 60_000);
  afterAll(async () => s.close());

  it(
    'opens the plan at the dispatched appointment, the work order filled from the registration and settlement at the work order total',
    { timeout: 30_000 },
    async () => {
      const registration = {
        customerName: '张三',
        address: '济南市历下区经十路100号',
        phone: '13800138000',
        productModel: 'ZW32-12',
        serialNumber: 'SN-2024-0001',
        fault: '无法合闸',
        channel: 'phone',
      };
      const created = await s.call('POST', '/api/cases', {
        token: await token('br1.staff'),
        body: { workflow: 'repair', data: registration },
      });
      expect(created.status, created.text).toBe(201);
      const id = created.body.id as string;
      const planning = await send(id, 'br1.lead', 'dispatch', {
        technician: 'br1.tech',
        inWarranty: false,
        appointmentAt: '2026-09-14T14:00:00+08:00',
      });
      // the plan opens at the appointment the lead agreed when dispatching
      expect(eventOf(planning, 'plan').prefill).toEqual({ appointmentAt: '2026-09-14T14:00:00+08:00' });
      await send(id, 'br1.tech', 'plan', { plan: '更换合闸线圈', appointmentAt: '2026-09-14T15:00:00+08:00' });
      const onSite = await send(id, 'br1.tech', 'arrive', { idShown: true, apologyLetter: true, safetySigns: true });

      // then the technician confirms the registered customer and product rather than retyping them
      expect(eventOf(onSite, 'complete').prefill).toEqual({
        customerName: '张三',
        address: '济南市历下区经十路100号',
        phone: '13800138000',
        productModel: 'ZW32-12',
        serialNumber: 'SN-2024-0001',
        serviceStaff: '谢师傅',
      });
      const { workOrder } = {
        workOrder: {
          ...eventOf(onSite, 'complete').prefill,
          equipmentName: '真空断路器',
          serviceTime: '2026-09-14T15:00:00+08:00',
          onSiteDate: '2026-09-14',
          serviceForm: 'on-site',
          serviceContent: '更换线圈',
          paymentMethod: 'self-paid',
          visitFee: 50,
          transportFee: 20.5,
          onSiteIn24h: true,
          serviceComplete: true,
          feeScheduleShown: true,
          serviceQuality: 'satisfied',
          signature: { image: 'data:image/png;base64,iVBORw0KGgo=', signedAt: '2026-09-14T16:30:00+08:00' },
        },
      };
      const settling = await send(id, 'br1.tech', 'complete', workOrder);
      expect(settling.data.workOrder.total).toBe(70.5);
      const read = await s.call('GET', `/api/cases/${id}`, { token: await token('br1.staff') });
      expect(eventOf(read.body, 'settle').prefill).toEqual({ amountReceived: 70.5 });
    },
  );

  it("describes the case page's default view: the start form, then each saved form by its sections", async () => {
    const res = await s.call('GET', '/api/definitions/Workflow/repair', {
      token: await token('br1.staff'),
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(res.status).toBe(200);
    const view = res.body.view as {
      part?: string;
      title?: string;
      fields: { path: string; label: string; type: string; options?: unknown[] }[];
    }[];
    expect(view[0]!.fields.map((f) => f.path)).toContain('customerName');
    expect(view[0]!.part).toBe('报修登记');
    const sections = view.filter((v) => v.part === '鲁能物资客户服务工作单').map((v) => v.title);
    expect(sections).toEqual(['客户信息', '本次服务对象具体信息', '费用结算', '用户意见']);
    const serviceForm = view.flatMap((v) => v.fields).find((f) => f.path === 'workOrder.serviceForm')!;
    expect(serviceForm).toEqual(
      expect.objectContaining({
        label: '服务形式',
        type: 'enum',
        options: expect.arrayContaining([{ value: 'on-site', label: '上门服务' }]),
      }),
    );
    expect(view.flatMap((v) => v.fields).some((f) => f.path === 'settlement.amountReceived')).toBe(true);
    expect(res.body.events.find((e: { type: string }) => e.type === 'complete').saveAs).toBe('workOrder');
    // and the archives a registration can be filled from (INFO-2), read backwards from spec.records
    expect(res.body.records).toEqual([
      expect.objectContaining({
        link: 'customer',
        type: 'customer',
        title: '客户档案',
        fields: { phone: 'phone', customerName: 'customerName', address: 'address' },
        searchBy: ['customerName', 'phone', 'address'],
      }),
      expect.objectContaining({
        link: 'product',
        type: 'product',
        fields: { serialNumber: 'serialNumber', productModel: 'productModel', purchaseDate: 'purchaseDate' },
        searchBy: ['productModel', 'serialNumber'],
      }),
    ]);
  });
});

describe('the installation map for addresses (SERVICEFRAME_MAP_URL)', () => {
  it('passes on an http(s) template with {address}, and nothing else (none by default)', async () => {
    const { settingsFromEnv, settingsRoutes } = await import('../../server/routes/settings-routes.ts');
    const { mount } = await import('../../server/http/route-contract.ts');
    const { routes } = await import('../../contract/routes.ts');
    const { Hono } = await import('hono');
    expect(settingsFromEnv({})).toEqual({});
    expect(settingsFromEnv({ SERVICEFRAME_MAP_URL: 'https://uri.amap.com/search?keyword={address}' })).toEqual({
      mapUrl: 'https://uri.amap.com/search?keyword={address}',
    });
    expect(settingsFromEnv({ SERVICEFRAME_MAP_URL: 'javascript:alert({address})' })).toEqual({});
    expect(settingsFromEnv({ SERVICEFRAME_MAP_URL: 'https://maps.example/' })).toEqual({});
    const app = new Hono<any>();
    mount(app, settingsRoutes({}), { declared: [routes.settings], requireAdmin: () => {} });
    const res = await app.request('/api/settings');
    expect(await res.json()).toEqual({ mapUrl: null });
  });
});

describe("a workflow's written view", () => {
  it('shows its own sections, in its order, with the fields the forms describe', async () => {
    const { caseViewSections } = await import('../../engine/workflows/case-view-sections.ts');
    // given the seed's repair with a view of two sections
    const files = withRepair((y) =>
      y.replace(
        '  initial: reported',
        '  view:\n    - title: { zh: 客户, en: Customer }\n      fields: [customerName, phone, address]\n    - fields: [workOrder.total, workOrder.signature, settlement.amountReceived]\n  initial: reported',
      ),
    );
    const loaded = loadDefinitions(files, allKinds);
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const defs = loaded.docs.map((d) => d.def);
    const repair = defs.find((d) => d.kind === 'Workflow' && d.metadata.name === 'repair')!;
    const formOf = (name: string) => defs.find((d) => d.kind === 'Form' && d.metadata.name === name) as never;
    const sections = caseViewSections(repair.spec as never, formOf);
    // then exactly those, with the fields' types and labels
    expect(sections.map((s) => [s.title, s.fields.map((f) => `${f.path}:${f.field.type}`)])).toEqual([
      [{ zh: '客户', en: 'Customer' }, ['customerName:text', 'phone:phone', 'address:address']],
      [undefined, ['workOrder.total:money', 'workOrder.signature:signature', 'settlement.amountReceived:money']],
    ]);
  });
});
