// covers: P-3
// The administrator's versions page in Chromium: versions with who published them, when, and their
// open cases; migrating a version's open cases with the dry run first. The server's answers here
// follow docs/migration.md; tests/e2e/editor-tour.test.ts drives the page against the real server.
import { setViewport } from '@web/test-runner-commands';
import '../../ui/components/sf-definition-versions.ts';
import type { SfDefinitionVersions } from '../../ui/components/sf-definition-versions.ts';
import type { SfCaseMigration } from '../../ui/components/sf-case-migration.ts';
import { ApiClient } from '../../ui/api/client.ts';
import type { VersionSummary } from '../../ui/api/types.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import { fakeApi, json, problem, until, type Recorded } from './fake-api.ts';

const VERSIONS: VersionSummary[] = [
  {
    seq: 1,
    version: 'aaa111',
    publishedAt: '2026-11-01T01:00:00.000Z',
    publishedBy: 'system',
    note: 'first start',
    current: false,
    firstStart: true,
    openCases: 3,
    openCasesByWorkflow: { repair: 3 },
  },
  {
    seq: 2,
    version: 'bbb222',
    publishedAt: '2026-12-01T02:30:00.000Z',
    publishedBy: 'admin',
    note: '12小时内上门',
    current: true,
    firstStart: false,
    openCases: 1,
    openCasesByWorkflow: { repair: 1 },
  },
];

const DIRECTORY = {
  units: [
    { name: 'hq', title: { zh: '总部', en: 'HQ' }, parent: null },
    { name: 'br1', title: { zh: '济南分公司', en: 'Jinan branch' }, parent: 'hq' },
  ],
  people: [
    { username: 'admin', name: '管理员', unit: 'hq' },
    { username: 'system', name: null, unit: 'hq' },
  ],
};

const workflowView = (request: Recorded) => ({
  states:
    request.query.get('version') === 'aaa111'
      ? [
          { path: 'reported', title: '已报修', type: 'atomic' },
          { path: 'waiting', title: '待派工', type: 'atomic' },
          { path: 'closed', title: '已关闭', type: 'final' },
        ]
      : [
          { path: 'reported', title: '已报修', type: 'atomic' },
          { path: 'dispatched', title: '已派工', type: 'atomic' },
          { path: 'closed', title: '已关闭', type: 'final' },
        ],
});

const plan = (dryRun: boolean) => ({
  batch: dryRun ? null : 'mig-1',
  dryRun,
  counts: {
    selected: 2,
    migrate: dryRun ? 1 : 0,
    migrated: dryRun ? 0 : 1,
    alreadyMigrated: 0,
    refused: 1,
    unchanged: 0,
    skipped: 0,
  },
  cases: [
    {
      id: 'c-1',
      number: 'BX-2026-00001',
      unit: 'br1',
      outcome: dryRun ? 'migrate' : 'migrated',
      state: { before: [{ path: 'waiting', title: '待派工' }], after: [{ path: 'dispatched', title: '已派工' }] },
      clocks: [
        {
          clock: 'repair-on-site',
          title: '24小时上门服务',
          status: 'running',
          before: { deadline: '2026-11-03T01:00:00.000Z' },
          after: { deadline: '2026-11-02T13:00:00.000Z' },
          explanation: ['按新政策重算'],
        },
      ],
      timers: { added: [{ title: '已派工：2小时后' }], removed: [] },
      dataRefusals: [],
      notes: [],
    },
    {
      id: 'c-2',
      unit: 'br1',
      outcome: 'refused',
      state: { before: [{ path: 'reported', title: '已报修' }], after: [{ path: 'reported', title: '已报修' }] },
      clocks: [],
      timers: { added: [], removed: [] },
      dataRefusals: [{ event: 'create', form: 'repair-report', path: '/phone', message: '电话格式不正确' }],
      notes: [],
    },
  ],
});

function server(options: { refuseMapping?: boolean; versions?: typeof VERSIONS } = {}) {
  return fakeApi({
    'GET /api/definitions/versions': () => options.versions ?? VERSIONS,
    'GET /api/definitions': () => [{ kind: 'Workflow', name: 'repair', version: 'bbb222', title: '售后报修' }],
    'GET /api/directory': () => DIRECTORY,
    'GET /api/definitions/Workflow/repair': workflowView,
    'POST /api/cases/migrate': (r: Recorded) => {
      const body = r.body as { dryRun?: boolean; stateMapping?: Record<string, string> };
      if (options.refuseMapping && !body.stateMapping?.['waiting']) {
        return problem(422, 'the mapping leaves open states unmapped', [
          { path: '/stateMapping/waiting', message: '状态“待派工”在新版本中不存在，须对应到一个状态' },
        ]);
      }
      return json(plan(body.dryRun === true));
    },
  });
}

