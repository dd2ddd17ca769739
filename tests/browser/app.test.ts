import '../../ui/app/sf-app.ts';
import type { SfApp } from '../../ui/app/sf-app.ts';
import { parseRoute, routeHash } from '../../ui/app/sf-app.ts';
import { ApiClient } from '../../ui/api/client.ts';
import type { SfForm } from '../../ui/components/sf-form.ts';
import { compileForm } from '../../engine/forms/index.ts';
import type { Definition } from '../../engine/definitions/kind.ts';
import type { FormSpec } from '../../engine/forms/form-model.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import { caseSummary, caseView } from './answers.ts';
import { fakeApi, json, problem, until } from './fake-api.ts';
import { formDefinition, root, type } from './helpers.ts';

const agent = {
  username: 'hq.staff',
  name: { zh: '李客服', en: 'Li (hotline)' },
  unit: 'hq-mdd',
  roles: ['service-staff'],
};
const manager = { username: 'eq.manager', unit: 'hq-equipment', roles: ['unit-manager'] };
const administrator = { username: 'admin', unit: 'hq', roles: ['admin'], admin: true };
const startForm = compileForm(
  formDefinition(
    [{ name: 'customerName', type: 'text', label: { zh: '客户名称', en: 'Customer' }, required: true }],
    'repair-start',
  ) as unknown as Definition<FormSpec>,
).toJSON().schema;

function server(
  options: {
    user?: typeof agent | typeof manager | typeof administrator;
    loggedIn?: boolean;
    directory?: () => unknown;
  } = {},
) {
  const user = options.user ?? agent;
  let session = options.loggedIn ?? false;
  const api = fakeApi({
    ...(options.directory ? { 'GET /api/directory': options.directory } : {}),
    'GET /api/me': () => (session ? user : problem(401, 'log in first')),
    'POST /api/auth/login': (r) => {
      const body = r.body as { username: string; password: string };
      if (body.password !== 'secret') return problem(401, 'wrong username or password');
      session = true;
      return { token: 'T', user };
    },
    'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    'GET /api/users': () => [administrator],
    'GET /api/definitions': () => [
      { kind: 'Workflow', name: 'repair', version: 'v1', title: '报修' },
      { kind: 'Workflow', name: 'tender', version: 'v1', title: '招标' },
      { kind: 'Workflow', name: 'memo', version: 'v1', title: '备忘' },
      { kind: 'ServiceLine', name: 'care', version: 'v1', title: '客户服务' },
      { kind: 'Form', name: 'x', version: 'v1' },
      { kind: 'Calendar', name: 'standard', version: 'v1' },
    ],
    'GET /api/definitions/Calendar/standard': () => ({
      kind: 'Calendar',
      name: 'standard',
      spec: { timeZone: 'Asia/Shanghai' },
    }),
    'GET /api/definitions/Workflow/repair': () => ({
      kind: 'Workflow',
      name: 'repair',
      states: [],
      startForm,
      startAllow: [{ role: 'service-staff' }, { role: 'customer' }],
      serviceLine: 'care',
    }),
    'GET /api/definitions/Workflow/memo': () => ({
      kind: 'Workflow',
      name: 'memo',
      states: [],
      startForm,
      serviceLine: null,
    }),
    'GET /api/definitions/Workflow/tender': () => ({
      kind: 'Workflow',
      name: 'tender',
      states: [],
      startAllow: [{ role: 'tender-agent' }],
    }),
    'GET /api/cases': () =>
      session
        ? {
            items: [caseSummary({ id: 'c1', unit: 'hq-mdd', owner: 'hq.staff', assignee: 'hq.staff' })],
            next: null,
          }
        : problem(401, 'expired'),
    'GET /api/cases/c1': () =>
      session
        ? caseView({ id: 'c1', unit: 'hq-mdd', owner: 'hq.staff', assignee: 'hq.staff' })
        : problem(401, 'expired'),
    'POST /api/cases': (r) =>
      json(
        {
          id: 'c2',
          number: 'BX-2026-00001',
          workflow: (r.body as { workflow: string }).workflow,
          state: ['registered'],
        },
        201,
      ),
    'GET /api/cases/c2': () => caseView({ id: 'c2', unit: 'hq-mdd', owner: 'hq.staff' }),
  });
  return { api, expire: () => (session = false) };
}

