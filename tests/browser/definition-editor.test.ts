// covers: P-1, P-2, P-3, P-6
// The definitions editor in Chromium. The server's routes are answered in the page, but the check
// behind POST /api/definitions/validate is the engine's own validateSet — the code the server runs —
// so what the editor shows is what publishing would say. tests/e2e/editor-tour.test.ts drives the
// same editor against the real server, under its content security policy.
import '../../ui/components/sf-definition-editor.ts';
import { diffLines, type SfDefinitionEditor } from '../../ui/components/sf-definition-editor.ts';
import type { SfDefinitionFiles } from '../../ui/components/sf-definition-files.ts';
import type { SfForm } from '../../ui/components/sf-form.ts';
import { ApiClient } from '../../ui/api/client.ts';
import { formatIssue, type DefinitionIssue } from '../../engine/definitions/definition-error.ts';
import { validateSet } from '../../engine/definitions/whole-set.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import { fakeApi, json, problem, until, type Recorded } from './fake-api.ts';
import { controlOf } from './helpers.ts';
import { forbidCodeCompilation } from '../../ui/components/compile-without-eval.ts';

const ORG = `apiVersion: serviceframe/v1
kind: Organization
metadata: { name: acme, title: { zh: 示例公司, en: Acme } }
spec:
  unitTypes: [ { name: hq } ]
  roles: [ { name: staff, title: { zh: 服务人员, en: Staff } } ]
  root: { name: hq, type: hq }
`;

const FORM = `apiVersion: serviceframe/v1
kind: Form
metadata: { name: visit, title: { zh: 回访, en: Visit } }
spec:
  fields:
    - { name: customerName, type: text, label: { zh: 客户名称, en: Customer }, required: true }
    - { name: phone, type: phone, label: { zh: 电话, en: Phone } }
`;

const WORKFLOW = `apiVersion: serviceframe/v1
kind: Workflow
metadata: { name: visit, title: { zh: 客户回访, en: Customer visit } }
spec:
  startForm: visit
  start: { allow: [ { role: staff } ] }
  initial: open
  states:
    open:
      on:
        finish: { target: done, allow: [ { role: staff } ] }
    done: { type: final }
`;

const SLA = `apiVersion: serviceframe/v1
kind: SlaPolicy
metadata: { name: visit-soon, title: { zh: 12小时内回访, en: Visit within 12 hours } }
spec:
  workflows: [visit]
  start: { on: create }
  stop: [ { event: finish } ]
  target: { duration: 12h }
`;

const SET = [
  { path: 'forms/visit.yaml', text: FORM },
  { path: 'org/organization.yaml', text: ORG },
  { path: 'sla/visit-soon.yaml', text: SLA },
  { path: 'workflows/visit.yaml', text: WORKFLOW },
];

/** What the server's POST /api/definitions/validate answers: validateSet's issues as problem fields. */
function validateRoute(request: Recorded) {
  const { files } = request.body as { files: { path: string; text: string }[] };
  const fields = (list: readonly DefinitionIssue[]) =>
    list.map((i) => ({
      path: i.pointer,
      message: formatIssue(i),
      code: i.code,
      file: i.at.file,
      line: i.at.line,
      column: i.at.column,
    }));
  const issues = validateSet(files).issues;
  return json({
    errors: fields(issues.filter((i) => i.severity === 'error')),
    warnings: fields(issues.filter((i) => i.severity === 'warning')),
  });
}

const ALL_PASS = () => json([{ name: 'visit-ok', ok: true }]);

type Internals = {
  view: { state: { doc: { length: number; toString(): string } }; dispatch(tr: unknown): void };
  checking: boolean;
};
const internals = (el: SfDefinitionEditor) => el as unknown as Internals;
const root = (el: SfDefinitionEditor) => el.shadowRoot!;
const status = (el: SfDefinitionEditor) => root(el).querySelector('[part="status"]')!.textContent ?? '';
const issueTexts = (el: SfDefinitionEditor) =>
  [...root(el).querySelectorAll('[part="issues"] li')].map((li) => li.textContent ?? '');

