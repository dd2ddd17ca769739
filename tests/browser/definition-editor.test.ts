import '../../ui/components/sf-definition-editor.ts';
import { diffLines, type SfDefinitionEditor } from '../../ui/components/sf-definition-editor.ts';
import type { SfForm } from '../../ui/components/sf-form.ts';
import { ApiClient } from '../../ui/api/client.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import { fakeApi, json, problem, until } from './fake-api.ts';
import { controlOf } from './helpers.ts';
import { forbidCodeCompilation } from '../../ui/components/compile-without-eval.ts';

const FORM = `apiVersion: serviceframe/v1
kind: Form
metadata: { name: visit, title: { zh: 回访, en: Visit } }
spec:
  fields:
    - { name: customerName, type: text, label: { zh: 客户名称, en: Customer }, required: true }
    - { name: phone, type: phone, label: { zh: 电话, en: Phone } }
`;

async function mountEditor(api: ReturnType<typeof fakeApi>) {
  const el = document.createElement('sf-definition-editor') as SfDefinitionEditor;
  el.client = new ApiClient({ fetch: api.fetch });
  document.body.append(el);
  await until(() => el.shadowRoot!.querySelector('.cm-content'), 'the editor');
  await el.updateComplete;
  return el;
}

/** Replaces the editor's text the way typing does (a CodeMirror transaction). */
async function typeText(el: SfDefinitionEditor, text: string) {
  const view = (el as unknown as { view: { state: { doc: { length: number } }; dispatch(tr: unknown): void } }).view;
  const before = (el as unknown as { result: unknown }).result;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  // the editor validates after a pause in typing: wait for that validation, not for a fixed time
  await until(() => (el as unknown as { result: unknown }).result !== before, 'the validation of the typed text');
  await el.updateComplete;
}