async function mountApp(api: ReturnType<typeof fakeApi>) {
  const el = document.createElement('sf-app');
  el.routing = 'memory';
  el.client = new ApiClient({ fetch: api.fetch });
  document.body.append(el);
  await until(() => !el.checking, 'the session check');
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: SfApp, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const navPages = (el: SfApp) => [...el.shadowRoot!.querySelectorAll('nav a')].map((a) => a.getAttribute('data-page'));

async function login(el: SfApp, username: string, password: string) {
  const form = $<HTMLFormElement>(el, 'form[part="login"]')!;
  form.querySelector<HTMLInputElement>('input[name="username"]')!.value = username;
  form.querySelector<HTMLInputElement>('input[name="password"]')!.value = password;
  form.requestSubmit();
  await until(() => !el.busy, 'the login answer');
  await el.updateComplete;
}

describe('sf-app', () => {
  afterEach(() => {
    document.querySelectorAll('sf-app').forEach((e) => e.remove());
    localStorage.removeItem('serviceframe-locale');
  });

  it('routes by hash', () => {
    deepEqual(parseRoute('#/cases/a%2Fb'), { page: 'case', id: 'a/b' });
    deepEqual(parseRoute('#/new/repair'), { page: 'new', workflow: 'repair' });
    deepEqual(parseRoute(''), { page: 'list' });
    equal(routeHash({ page: 'case', id: 'a/b' }), '#/cases/a%2Fb');
  });

  it('logs in, refuses a wrong password, and shows navigation by role', async () => {
    const { api } = server();
    const el = await mountApp(api);
    ok($(el, 'form[part="login"]'), 'the login form');
    await login(el, 'hq.staff', 'wrong');
    match($(el, 'form[part="login"] [role="alert"]')!.textContent, /用户名或密码不正确/);
    await login(el, 'hq.staff', 'secret');
    deepEqual(
      navPages(el),
      ['list', 'new', 'records', 'ledger', 'scorecards', 'reports'],
      "staff work cases and see their scope's archives, ledger, scorecards and reports",
    );
    match($(el, '[part="user"]')!.textContent, /李客服（hq-mdd）/);
    ok($(el, 'sf-case-list'), 'the worklist');
    await until(
      () => ($(el, 'sf-case-list') as unknown as { timeZone?: string }).timeZone === 'Asia/Shanghai',
      "dates in the business calendar's time zone",
    );

    const lead = server({ user: manager, loggedIn: true });
    const other = await mountApp(lead.api);
    deepEqual(navPages(other), ['list', 'new', 'records', 'ledger', 'scorecards', 'reports'], 'unit managers too');
    const admin = await mountApp(server({ user: administrator, loggedIn: true }).api);
    ok(navPages(admin).includes('admin'), 'administrators edit the definitions');
  });

  it("asks for the worklist's first page as the login answers, and what can wait once its rows show (ui.firstWorklist)", async () => {
    const { api } = server();
    const el = await mountApp(api);
    let askedByRows: string[] | undefined;
    // captured on the way down, before the app itself hears of it
    document.addEventListener(
      'sf-list-loaded',
      () => (askedByRows ??= api.requests.map((r) => `${r.method} ${r.path}`)),
      { once: true, capture: true },
    );
    const ready = new Promise((resolve) => el.addEventListener('sf-ready', resolve, { once: true }));
    await login(el, 'hq.staff', 'secret');
    const sent = api.requests.map((r) => `${r.method} ${r.path}`);
    equal(sent[sent.indexOf('POST /api/auth/login') + 1], 'GET /api/cases', 'the first request after the login answer');
    await ready;
    ok(
      $(el, 'sf-case-list')!.shadowRoot!.querySelector('tr[data-id="c1"]'),
      'the rows are on screen when the app is ready',
    );
    equal(api.calls('/api/cases').length, 1, 'the worklist took the answer asked ahead');
    ok(askedByRows, 'the worklist said its rows are shown');
    for (const waited of ['GET /api/definitions', 'GET /api/inbox'])
      ok(!askedByRows.includes(waited), `${waited} waits for the rows`);
    await until(
      () => api.calls('/api/definitions').length && api.calls('/api/inbox').length,
      'what waited, asked after',
    );
  });

  it('gives administrators versions and users tabs beside the definitions, and nobody else', async () => {
    const { api } = server({ user: administrator, loggedIn: true });
    const el = await mountApp(api);
    el.go({ page: 'admin' });
    await el.updateComplete;
    const tabs = () =>
      [...el.shadowRoot!.querySelectorAll('[role="tab"]')].map(
        (b) => `${b.getAttribute('data-tab')}:${b.getAttribute('aria-selected')}`,
      );
    deepEqual(
      tabs(),
      ['definitions:true', 'versions:false', 'users:false'],
      'the definitions first, as #/admin always opened',
    );
    ok($(el, 'sf-definition-editor'), 'the editor');
    ok(!$(el, 'sf-users'));
    $(el, '[role="tab"][data-tab="users"]')!.click();
    await el.updateComplete;
    deepEqual(el.route, { page: 'admin', tab: 'users' });
    deepEqual(tabs(), ['definitions:false', 'versions:false', 'users:true']);
    ok($(el, 'sf-users'), 'the users');
    ok(!$(el, 'sf-definition-editor'));
    await until(() => api.calls('/api/users').length, 'the users read');
    deepEqual(parseRoute('#/admin/users'), { page: 'admin', tab: 'users' });
    equal(routeHash({ page: 'admin', tab: 'users' }), '#/admin/users');
    // the versions page (published versions, their open cases, migration)
    $(el, '[role="tab"][data-tab="versions"]')!.click();
    await el.updateComplete;
    deepEqual(el.route, { page: 'admin', tab: 'versions' });
    await until(() => $(el, 'sf-definition-versions'), 'the versions page');
    deepEqual(parseRoute('#/admin/versions'), { page: 'admin', tab: 'versions' });
    equal(routeHash({ page: 'admin', tab: 'versions' }), '#/admin/versions');

    // the server says who administers (the user's flag or an Organization role marked admin): a role
    // merely named "admin" that the server does not count opens nothing
    const notAdmin = await mountApp(server({ user: { ...administrator, admin: false }, loggedIn: true }).api);
    ok(!navPages(notAdmin).includes('admin'), 'no admin page');
  });

  it("shows a customer the portal's words: their requests, not a worklist (NORM-5)", async () => {
    const customer = { username: 'cust.zhang', name: '张先生', unit: 'br1', roles: ['customer'], customer: true };
    const el = await mountApp(server({ user: customer as unknown as typeof agent, loggedIn: true }).api);
    deepEqual(navPages(el), ['list', 'new'], 'no archives, ledger, scorecards, reports or administration');
    deepEqual(
      [...el.shadowRoot!.querySelectorAll('nav a')].map((a) => a.textContent),
      ['我的服务申请', '提交服务申请'],
    );
    // the customer by name, without the branch that serves them (the company's organisation, not theirs)
    match($(el, '[part="user"]')!.textContent!, /^\s*张先生\s/);
    ok(!/（|br1/.test($(el, '[part="user"]')!.textContent!), 'no unit');
  });

  it('switches between Chinese and English everywhere', async () => {
    const { api } = server({ loggedIn: true });
    const el = await mountApp(api);
    equal($(el, 'nav a[data-page="list"]')!.textContent, '工作列表');
    const select = $<HTMLSelectElement>(el, 'select[name="locale"]')!;
    select.value = 'en';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    equal($(el, 'nav a[data-page="list"]')!.textContent, 'Worklist');
    equal($(el, 'sf-case-list')!.getAttribute('locale'), 'en');
    equal(document.documentElement.lang, 'en');
    equal(localStorage.getItem('serviceframe-locale'), 'en', 'remembered');
    match($(el, '[part="user"]')!.textContent, /Li \(hotline\) \(hq-mdd\)/);
  });

  it("names the user's unit from the directory, and reads it again at the next login", async () => {
    let title = '市场发展部';
    const { api } = server({
      directory: () => ({
        units: [{ name: 'hq-mdd', title: { zh: title, en: 'Market development' }, parent: 'hq' }],
        people: [],
      }),
    });
    const el = await mountApp(api);
    await login(el, 'hq.staff', 'secret');
    await until(() => /李客服（市场发展部）/.test($(el, '[part="user"]')?.textContent ?? ''), 'the unit by its name');
    equal(api.calls('/api/directory').length, 1);
    // whoever logs in next on this page gets names as far as they may see them, not the last user's
    title = '市场开发部';
    await el.logout();
    await el.updateComplete;
    await login(el, 'hq.staff', 'secret');
    await until(
      () => /李客服（市场开发部）/.test($(el, '[part="user"]')?.textContent ?? ''),
      'read again after logging out',
    );
    equal(api.calls('/api/directory').length, 2);
  });

  it('opens a case from the worklist, and an expired login asks again without leaving the page', async () => {
    const { api, expire } = server({ loggedIn: true });
    const el = await mountApp(api);
    const list = $(el, 'sf-case-list')!;
    await until(() => list.shadowRoot!.querySelector('tr[data-id="c1"]'), 'the case row');
    list.shadowRoot!.querySelector<HTMLElement>('tr[data-id="c1"]')!.click();
    await el.updateComplete;
    const view = $(el, 'sf-case')!;
    equal(view.getAttribute('case-id'), 'c1');
    await until(() => view.shadowRoot!.querySelector('header'), 'the case');
    expire();
    await (view as unknown as { reload(): Promise<void> }).reload();
    await el.updateComplete;
    ok($(el, '[part="relogin"]'), 'the login form opens over the page');
    ok($(el, 'sf-case') === view, 'the case view stays where it was');
    await login(el, 'hq.staff', 'secret');
    ok(!$(el, '[part="relogin"]'), 'the overlay closes after logging in again');
  });

  it('starts a case from its workflow start form', async () => {
    const { api } = server({ loggedIn: true });
    const el = await mountApp(api);
    $(el, 'nav a[data-page="new"]')!.click();
    await el.updateComplete;
    const select = $<HTMLSelectElement>(el, 'select[name="workflow"]')!;
    await until(() => el.startable !== undefined, 'the workflows this user may start');
    await el.updateComplete;
    deepEqual(
      [...select.options].map((o) => o.value),
      ['', 'repair', 'memo'],
      'only workflows whose start rules the user may meet',
    );
    deepEqual(
      [...select.querySelectorAll('optgroup')].map((g) => [
        g.label,
        [...g.querySelectorAll('option')].map((o) => o.value),
      ]),
      [['客户服务', ['repair']]],
      'grouped by service line; a workflow of none comes last, ungrouped',
    );
    select.value = 'repair';
    select.dispatchEvent(new Event('change'));
    const form = await until(() => $<SfForm>(el, 'sf-form'), 'the start form');
    await form.updateComplete;
    await type(form, '/customerName', '华北电力');
    root(form).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => el.route.page === 'case', 'the new case');
    deepEqual(api.calls('/api/cases', 'POST')[0]!.body, { workflow: 'repair', data: { customerName: '华北电力' } });
    ok(api.calls('/api/cases', 'POST')[0]!.headers.get('idempotency-key'));
    await el.updateComplete;
    equal($(el, 'sf-case')!.getAttribute('case-id'), 'c2');
    // the notice names the case by its number, as people know it, not by its id
    match($(el, 'main [role="status"]')!.textContent, /已创建案件 BX-2026-00001/);
    ok(!$(el, 'main [role="status"]')!.textContent!.includes('c2'), 'no case id in the notice');
    // each workflow's view was read once for the page (not once per route change), and is read afresh for the next person
    for (const name of ['repair', 'memo', 'tender'])
      ok(api.calls(`/api/definitions/Workflow/${name}`).length <= 2, `${name} read at most for the list and the form`);
    equal(api.calls('/api/definitions/Workflow/tender').length, 1, 'tender read once');
    await el.logout();
    const before = api.calls('/api/definitions/Workflow/tender').length;
    const { workflowInfo } = await import('../../ui/components/workflow-info.ts');
    await workflowInfo(el.client!, 'tender', 'zh-CN');
    equal(api.calls('/api/definitions/Workflow/tender').length, before + 1, 'read again after logging out');
  });
});