async function mountEditor(api: ReturnType<typeof fakeApi>) {
  const el = document.createElement('sf-definition-editor') as SfDefinitionEditor;
  el.client = new ApiClient({ fetch: api.fetch });
  document.body.append(el);
  await until(() => root(el).querySelector('.cm-content'), 'the editor');
  await until(
    () => !internals(el).checking && api.calls('/api/definitions/validate', 'POST').length > 0,
    'the first check',
  );
  await el.updateComplete;
  return el;
}

/** Opens a file from the grouped list. */
async function open(el: SfDefinitionEditor, path: string) {
  const files = root(el).querySelector('sf-definition-files') as SfDefinitionFiles;
  (files.shadowRoot!.querySelector(`button[data-path="${path}"]`) as HTMLButtonElement).click();
  await until(
    () =>
      el.current === path && internals(el).view.state.doc.toString() === el.edited().find((f) => f.path === path)?.text,
    `the file ${path} in the editor`,
  );
  await el.updateComplete;
}

/** Replaces the shown file's text the way typing does (a CodeMirror transaction), then waits for the server's check of it. */
async function typeText(el: SfDefinitionEditor, api: ReturnType<typeof fakeApi>, text: string) {
  const before = api.calls('/api/definitions/validate', 'POST').length;
  internals(el).view.dispatch({ changes: { from: 0, to: internals(el).view.state.doc.length, insert: text } });
  await until(
    () => api.calls('/api/definitions/validate', 'POST').length > before && !internals(el).checking,
    'the check of the typed text',
  );
  await el.updateComplete;
}