describe('sf-definition-editor', () => {
  afterEach(() => document.querySelectorAll('sf-definition-editor').forEach((e) => e.remove()));

  it('validates as you type with PATH:LINE:COLUMN messages marked in the text, previews the form, diffs and publishes', async () => {
    const api = fakeApi({
      'GET /api/definitions/files': () => ({ seq: 1, version: 'v1', files: [{ path: 'forms/visit.yaml', text: FORM }] }),
      'POST /api/definitions': () => json({ seq: 2, version: 'v2' }, 201),
    });
    const el = await mountEditor(api);
    match(el.shadowRoot!.querySelector('[part="status"]')!.textContent, /定义全部有效/);
    // the form being edited is previewed
    const preview = await until(() => el.shadowRoot!.querySelector('[part="preview"] sf-form') as SfForm | null, 'the preview');
    await preview.updateComplete;
    ok(controlOf(preview, '/customerName'), 'the previewed form has its fields');
    // an unknown field type is reported at its line and column, and marked in the editor
    await typeText(el, FORM.replace('type: phone', 'type: colour'));
    const issue = el.shadowRoot!.querySelector('[part="issues"] li.error')!;
    match(issue.textContent, /^forms\/visit\.yaml:7:\d+: .*colour/);
    await until(() => el.shadowRoot!.querySelector('.cm-lintRange-error, .cm-lint-marker-error'), 'the mark in the text');
    ok((el.shadowRoot!.querySelector('[part="publish"]') as HTMLButtonElement).disabled, 'nothing invalid is published');
    // fixed: the difference to the published version, then publishing
    await typeText(el, FORM.replace('type: phone', 'type: mobile'));
    match(el.shadowRoot!.querySelector('[part="status"]')!.textContent, /定义全部有效/);
    match(el.shadowRoot!.querySelector('[part="diff"]')!.textContent, /- +- \{ name: phone, type: phone.*\+ +- \{ name: phone, type: mobile/s);
    (el.shadowRoot!.querySelector('[part="publish"]') as HTMLButtonElement).click();
    await until(() => el.shadowRoot!.querySelector('[part="message"]'), 'the published notice');
    match(el.shadowRoot!.querySelector('[part="message"]')!.textContent, /已发布版本 v2/);
    const sent = api.calls('/api/definitions', 'POST')[0]!.body as { files: { path: string; text: string }[] };
    equal(sent.files[0]!.path, 'forms/visit.yaml');
    match(sent.files[0]!.text, /type: mobile/);
  });

  it("marks the server's errors when it refuses to publish", async () => {
    const api = fakeApi({
      'GET /api/definitions/files': () => ({ seq: 1, version: 'v1', files: [{ path: 'forms/visit.yaml', text: FORM }] }),
      'POST /api/definitions': () => problem(422, '1 error in the definitions; nothing was published', [{ path: '/spec', message: 'forms/visit.yaml:6:7: something only the server knows', file: 'forms/visit.yaml', line: 6, column: 7 } as never]),
    });
    const el = await mountEditor(api);
    await typeText(el, FORM.replace('客户名称', '客户'));
    (el.shadowRoot!.querySelector('[part="publish"]') as HTMLButtonElement).click();
    await until(() => el.shadowRoot!.querySelector('[part="issues"] li.error'), 'the server error');
    match(el.shadowRoot!.querySelector('[part="issues"] li.error')!.textContent, /forms\/visit\.yaml:6:7: something only the server knows/);
    match(el.shadowRoot!.querySelector('[part="error"]')!.textContent, /nothing was published/);
  });

  it('checks the YAML and previews, and leaves the rest to the server, where code may not be compiled', async () => {
    forbidCodeCompilation(true);
    try {
      const api = fakeApi({ 'GET /api/definitions/files': () => ({ seq: 1, version: 'v1', files: [{ path: 'forms/visit.yaml', text: FORM }] }) });
      const el = await mountEditor(api);
      match(el.shadowRoot!.querySelector('[part="status"]')!.textContent, /YAML 语法正确/);
      const preview = await until(() => el.shadowRoot!.querySelector('[part="preview"] sf-form') as SfForm | null, 'the preview');
      await preview.updateComplete;
      ok(controlOf(preview, '/customerName'), 'the preview renders without compiled validators');
      await typeText(el, FORM.replace('fields:', 'fields: [\n'));
      match(el.shadowRoot!.querySelector('[part="issues"] li.error')!.textContent, /^forms\/visit\.yaml:\d+:\d+: /);
    } finally {
      forbidCodeCompilation(undefined);
    }
  });

  it('diffs lines', () => {
    deepEqual(diffLines('a\nb\nc', 'a\nx\nc').map((l) => l.kind + l.text), [' a', '-b', '+x', ' c']);
  });

  // covers: P-6
  it('runs the scenarios of the files as edited on the server and lists ok and FAIL per scenario', async () => {
    let sent: { files: { path: string }[] } | undefined;
    const api = fakeApi({
      'GET /api/definitions/files': () => ({ seq: 1, version: 'v1', files: [{ path: 'forms/visit.yaml', text: FORM }] }),
      'POST /api/definitions/simulate': (request: { body?: unknown }) => {
        sent = request.body as typeof sent;
        return json([{ name: 'visit-ok', ok: true }, { name: 'visit-late', ok: false, failure: 'step 3 (expect) at scenarios/late.yaml:9:7: state is due, expected done' }]);
      },
    });
    const el = await mountEditor(api);
    (el.shadowRoot!.querySelector('[part="simulate"]') as HTMLButtonElement).click();
    const results = await until(() => el.shadowRoot!.querySelector('[part="scenarios"]'), 'the scenario results');
    match(results.textContent, /通过 1 个，失败 1 个/);
    match(el.shadowRoot!.querySelector('[data-scenario="visit-late"]')!.textContent, /^FAIL visit-late: step 3 .*late\.yaml:9:7/);
    equal(sent?.files[0]?.path, 'forms/visit.yaml');
  });
});
