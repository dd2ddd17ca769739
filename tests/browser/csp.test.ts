import { canCompileCode, forbidCodeCompilation } from '../../ui/components/compile-without-eval.ts';
import { resolveForm } from '../../ui/components/resolve-form.ts';
import { compileForm } from '../../engine/forms/index.ts';
import type { Definition } from '../../engine/definitions/kind.ts';
import type { FormSpec } from '../../engine/forms/form-model.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import { until } from './fake-api.ts';
import { cleanup, controlOf, errorOf, mount, submit, type } from './helpers.ts';

const definition = () =>
  ({
    apiVersion: 'serviceframe/v1',
    kind: 'Form',
    metadata: { name: 'csp-probe' },
    spec: {
      fields: [
        { name: 'customerName', type: 'text', label: { zh: '客户名称', en: 'Customer' }, required: true, maxLength: 5 },
        { name: 'taxNumber', type: 'uscc', label: { zh: '税号', en: 'Tax number' } },
        { name: 'visitFee', type: 'money', label: { zh: '上门费', en: 'Visit fee' } },
        { name: 'total', type: 'money', label: { zh: '合计', en: 'Total' }, compute: 'visitFee * 2' },
      ],
    },
  }) as unknown as Definition<FormSpec>;

describe('forms under a content security policy without unsafe-eval', () => {
  afterEach(() => {
    forbidCodeCompilation(undefined);
    cleanup();
    document.querySelectorAll('iframe').forEach((f) => f.remove());
  });

  it("render and check everything without compiling code, with the engine's messages", async () => {
    forbidCodeCompilation(true);
    const def = definition();
    const el = await mount({ form: def });
    ok(controlOf(el, '/customerName'), 'the form renders');
    equal(await submit(el), undefined);
    const engine = compileForm(definition()).validate({}, { locale: 'zh-CN' });
    ok(!engine.ok);
    equal(
      errorOf(el, '/customerName'),
      engine.errors.find((e) => e.path === '/customerName')!.message,
      "the engine's required message",
    );
    await type(el, '/taxNumber', '91350100M000100Y44');
    await submit(el);
    match(errorOf(el, '/taxNumber'), /./, 'the checksum is checked');
    await type(el, '/visitFee', '12.5');
    equal(controlOf(el, '/total')!.value, '25.00', 'computed values');
    // what only the JSON Schema says (a length) is checked too, at the field, as the engine words it
    await type(el, '/taxNumber', '');
    await type(el, '/customerName', '华北电力物资公司');
    equal(await submit(el), undefined, 'nothing is sent');
    const tooLong = compileForm(definition()).validate({ customerName: '华北电力物资公司' }, { locale: 'zh-CN' });
    ok(!tooLong.ok);
    equal(
      errorOf(el, '/customerName'),
      tooLong.errors.find((e) => e.path === '/customerName')!.message,
      "the engine's length message",
    );
    equal((controlOf(el, '/customerName') as HTMLInputElement).value, '华北电力物资公司', 'what was typed stays');
    await type(el, '/customerName', '华北电力');
    const sent = await submit(el);
    deepEqual(sent?.data, { customerName: '华北电力', visitFee: 12.5, total: 25 });
  });

  it('detects the policy in a real page', async () => {
    ok(canCompileCode(), 'the test page itself allows it');
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><meta http-equiv="Content-Security-Policy" content="script-src 'self'">
      <script type="module" src="/ui/index.ts"></script>
      <script type="module" src="/tests/browser/csp-probe.ts"></script>`;
    document.body.append(frame);
    const win = () => frame.contentWindow as (Window & { cspProbe?: { canCompile: boolean; fields: number } }) | null;
    const probe = await until(() => win()?.cspProbe, 'the probe in the framed page', 8000);
    equal(probe.canCompile, false, 'new Function is refused there');
    ok(probe.fields >= 2, 'and the form still renders');
    void resolveForm;
  });
});