describe('sf-definition-editor', () => {
  afterEach(() => document.querySelectorAll('sf-definition-editor').forEach((e) => e.remove()));

  it("checks as you type with publishing's validation: a duration in the wrong form is marked at its line before 发布", async () => {
    const api = fakeApi({
      'GET /api/definitions/files': () => ({ seq: 1, version: 'v1', files: SET }),
      'POST /api/definitions/validate': validateRoute,
    });
    const el = await mountEditor(api);
    match(status(el), /定义全部有效/);
    await open(el, 'sla/visit-soon.yaml');
    // 12h → 12hours: a schema error only the whole validator knows, at line 8
    await typeText(el, api, SLA.replace('12h', '12hours'));
    const issues = issueTexts(el);
    equal(issues.length, 1, issues.join('\n'));
    match(issues[0], /^sla\/visit-soon\.yaml:8:\d+: "duration" has the wrong form/);
    match(status(el), /1 处错误/);
    await until(() => root(el).querySelector('.cm-lint-marker-error'), 'the mark in the lint gutter');
    const marked = root(el).querySelector('.cm-lintRange-error')!;
    match(marked.textContent, /12hours/);
    ok((root(el).querySelector('[part="publish"]') as HTMLButtonElement).disabled, 'nothing invalid is published');
    // the file list says where the error is
    const files = root(el).querySelector('sf-definition-files') as SfDefinitionFiles;
    await files.updateComplete;
    match(files.shadowRoot!.querySelector('button[data-path="sla/visit-soon.yaml"]')!.textContent, /1 处错误/);
    // a reference to a workflow that does not exist, from the same check
    await typeText(el, api, SLA.replace('workflows: [visit]', 'workflows: [visits]'));
    match(issueTexts(el).join('\n'), /^sla\/visit-soon\.yaml:5:\d+: unknown Workflow "visits"/);
  });

  it('gives one error for an unclosed "{", at the bracket, however many files refer to the broken one', async () => {
    const api = fakeApi({
      'GET /api/definitions/files': () => ({ seq: 1, version: 'v1', files: SET }),
      'POST /api/definitions/validate': validateRoute,
    });
    const el = await mountEditor(api);
    await open(el, 'org/organization.yaml');
    await typeText(
      el,
      api,
      ORG.replace(
        'roles: [ { name: staff, title: { zh: 服务人员, en: Staff } } ]',
        'roles: [ { name: staff, title: { zh: 服务人员, en: Staff } ]',
      ),
    );
    deepEqual(
      issueTexts(el).map((t) => t.replace(/: .*/, '')),
      ['org/organization.yaml:6:12'],
    );
    match(issueTexts(el)[0], /"\{" is never closed/);
    await until(() => root(el).querySelectorAll('.cm-lint-marker-error').length === 1, 'one mark in the gutter');
  });

  it('groups the files by kind with their titles, and searches titles, names and paths', async () => {
    const api = fakeApi({
      'GET /api/definitions/files': () => ({ seq: 1, version: 'v1', files: SET }),
      'POST /api/definitions/validate': validateRoute,
    });
    const el = await mountEditor(api);
    const files = root(el).querySelector('sf-definition-files') as SfDefinitionFiles;
    await files.updateComplete;
    const groups = () =>
      [...files.shadowRoot!.querySelectorAll('details')].map(
        (d) =>
          `${d.querySelector('summary')!.textContent!.replace(/\s+/g, ' ').trim()}: ${[...d.querySelectorAll('.title')].map((t) => t.textContent).join(', ')}`,
      );
    deepEqual(groups(), [
      '流程 1 个: 客户回访',
      '表单 1 个: 回访',
      '服务时限 1 个: 12小时内回访',
      '组织机构 1 个: 示例公司',
    ]);
    const search = files.shadowRoot!.querySelector('input[type="search"]') as HTMLInputElement;
    search.value = '12小时';
    search.dispatchEvent(new Event('input'));
    await files.updateComplete;
    deepEqual(groups(), ['服务时限 1 个: 12小时内回访']);
    search.value = 'organization.yaml';
    search.dispatchEvent(new Event('input'));
    await files.updateComplete;
    deepEqual(groups(), ['组织机构 1 个: 示例公司']);
    search.value = 'nothing-like-this';
    search.dispatchEvent(new Event('input'));
    await files.updateComplete;
    match(files.shadowRoot!.querySelector('[role="status"]')!.textContent, /没有匹配的文件/);
    // in English, the kinds' and the files' English titles
    el.locale = 'en';
    files.locale = 'en';
    search.value = '';
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;
    await files.updateComplete;
    match(groups().join('\n'), /Workflows 1: Customer visit/);
  });

  it('previews the form, diffs, runs the scenarios and publishes without asking when they pass', async () => {
    const api = fakeApi({
      'GET /api/definitions/files': () => ({ seq: 1, version: 'v1', files: SET }),
      'POST /api/definitions/validate': validateRoute,
      'POST /api/definitions/simulate': ALL_PASS,
      'POST /api/definitions': () => json({ seq: 2, version: 'v2' }, 201),
    });
    const el = await mountEditor(api);
    el.confirmPublish = async () => {
      throw new Error('asked although every scenario passed');
    };
    const preview = await until(
      () => root(el).querySelector('[part="preview"] sf-form') as SfForm | null,
      'the preview',
    );
    await preview.updateComplete;
    ok(controlOf(preview, '/customerName'), 'the previewed form has its fields');
    await typeText(el, api, FORM.replace('type: phone', 'type: mobile'));
    match(
      root(el).querySelector('[part="diff"]')!.textContent,
      /- +- \{ name: phone, type: phone.*\+ +- \{ name: phone, type: mobile/s,
    );
    // why the version changes, typed beside 发布, goes with it: the versions page shows it (issue 15, not 无说明)
    const note = root(el).querySelector<HTMLInputElement>('input[part="note"]')!;
    equal(note.closest('label')!.textContent!.trim(), '版本说明');
    note.value = '  电话改为手机号  ';
    note.dispatchEvent(new Event('input'));
    (root(el).querySelector('[part="publish"]') as HTMLButtonElement).click();
    await until(() => root(el).querySelector('[part="message"]')?.textContent?.includes('v2'), 'the published notice');
    match(root(el).querySelector('[part="message"]')!.textContent, /已发布版本 v2/);
    equal(api.calls('/api/definitions/simulate', 'POST').length, 1, 'the scenarios ran before publishing');
    const sent = api.calls('/api/definitions', 'POST')[0]!.body as {
      files: { path: string; text: string }[];
      note?: string;
    };
    match(sent.files.find((f) => f.path === 'forms/visit.yaml')!.text, /type: mobile/);
    equal(sent.note, '电话改为手机号');
    await el.updateComplete;
    equal(note.value, '', 'the next version gets its own note');
  });

  it('asks before publishing when a scenario fails, and publishes nothing when told not to', async () => {
    const api = fakeApi({
      'GET /api/definitions/files': () => ({ seq: 1, version: 'v1', files: SET }),
      'POST /api/definitions/validate': validateRoute,
      'POST /api/definitions/simulate': () =>
        json([
          { name: 'visit-ok', ok: true },
          {
            name: 'visit-late',
            ok: false,
            failure: 'step 3 (expect) at scenarios/late.yaml:9:7: state is due, expected done',
          },
        ]),
      'POST /api/definitions': () => json({ seq: 2, version: 'v2' }, 201),
    });
    const el = await mountEditor(api);
    await typeText(el, api, FORM.replace('客户名称', '客户'));
    (root(el).querySelector('[part="publish"]') as HTMLButtonElement).click();
    const dialog = await until(() => root(el).querySelector('dialog[open]'), 'the question');
    match(dialog.textContent, /1 个场景测试失败：visit-late（原因见场景测试结果）/);
    (dialog.querySelector('[part="confirm-cancel"]') as HTMLButtonElement).click();
    await until(() => !root(el).querySelector('dialog'), 'the question closed');
    equal(api.calls('/api/definitions', 'POST').length, 0, 'nothing published');
    // asked again (the scenarios already ran on this text), and this time published
    (root(el).querySelector('[part="publish"]') as HTMLButtonElement).click();
    const again = await until(() => root(el).querySelector('dialog[open]'), 'the question again');
    (again.querySelector('[part="confirm-publish"]') as HTMLButtonElement).click();
    await until(() => api.calls('/api/definitions', 'POST').length === 1, 'the publication');
    equal(api.calls('/api/definitions/simulate', 'POST').length, 1, 'the scenarios of an unchanged text ran once');
  });

  it("marks the server's errors when it refuses to publish", async () => {
    const api = fakeApi({
      'GET /api/definitions/files': () => ({ seq: 1, version: 'v1', files: SET }),
      'POST /api/definitions/validate': validateRoute,
      'POST /api/definitions/simulate': ALL_PASS,
      'POST /api/definitions': () =>
        problem(422, '1 error in the definitions; nothing was published', [
          {
            path: '/spec',
            message: 'forms/visit.yaml:6:7: something only the server knows',
            file: 'forms/visit.yaml',
            line: 6,
            column: 7,
          } as never,
        ]),
    });
    const el = await mountEditor(api);
    await typeText(el, api, FORM.replace('客户名称', '客户'));
    (root(el).querySelector('[part="publish"]') as HTMLButtonElement).click();
    await until(() => root(el).querySelector('[part="issues"] li.error'), 'the server error');
    match(
      root(el).querySelector('[part="issues"] li.error')!.textContent,
      /forms\/visit\.yaml:6:7: something only the server knows/,
    );
    match(root(el).querySelector('[part="error"]')!.textContent, /nothing was published/);
  });

  it('says when the server cannot check, and keeps what was typed', async () => {
    let down = false;
    const api = fakeApi({
      'GET /api/definitions/files': () => ({ seq: 1, version: 'v1', files: SET }),
      'POST /api/definitions/validate': (r: Recorded) =>
        down ? problem(503 as 422, 'the server is restarting') : validateRoute(r),
    });
    const el = await mountEditor(api);
    down = true;
    await typeText(el, api, FORM.replace('客户名称', '客户姓名'));
    match(root(el).querySelector('[part="check-error"]')!.textContent, /暂时无法检查.*已输入的内容不会丢失/);
    match(internals(el).view.state.doc.toString(), /客户姓名/);
    down = false;
    await typeText(el, api, FORM.replace('客户名称', '客户全名'));
    ok(!root(el).querySelector('[part="check-error"]'), 'the notice goes once a check succeeds');
  });

  it('without a server, checks the YAML in a page that may not compile code', async () => {
    forbidCodeCompilation(true);
    try {
      const el = document.createElement('sf-definition-editor') as SfDefinitionEditor;
      el.files = [{ path: 'forms/visit.yaml', text: FORM }];
      document.body.append(el);
      await until(() => root(el).querySelector('.cm-content'), 'the editor');
      await el.updateComplete;
      match(status(el), /YAML 语法正确/);
      const preview = await until(
        () => root(el).querySelector('[part="preview"] sf-form') as SfForm | null,
        'the preview',
      );
      await preview.updateComplete;
      ok(controlOf(preview, '/customerName'), 'the preview renders without compiled validators');
      internals(el).view.dispatch({
        changes: { from: 0, to: internals(el).view.state.doc.length, insert: FORM.replace('fields:', 'fields: [\n') },
      });
      await until(() => root(el).querySelector('[part="issues"] li.error'), 'the syntax error');
      match(root(el).querySelector('[part="issues"] li.error')!.textContent, /^forms\/visit\.yaml:\d+:\d+: /);
    } finally {
      forbidCodeCompilation(undefined);
    }
  });

  it('diffs lines', () => {
    deepEqual(
      diffLines('a\nb\nc', 'a\nx\nc').map((l) => l.kind + l.text),
      [' a', '-b', '+x', ' c'],
    );
  });

  it('runs the scenarios of the files as edited on the server and lists ok and FAIL per scenario', async () => {
    let sent: { files: { path: string }[] } | undefined;
    const api = fakeApi({
      'GET /api/definitions/files': () => ({ seq: 1, version: 'v1', files: SET }),
      'POST /api/definitions/validate': validateRoute,
      'POST /api/definitions/simulate': (request: { body?: unknown }) => {
        sent = request.body as typeof sent;
        return json([
          { name: 'visit-ok', ok: true },
          {
            name: 'visit-late',
            ok: false,
            failure: 'step 3 (expect) at scenarios/late.yaml:9:7: state is due, expected done',
          },
        ]);
      },
    });
    const el = await mountEditor(api);
    (root(el).querySelector('[part="simulate"]') as HTMLButtonElement).click();
    const results = await until(() => root(el).querySelector('[part="scenarios"]'), 'the scenario results');
    match(results.textContent, /通过 1 个，失败 1 个/);
    match(
      root(el).querySelector('[data-scenario="visit-late"]')!.textContent,
      /^未通过 visit-late：step 3 .*late\.yaml:9:7/,
    );
    deepEqual(
      sent?.files.map((f) => f.path),
      SET.map((f) => f.path),
    );
  });

  it("names each scenario by its title and says a failure in the reader's words, as the server said it (issue 15)", async () => {
    const api = fakeApi({
      'GET /api/definitions/files': () => ({ seq: 1, version: 'v1', files: SET }),
      'POST /api/definitions/validate': validateRoute,
      'POST /api/definitions/simulate': () =>
        json([
          { name: 'visit-ok', title: { zh: '按时回访', en: 'Visit on time' }, ok: true, steps: 4 },
          {
            name: 'repair-24-hours',
            title: { zh: '报修24小时内上门', en: 'Repair on site within 24 hours' },
            ok: false,
            failure: 'step 3 (expect) at scenarios/repair-24-hours.yaml:15:7: deadline of repair-on-site is …',
            message:
              '第 3 步（检查结果，scenarios/repair-24-hours.yaml:15:7）：时限「24小时上门服务」的截止时间是 2026/09/15 05:00，应为 2026/09/15 17:00',
            steps: 2,
          },
        ]),
    });
    const el = await mountEditor(api);
    (root(el).querySelector('[part="simulate"]') as HTMLButtonElement).click();
    await until(() => root(el).querySelector('[part="scenarios"]'), 'the scenario results');
    equal(
      root(el).querySelector('[data-scenario="repair-24-hours"]')!.textContent,
      '未通过 报修24小时内上门：第 3 步（检查结果，scenarios/repair-24-hours.yaml:15:7）：时限「24小时上门服务」的截止时间是 2026/09/15 05:00，应为 2026/09/15 17:00',
    );
    match(root(el).querySelector('[data-scenario="visit-ok"]')!.textContent, /通过 按时回访/);
  });
});

/** A small impact report of the shape docs/impact.md gives: two repairs of one branch breach under the candidate. */
function impactReport(): unknown {
  const unitTitle = { zh: '济南分公司', en: 'Jinan branch' };
  const workflowTitle = { zh: '客户回访', en: 'Customer visit' };
  const clockTitle = { zh: '12小时内回访', en: 'Visit within 12 hours' };
  const move = (caseId: string) => ({
    caseId,
    clock: 'visit-soon',
    clockTitle,
    before: '2026-11-03T01:00:00.000Z',
    after: '2026-11-02T13:00:00.000Z',
    deltaMs: -43_200_000,
  });
  return {
    from: '2026-10-31T16:00:00.000Z',
    to: '2026-11-30T16:00:00.000Z',
    until: '2026-11-30T16:00:00.000Z',
    candidateVersion: 'abc123',
    cases: 2,
    events: 4,
    empty: false,
    summary: {
      deadlinesEarlier: 2,
      deadlinesLater: 0,
      breachesGained: 2,
      breachesLost: 0,
      notificationsChanged: 0,
      pointsGained: 0,
      pointsLost: 4,
      refused: 1,
      endStates: 0,
    },
    groups: [
      {
        unit: 'b1',
        unitTitle,
        workflow: 'visit',
        workflowTitle,
        cases: 2,
        deadlines: { earlier: [move('c-1'), move('c-2')], later: [] },
        breaches: {
          gained: [
            { caseId: 'c-1', clock: 'visit-soon', clockTitle, deadline: '2026-11-02T13:00:00.000Z' },
            { caseId: 'c-2', clock: 'visit-soon', clockTitle, deadline: '2026-11-02T13:00:00.000Z' },
          ],
          lost: [],
        },
        notifications: { added: [], removed: [], moved: [] },
      },
    ],
    scorecards: [
      {
        unit: 'b1',
        unitTitle,
        scorecard: 'service',
        scorecardTitle: { zh: '服务考核', en: 'Service' },
        months: [{ period: '2026-11', before: 100, after: 96 }],
        categories: [
          {
            category: 'timeliness',
            title: { zh: '及时性', en: 'Timeliness' },
            before: 0,
            after: -4,
            delta: -4,
            gained: [],
            lost: [
              {
                caseId: 'c-1',
                rule: 'late',
                ruleTitle: { zh: '未按时回访', en: 'Late visit' },
                fact: 'late',
                at: '2026-11-02T13:00:00.000Z',
                points: -2,
                reason: 'late',
              },
              {
                caseId: 'c-2',
                rule: 'late',
                ruleTitle: { zh: '未按时回访', en: 'Late visit' },
                fact: 'late',
                at: '2026-11-02T13:00:00.000Z',
                points: -2,
                reason: 'late',
              },
            ],
          },
        ],
      },
    ],
    refused: [
      {
        caseId: 'c-2',
        unit: 'b1',
        unitTitle,
        workflow: 'visit',
        workflowTitle,
        seq: 2,
        type: 'finish',
        title: { zh: '完成', en: 'Finish' },
        actor: 'b1.staff',
        actorName: '戚客服',
        at: '2026-11-02T14:00:00.000Z',
        kind: 'role',
        code: 'FORBIDDEN',
        reason: 'b1.staff may not send "finish"',
        reasonTitle: { zh: '戚客服 无权对这个案件「完成」', en: '戚客服 may not send "finish" on this case' },
        errors: [],
        alsoBefore: false,
        followsRefusal: false,
      },
    ],
    endStates: [],
    caseNumbers: { 'c-2': 'HF-2026-0002' },
  };
}

describe('sf-definition-editor: the 影响 tab', () => {
  afterEach(() => document.querySelectorAll('sf-definition-editor').forEach((e) => e.remove()));

  // covers: P-3, P-6
  it('replays the edited set with progress, shows the report, and the question before publishing names what it loses', async () => {
    let polls = 0;
    const api = fakeApi({
      'GET /api/definitions/files': () => ({ seq: 1, version: 'v1', files: SET }),
      'POST /api/definitions/validate': validateRoute,
      'POST /api/definitions/impact': () =>
        json(
          {
            id: 'imp-1',
            status: 'running',
            from: '2026-11-01',
            to: '2026-11-30',
            progress: { phase: 'before', done: 0, total: 8 },
          },
          202,
        ),
      'GET /api/definitions/impact/imp-1': () =>
        ++polls < 3
          ? {
              id: 'imp-1',
              status: 'running',
              from: '2026-11-01',
              to: '2026-11-30',
              progress: { phase: 'after', done: 5, total: 8 },
            }
          : { id: 'imp-1', status: 'done', from: '2026-11-01', to: '2026-11-30', report: impactReport() },
      'POST /api/definitions/simulate': ALL_PASS,
      'POST /api/definitions': () => json({ seq: 2, version: 'v2' }, 201),
    });
    const el = await mountEditor(api);
    el.timeZone = 'Asia/Shanghai';
    await typeText(el, api, FORM.replace('客户名称', '客户'));
    (root(el).querySelector('[data-tab="impact"]') as HTMLButtonElement).click();
    await el.updateComplete;
    const impact = root(el).querySelector('sf-definition-impact')!;
    ok(
      !impact.hidden && (root(el).querySelector('#editor-panel-edit') as HTMLElement).hidden,
      'the impact tab is shown instead of the files',
    );
    const from = impact.shadowRoot!.querySelector('input[name="from"]') as HTMLInputElement;
    from.value = '2026-11-01';
    from.dispatchEvent(new Event('input'));
    const to = impact.shadowRoot!.querySelector('input[name="to"]') as HTMLInputElement;
    to.value = '2026-11-30';
    to.dispatchEvent(new Event('input'));
    (impact.shadowRoot!.querySelector('[part="impact-run"]') as HTMLButtonElement).click();
    // the progress while it runs
    const progress = await until(
      () => impact.shadowRoot!.querySelector('[part="impact-progress"] progress') as HTMLProgressElement | null,
      'the progress',
    );
    await until(() => progress.value === 5 && progress.max === 8, 'the progress of the second pass');
    match(impact.shadowRoot!.querySelector('[part="impact-progress"]')!.textContent, /按修改后的定义重放 · 5\/8/);
    const sent = api.calls('/api/definitions/impact', 'POST')[0]!.body as {
      files: { path: string; text: string }[];
      from: string;
      to: string;
    };
    deepEqual([sent.from, sent.to], ['2026-11-01', '2026-11-30']);
    match(sent.files.find((f) => f.path === 'forms/visit.yaml')!.text, /label: \{ zh: 客户, /);
    // then the report, titles not ids
    const report = await until(() => impact.shadowRoot!.querySelector('[part="impact-report"]'), 'the report');
    match(report.textContent, /影响报告：2026-11-01 至 2026-11-30，按修改后的定义/);
    // the candidate's content hash is the command line's word for it, not a heading an administrator reads (issue 15)
    equal(/候选版本|[0-9a-f]{12}/.test(report.querySelector('h3')!.textContent!), false);
    const row = report.querySelector('tr[data-unit="b1"]')!;
    deepEqual(
      [...row.children].map((c) => c.textContent!.trim()),
      ['济南分公司 · 客户回访', '2', '2', '0', '2', '0', '0'],
    );
    match(report.querySelector('[part="impact-points"]')!.textContent, /及时性：0 → -4（-4）/);
    match(report.querySelector('[part="impact-refused"]')!.textContent, /客户回访 · 完成 \(戚客服\): 角色不允许/);
    // the reason in the reader's words, the case by its number (a case without one by its id)
    match(report.querySelector('[part="impact-refused"]')!.textContent, /— 戚客服 无权对这个案件「完成」/);
    equal(report.querySelector('[part="impact-refused"] a')!.textContent, 'HF-2026-0002');
    ok(!report.querySelector('[part="impact-refused"]')!.textContent!.includes('may not send'), 'no English reason');
    ok(!report.textContent!.includes('visit-soon'), 'clock titles, not their names');
    // publishing asks, naming what the impact loses
    (root(el).querySelector('[part="publish"]') as HTMLButtonElement).click();
    const dialog = await until(() => root(el).querySelector('dialog[open]'), 'the question');
    match(dialog.textContent, /影响评估：新增超时 2 个/);
    match(dialog.textContent, /影响评估：少得 4 分/);
    match(dialog.textContent, /影响评估：1 个已记录的事件会被拒绝/);
    (dialog.querySelector('[part="confirm-cancel"]') as HTMLButtonElement).click();
    await until(() => !root(el).querySelector('dialog'), 'the question closed');
    equal(api.calls('/api/definitions', 'POST').length, 0, 'nothing published');
    // a change after the assessment: the report is marked as about the earlier text, and no longer asked about
    (root(el).querySelector('[data-tab="edit"]') as HTMLButtonElement).click();
    await el.updateComplete;
    await typeText(el, api, FORM.replace('客户名称', '客户姓名'));
    await impact.updateComplete;
    ok(impact.shadowRoot!.querySelector('[part="impact-stale"]'), 'the report says it is about an earlier text');
    el.confirmPublish = async () => {
      throw new Error('asked about an assessment of another text');
    };
    (root(el).querySelector('[part="publish"]') as HTMLButtonElement).click();
    await until(() => api.calls('/api/definitions', 'POST').length === 1, 'published without asking');
  });

  it('cancels a running replay, and says when the period has no cases', async () => {
    let runs = 0;
    const api = fakeApi({
      'GET /api/definitions/files': () => ({ seq: 1, version: 'v1', files: SET }),
      'POST /api/definitions/validate': validateRoute,
      'POST /api/definitions/impact': () =>
        json(
          {
            id: `imp-${++runs}`,
            status: 'running',
            from: '2026-11-01',
            to: '2026-11-30',
            progress: { phase: 'before', done: 0, total: 100 },
          },
          202,
        ),
      'GET /api/definitions/impact/imp-1': () => ({
        id: 'imp-1',
        status: 'running',
        from: '2026-11-01',
        to: '2026-11-30',
        progress: { phase: 'before', done: 10, total: 100 },
      }),
      'DELETE /api/definitions/impact/imp-1': () => ({
        id: 'imp-1',
        status: 'cancelled',
        from: '2026-11-01',
        to: '2026-11-30',
      }),
      'GET /api/definitions/impact/imp-2': () => ({
        id: 'imp-2',
        status: 'done',
        from: '2026-11-01',
        to: '2026-11-30',
        report: {
          ...(impactReport() as object),
          cases: 0,
          events: 0,
          empty: true,
          groups: [],
          scorecards: [],
          refused: [],
          endStates: [],
        },
      }),
    });
    const el = await mountEditor(api);
    (root(el).querySelector('[data-tab="impact"]') as HTMLButtonElement).click();
    await el.updateComplete;
    const impact = root(el).querySelector('sf-definition-impact')!;
    (impact.shadowRoot!.querySelector('[part="impact-run"]') as HTMLButtonElement).click();
    const cancel = await until(
      () => impact.shadowRoot!.querySelector('[part="impact-cancel"]') as HTMLButtonElement | null,
      'the cancel button',
    );
    cancel.click();
    await until(() => impact.shadowRoot!.textContent!.includes('评估已取消'), 'the cancelled notice');
    equal(api.calls('/api/definitions/impact/imp-1', 'DELETE').length, 1);
    ok(!impact.shadowRoot!.querySelector('[part="impact-progress"]'), 'no progress once cancelled');
    (impact.shadowRoot!.querySelector('[part="impact-run"]') as HTMLButtonElement).click();
    const empty = await until(() => impact.shadowRoot!.querySelector('[part="impact-empty"]'), 'the empty report');
    match(empty.textContent, /这段时间没有案件/);
  });
});