describe('the menu on a phone', () => {
  it('closes when a link changes the page, not only through its own entries', async () => {
    const { api } = server({ loggedIn: true });
    history.replaceState(null, '', location.pathname);
    const el = document.createElement('sf-app');
    el.client = new ApiClient({ fetch: api.fetch });
    document.body.append(el);
    await until(() => !el.checking, 'the session check');
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'button[part~="menu-toggle"]')!.click();
    await el.updateComplete;
    equal($(el, 'button[part~="menu-toggle"]')!.getAttribute('aria-expanded'), 'true');
    // when a link elsewhere on the page (a case in the worklist) is followed
    location.hash = '#/cases/c2';
    await until(() => el.route.page === 'case', 'the case page');
    await el.updateComplete;
    // then the menu is closed
    equal($(el, 'button[part~="menu-toggle"]')!.getAttribute('aria-expanded'), 'false');
    ok(!$(el, 'header.bar')!.classList.contains('open'), 'the header is closed');
    el.remove();
    history.replaceState(null, '', location.pathname);
  });
});

describe('mayMeet', () => {
  it('checks roles and customers, and leaves unit conditions to the server', async () => {
    const { mayMeet } = await import('../../ui/app/sf-app.ts');
    const staff = { username: 's', unit: 'b1', roles: ['service-staff'], customer: false };
    const customer = { username: 'c', unit: 'b1', roles: ['customer'], customer: true };
    ok(mayMeet({ role: 'service-staff', unitType: 'branch' }, staff));
    ok(!mayMeet({ role: 'tender-agent' }, staff));
    ok(mayMeet({ role: 'customer' }, customer));
    ok(mayMeet({ customer: true }, customer));
    ok(!mayMeet({ customer: true }, staff));
    ok(!mayMeet({ unit: 'same' }, customer), 'a rule about units is for staff');
  });
});
