import workOrder from './fixtures/work-order.json' with { type: 'json' };
import { compileForm } from '../../engine/forms/index.ts';
import type { Definition } from '../../engine/definitions/kind.ts';
import type { FormSpec } from '../../engine/forms/form-model.ts';
import { createOutbox } from '../../ui/offline/outbox.ts';
import type { SfOutboxStatus } from '../../ui/components/sf-outbox-status.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import { until } from './fake-api.ts';
import { cleanup, controlOf, mount, root, submit, type } from './helpers.ts';

const definition = workOrder as unknown as Definition<FormSpec>;

describe('what sf-form accepts', () => {
  afterEach(cleanup);

  it('validates served JSON (schema + layout) exactly as the compiled definition does', async () => {
    // given the compiled form as the server serves it: plain JSON, no functions
    const served = JSON.parse(JSON.stringify(compileForm(definition).toJSON()));
    const data = { customerName: 'x', bankAccount: '12', taxNumber: '123', history: [{ amount: 1.234 }], visitFee: 5 };
    const el = await mount({ form: served, value: data });
    await submit(el);
    // then every message equals the engine's for the original definition
    const expected = compileForm(definition).validate(data, { locale: 'zh-CN' });
    ok(!expected.ok);
    const shown = [...root(el).querySelectorAll('.summary a, .summary li:not(:has(a))')].length;
    equal(shown, expected.errors.length, 'one summary entry per engine error');
    for (const e of expected.errors) {
      const link = root(el).querySelector(`.summary a[data-field="${e.path}"]`);
      ok(link?.textContent?.includes(e.message), `the summary shows "${e.message}" for ${e.path}`);
    }
    match(
      root(el).querySelector('.summary')?.textContent,
      /银行账号应为 8 到 30 位数字/,
      'pattern messages survive the round trip',
    );
  });

  it('accepts an already compiled form and a context for its conditions', async () => {
    const el = await mount({ form: compileForm(definition), context: { unit: 'hq' } });
    await type(el, '/visitFee', '12.5');
    equal(controlOf(el, '/total')?.value, '12.50');
  });

  it('disables every control when disabled', async () => {
    const el = await mount({ form: definition, disabled: true });
    ok(controlOf(el, '/customerName')?.disabled, 'inputs are disabled');
    ok(root(el).querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled, 'submit is disabled');
    equal(await submit(el), undefined);
  });

  it("shows a disabled date or time nobody filled in as blank, not as the browser's mask (a printed work order)", async () => {
    const dates = {
      apiVersion: 'serviceframe/v1',
      kind: 'Form',
      metadata: { name: 'dates' },
      spec: {
        fields: [
          { name: 'visitDate', type: 'date', label: { zh: '上门日期', en: 'Visit date' } },
          { name: 'arrivedAt', type: 'datetime', label: { zh: '到达时间', en: 'Arrived at' } },
        ],
      },
    } as unknown as Definition<FormSpec>;
    const printed = await mount({ form: dates, disabled: true, value: { visitDate: '2026-11-26' } });
    equal((controlOf(printed, '/visitDate') as HTMLInputElement).type, 'date', 'a filled date stays a date');
    equal(controlOf(printed, '/visitDate')!.value, '2026-11-26');
    equal((controlOf(printed, '/arrivedAt') as HTMLInputElement).type, 'text', 'an empty one is plain text');
    equal(controlOf(printed, '/arrivedAt')!.value, '');
    cleanup();
    const editable = await mount({ form: dates });
    equal((controlOf(editable, '/arrivedAt') as HTMLInputElement).type, 'datetime-local', 'while editing, the picker');
  });

  it('shows a definition problem instead of throwing', async () => {
    const broken = { ...definition, spec: { fields: [{ name: 'x', type: 'colour', label: '颜色' }] } };
    const el = await mount({ form: broken as unknown as Definition<FormSpec> });
    match(root(el).querySelector('[part="problem"]')?.textContent, /colour/);
  });
});

describe('sf-outbox-status', () => {
  afterEach(() => document.querySelectorAll('sf-outbox-status').forEach((e) => e.remove()));

  it('shows what waits and what the server refused, and retries on request', async () => {
    const outbox = createOutbox({ dbName: `status-${crypto.randomUUID()}` });
    await outbox.enqueue({ url: '/api/cases', body: {} });
    const el = document.createElement('sf-outbox-status') as SfOutboxStatus;
    el.outbox = outbox;
    el.fetchImpl = (async () =>
      new Response(JSON.stringify({ title: '数据无效', status: 422, detail: '电话号码格式不正确' }), {
        status: 422,
      })) as unknown as typeof fetch;
    document.body.append(el);
    // (waits for what it asserts, never for a fixed time: under load the outbox's reads take longer)
    await until(() => /1 项等待联网后发送/.test(el.shadowRoot?.textContent ?? ''), 'the waiting entry');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
    await until(() => /1 项发送失败/.test(el.shadowRoot!.textContent ?? ''), 'the refusal');
    match(el.shadowRoot!.textContent, /电话号码格式不正确/);
    deepEqual(
      (await outbox.list()).map((e) => e.status),
      ['failed'],
    );
  });
});