async function mount(api: ReturnType<typeof fakeApi>) {
  const el = document.createElement('sf-definition-versions') as SfDefinitionVersions;
  el.client = new ApiClient({ fetch: api.fetch });
  el.timeZone = 'Asia/Shanghai';
  document.body.append(el);
  await until(() => el.shadowRoot!.querySelector('tr[data-seq="1"]'), 'the versions');
  return el;
}

const root = (el: Element) => el.shadowRoot!;

describe('sf-definition-versions', () => {
  afterEach(() => document.querySelectorAll('sf-definition-versions').forEach((e) => e.remove()));

  it('lists the versions newest first with who published them, when, the note and the open cases', async () => {
    const el = await mount(server());
    await until(
      () => root(el).querySelector('tr[data-seq="2"] td')?.textContent?.includes('管理员'),
      'the publisher by name',
    );
    const rows = [...root(el).querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()),
    );
    deepEqual(
      rows.map((r) => r[0]),
      ['版本 2 当前版本', '版本 1'],
    );
    deepEqual(rows[0]!.slice(1, 5), ['管理员', '2026/12/01 10:30', '12小时内上门', '1']);
    equal(rows[1]![4], '3');
    // the server's own first version reads as the system's, in the reader's words (not its stored English note)
    deepEqual(rows[1]!.slice(1, 4), ['系统', '2026/11/01 09:00', '首次启动时装入的定义']);
    // the current version's cases are where they should be; an older version's can be migrated
    ok(!root(el).querySelector('tr[data-seq="2"] [part="migrate"]'), 'nothing to migrate on the current version');
    match(root(el).querySelector('tr[data-seq="1"] [part="migrate"]')!.textContent, /迁移售后报修的 3 个案件/);
  });

  it('says 无说明, muted, for a version published without a note: no empty line on a phone (issue 15 audit item 3)', async () => {
    for (const width of [1280, 390]) {
      await setViewport({ width, height: 844 });
      const el = await mount(
        server({ versions: [{ ...VERSIONS[0]!, firstStart: false, publishedBy: 'admin', note: null }, VERSIONS[1]!] }),
      );
      const note = await until(() => root(el).querySelector('tr[data-seq="1"] [part="note"]'), 'the note cell');
      equal(note.textContent!.trim(), '无说明');
      ok(note.querySelector('.muted'), 'muted');
      ok(note.getBoundingClientRect().height > 0, `shown at ${width} px`);
      equal(root(el).querySelector('tr[data-seq="2"] [part="note"]')!.textContent!.trim(), '12小时内上门');
      el.remove();
    }
    await setViewport({ width: 1280, height: 900 });
  });

  it('migrates only after a dry run of the same conditions, puts a refused mapping at its state, and reads the counts again', async () => {
    const api = server({ refuseMapping: true });
    const el = await mount(api);
    (root(el).querySelector('tr[data-seq="1"] [part="migrate"]') as HTMLButtonElement).click();
    const migration = await until(
      () => root(el).querySelector('sf-case-migration') as SfCaseMigration | null,
      'the migration form',
    );
    await until(() => root(migration).querySelector('select[data-state="waiting"]'), 'the state mapping');
    const m = root(migration);
    const apply = () => m.querySelector('[part="migration-apply"]') as HTMLButtonElement;
    ok(apply().disabled, 'no migration before a dry run');
    match(m.querySelector('select[data-state="waiting"]')!.parentElement!.textContent, /待派工（新版本中没有）/);
    const reason = m.querySelector('textarea[name="reason"]') as HTMLTextAreaElement;
    reason.value = '总部要求12小时内上门';
    reason.dispatchEvent(new Event('input', { bubbles: true }));
    // a dry run without mapping the state B lacks: refused at that state's select
    (m.querySelector('[part="migration-dry-run"]') as HTMLButtonElement).click();
    const refusal = await until(
      () => m.querySelector('select[data-state="waiting"] ~ .field-error'),
      'the refusal at the state',
    );
    match(refusal.textContent, /待派工.*须对应/);
    ok(apply().disabled);
    // mapped, the dry run lists every case's change
    const select = m.querySelector('select[data-state="waiting"]') as HTMLSelectElement;
    select.value = 'dispatched';
    select.dispatchEvent(new Event('change'));
    await migration.updateComplete;
    (m.querySelector('[part="migration-dry-run"]') as HTMLButtonElement).click();
    const table = await until(() => m.querySelector('[part="migration-plan"] table'), 'the dry run');
    const dry = api.calls('/api/cases/migrate', 'POST').at(-1)!.body as Record<string, unknown>;
    deepEqual(dry, {
      workflow: 'repair',
      fromVersion: 1,
      toVersion: 2,
      filter: {},
      stateMapping: { waiting: 'dispatched' },
      reason: '总部要求12小时内上门',
      dryRun: true,
    });
    match(m.querySelector('[part="migration-counts"]')!.textContent, /选中 2 个案件：将迁移 1 个，不迁移 1 个/);
    const c1 = [...table.querySelector('tr[data-case="c-1"]')!.children].map((c) => c.textContent!.trim());
    // the case by the number people know it by, linked (issue 15: not its 21-character id); one without a number by its id
    deepEqual(c1.slice(0, 4), ['BX-2026-00001', '济南分公司', '将迁移', '待派工 → 已派工']);
    equal(table.querySelector('tr[data-case="c-1"] a')!.getAttribute('href'), '#/cases/BX-2026-00001');
    equal(table.querySelector('tr[data-case="c-2"] a')!.textContent, 'c-2');
    match(c1[4], /24小时上门服务: 2026\/11\/03 09:00 → 2026\/11\/02 21:00/);
    match(table.querySelector('tr[data-case="c-2"]')!.textContent, /不迁移.*电话格式不正确/s);
    // changing a condition asks for the dry run again
    const unit = m.querySelector('select[name="unit"]') as HTMLSelectElement;
    unit.value = 'br1';
    unit.dispatchEvent(new Event('change'));
    await migration.updateComplete;
    ok(apply().disabled, 'a dry run of other conditions does not count');
    match(m.textContent, /条件已修改，请重新试运行/);
    (m.querySelector('[part="migration-dry-run"]') as HTMLButtonElement).click();
    await until(() => !apply().disabled, 'the migration allowed after the dry run');
    match(apply().textContent, /迁移 1 个案件/);
    const readsBefore = api.calls('/api/definitions/versions').length;
    apply().click();
    await until(() => m.querySelector('[part="migration-result"]'), 'the result');
    const sent = api.calls('/api/cases/migrate', 'POST').at(-1)!.body as Record<string, unknown>;
    equal(sent['dryRun'], false);
    deepEqual(sent['filter'], { unit: 'br1' });
    match(m.querySelector('[part="migration-counts"]')!.textContent, /迁移完成：已迁移 1 个/);
    await until(() => api.calls('/api/definitions/versions').length > readsBefore, 'the counts read again');
  });

  it('offers to finish an interrupted migration', async () => {
    let resumed: unknown;
    const api = fakeApi({
      'GET /api/definitions/versions': () => VERSIONS,
      'GET /api/definitions': () => [{ kind: 'Workflow', name: 'repair', version: 'bbb222', title: '售后报修' }],
      'GET /api/directory': () => DIRECTORY,
      'GET /api/definitions/Workflow/repair': workflowView,
      'POST /api/cases/migrate': (r: Recorded) => {
        if ((r.body as { resume?: boolean }).resume) return json(((resumed = r.body), plan(false)));
        return new Response(
          JSON.stringify({
            title: 'Conflict',
            status: 409,
            detail: 'a migration batch was interrupted',
            code: 'MIGRATION_UNFINISHED',
            batch: 'mig-0',
          }),
          { status: 409, headers: { 'content-type': 'application/problem+json' } },
        );
      },
    });
    const el = await mount(api);
    (root(el).querySelector('tr[data-seq="1"] [part="migrate"]') as HTMLButtonElement).click();
    const migration = await until(
      () => root(el).querySelector('sf-case-migration') as SfCaseMigration | null,
      'the migration form',
    );
    const reason = root(migration).querySelector('textarea[name="reason"]') as HTMLTextAreaElement;
    reason.value = '重算';
    reason.dispatchEvent(new Event('input', { bubbles: true }));
    (root(migration).querySelector('[part="migration-dry-run"]') as HTMLButtonElement).click();
    const resume = await until(
      () => root(migration).querySelector('[part="migration-resume"]') as HTMLButtonElement | null,
      'the offer to finish',
    );
    match(resume.parentElement!.textContent, /上一批迁移未完成/);
    resume.click();
    await until(() => root(migration).querySelector('[part="migration-result"]'), 'the finished batch');
    deepEqual(resumed, { resume: true });
  });
});
