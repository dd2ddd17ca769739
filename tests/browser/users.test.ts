import '../../ui/index.ts';
import { ApiClient } from '../../ui/api/client.ts';
import type { SfUsers } from '../../ui/components/sf-users.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import { fakeApi, json, problem, until } from './fake-api.ts';

const directory = {
  units: [
    { name: 'hq', title: { zh: '集团公司总部', en: 'Headquarters' }, parent: null },
    { name: 'br1', title: { zh: '一分公司', en: 'Branch 1' }, parent: 'hq' },
  ],
  people: [],
};
const organization = {
  kind: 'Organization',
  name: 'group',
  spec: {
    roles: [
      { name: 'service-staff', title: { zh: '服务人员', en: 'Service staff' } },
      { name: 'repair-technician', title: { zh: '维修人员', en: 'Repair technician' } },
      { name: 'unit-manager', title: { zh: '单位经理', en: 'Unit manager' } },
    ],
  },
};
const seed = () => [
  {
    username: 'br1.tech',
    name: { zh: '谢师傅', en: 'Master Xie' },
    unit: 'br1',
    roles: ['repair-technician'],
    admin: false,
    email: 'xie@example.com',
    mobile: '13800000002',
    locale: null,
    disabled: false,
  },
  {
    username: 'br1.old',
    name: '老周',
    unit: 'br1',
    roles: ['service-staff', 'unit-manager'],
    admin: false,
    email: null,
    mobile: null,
    locale: null,
    disabled: true,
  },
];

function server(answers: { create?: () => Response; patch?: () => Response | undefined } = {}) {
  let users = seed();
  const api = fakeApi({
    'GET /api/directory': () => directory,
    'GET /api/definitions': () => [
      { kind: 'Workflow', name: 'repair', version: 'v1' },
      { kind: 'Organization', name: 'group', version: 'v1' },
    ],
    'GET /api/definitions/Organization/group': () => organization,
    'GET /api/users': () => users,
    'POST /api/users': (r) => {
      if (answers.create) return answers.create();
      const body = r.body as { username: string; unit: string; roles: string[] };
      users = [
        ...users,
        {
          username: body.username,
          name: null as unknown as string,
          unit: body.unit,
          roles: body.roles,
          admin: false,
          email: null,
          mobile: null,
          locale: null,
          disabled: false,
        },
      ];
      return json(users.at(-1), 201);
    },
    'PATCH /api/users/br1.tech': (r) => {
      const refused = answers.patch?.();
      if (refused) return refused;
      users = users.map((u) => (u.username === 'br1.tech' ? { ...u, ...(r.body as object) } : u));
      return users[0];
    },
  });
  return api;
}

async function mount(api: ReturnType<typeof fakeApi>, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const el = document.createElement('sf-users');
  el.locale = locale;
  el.client = new ApiClient({ fetch: api.fetch });
  document.body.append(el);
  await until(
    () =>
      el.shadowRoot
        ?.querySelector('tr[data-username="br1.tech"] td:nth-child(4)')
        ?.textContent?.includes(locale === 'en' ? 'Repair technician' : '维修人员'),
    'users with their role titles',
  );
  await until(() => !/^br1$/.test(cell(el, 'br1.tech', 3)), 'units by name');
  return el;
}

const $ = <T extends Element = HTMLElement>(el: SfUsers, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const cell = (el: SfUsers, username: string, column: number) =>
  $(el, `tr[data-username="${username}"] td:nth-child(${column})`)?.textContent?.trim() ?? '';
const fieldError = (el: SfUsers, form: 'new' | 'edit', field: string) =>
  $(el, `[part="${form}"] [data-field="${field}"] .error`)?.textContent?.trim() ?? '';

async function typeInto(el: SfUsers, form: 'new' | 'edit', field: string, value: string) {
  const input = $<HTMLInputElement>(el, `[part="${form}"] [data-field="${field}"] input`)!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function chooseUnit(el: SfUsers, form: 'new' | 'edit', unit: string) {
  const select = $<HTMLSelectElement>(el, `[part="${form}"] select[name="unit"]`)!;
  select.value = unit;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function toggleRole(el: SfUsers, form: 'new' | 'edit', title: string) {
  const label = [...el.shadowRoot!.querySelectorAll(`[part="${form}"] label.choice`)].find(
    (l) => l.textContent?.trim() === title,
  );
  ok(label, `a checkbox "${title}"`);
  label.querySelector('input')!.click();
  await el.updateComplete;
}

async function fillNew(el: SfUsers) {
  await typeInto(el, 'new', 'username', 'br1.new');
  await typeInto(el, 'new', 'password', 'long-enough-pass');
  await typeInto(el, 'new', 'name', '王小二');
  await chooseUnit(el, 'new', 'br1');
  await toggleRole(el, 'new', '维修人员');
  await typeInto(el, 'new', 'mobile', '13900000000');
}

const submitNew = (el: SfUsers) => $<HTMLFormElement>(el, '[part="new"] form')!.requestSubmit();
const value = (el: SfUsers, form: 'new' | 'edit', field: string) =>
  $<HTMLInputElement | HTMLSelectElement>(
    el,
    `[part="${form}"] [data-field="${field}"] input, [part="${form}"] [data-field="${field}"] select`,
  )!.value;

describe('sf-users', () => {
  afterEach(() => document.querySelectorAll('sf-users').forEach((e) => e.remove()));

  it('lists users by name, with units by name and roles by title, marking the disabled; the filter finds by unit name', async () => {
    const el = await mount(server());
    equal(cell(el, 'br1.tech', 1), '谢师傅');
    equal(cell(el, 'br1.tech', 2), 'br1.tech');
    equal(cell(el, 'br1.tech', 3), '一分公司');
    equal(cell(el, 'br1.tech', 5), 'xie@example.com');
    equal(cell(el, 'br1.tech', 6), '13800000002');
    equal(cell(el, 'br1.old', 4), '服务人员、单位经理');
    equal($(el, 'tr[data-username="br1.old"] [part="disabled"]')?.textContent, '已停用');
    ok(!$(el, 'tr[data-username="br1.tech"] [part="disabled"]'), 'an active user is not marked');
    const filter = $<HTMLInputElement>(el, 'input[name="q"]')!;
    filter.value = '老周';
    filter.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    deepEqual(
      [...el.shadowRoot!.querySelectorAll('tr[data-username]')].map((r) => r.getAttribute('data-username')),
      ['br1.old'],
    );
    filter.value = '一分';
    filter.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    equal(el.shadowRoot!.querySelectorAll('tr[data-username]').length, 2, 'both are in 一分公司');
    equal($<HTMLInputElement>(el, '[part="new"] input[name="password"]')!.type, 'password');
    equal(
      $<HTMLInputElement>(el, '[part="new"] input[name="password"]')!.minLength,
      12,
      'the minimum the server accepts',
    );
  });

  it('in English too', async () => {
    const el = await mount(server(), 'en');
    equal(cell(el, 'br1.tech', 1), 'Master Xie');
    equal(cell(el, 'br1.tech', 3), 'Branch 1');
    equal(cell(el, 'br1.old', 4), 'Service staff, Unit manager');
    equal($(el, 'tr[data-username="br1.old"] [part="disabled"]')?.textContent, 'Disabled');
  });

  it('creates a user with exactly what was typed, says so, clears the form and reloads the list', async () => {
    const api = server();
    const el = await mount(api);
    await fillNew(el);
    const reads = api.calls('/api/users').length;
    submitNew(el);
    await until(
      () => api.calls('/api/users', 'POST').length === 1 && $(el, 'tr[data-username="br1.new"]'),
      'the new user in the list',
    );
    deepEqual(api.calls('/api/users', 'POST')[0]!.body, {
      username: 'br1.new',
      password: 'long-enough-pass',
      name: '王小二',
      unit: 'br1',
      roles: ['repair-technician'],
      mobile: '13900000000',
    });
    equal(api.calls('/api/users').length, reads + 1, 'the list is read again');
    match($(el, '[role="status"]')?.textContent, /已创建用户 br1\.new/);
    equal(value(el, 'new', 'username'), '');
    equal(value(el, 'new', 'password'), '');
    equal(value(el, 'new', 'unit'), '');
    ok(
      ![...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part="new"] input[name="roles"]')].some(
        (c) => c.checked,
      ),
      'no role left checked',
    );
  });

  it("says why the password policy refused a password at the password field, in the administrator's language (issue 13 item 5)", async () => {
    const api = server({
      create: () =>
        new Response(
          JSON.stringify({
            title: 'Unprocessable Content',
            status: 422,
            detail: 'the password is not allowed',
            code: 'WEAK_PASSWORD',
            errors: [
              {
                path: '/password',
                message: 'this password is, or is built from, a commonly used one; choose another',
                code: 'passwordCommon',
              },
            ],
          }),
          { status: 422, headers: { 'content-type': 'application/problem+json' } },
        ),
    });
    const el = await mount(api);
    await fillNew(el);
    submitNew(el);
    await until(() => fieldError(el, 'new', 'password'), 'the error at the password');
    match(fieldError(el, 'new', 'password'), /常见密码/);
    equal(value(el, 'new', 'password'), 'long-enough-pass', 'what was typed stays');
  });

  it('shows a 422 at the unit and the role, and a 409 at the username, keeping everything typed', async () => {
    let answer = () =>
      problem(422, 'the unit or roles are not in the Organization', [
        { path: '/unit', message: 'unknown unit "br1"' },
        { path: '/roles/0', message: 'unknown role "repair-technician"' },
      ]);
    const api = server({ create: () => answer() });
    const el = await mount(api);
    await fillNew(el);
    submitNew(el);
    await until(() => fieldError(el, 'new', 'unit'), 'the error at the unit');
    equal(fieldError(el, 'new', 'unit'), 'unknown unit "br1"');
    equal(fieldError(el, 'new', 'roles'), 'unknown role "repair-technician"');
    equal(fieldError(el, 'new', 'username'), '', 'nothing at the username');
    equal($(el, '[part="new"] select[name="unit"]')!.getAttribute('aria-invalid'), 'true');
    const summary = $(el, '[part="new"] [role="alert"]')!.textContent!;
    match(summary, /单位: unknown unit/);
    match(summary, /角色: unknown role/);
    equal(value(el, 'new', 'username'), 'br1.new');
    equal(value(el, 'new', 'password'), 'long-enough-pass');
    equal(value(el, 'new', 'unit'), 'br1');
    equal(value(el, 'new', 'mobile'), '13900000000');

    answer = () =>
      new Response(
        JSON.stringify({
          title: 'Conflict',
          status: 409,
          detail: 'user "br1.new" exists already',
          code: 'USER_EXISTS',
          errors: [{ path: '/username', message: 'taken' }],
        }),
        { status: 409, headers: { 'content-type': 'application/problem+json' } },
      );
    submitNew(el);
    await until(() => fieldError(el, 'new', 'username'), 'the error at the username');
    match(fieldError(el, 'new', 'username'), /用户名 br1\.new 已存在/);
    equal(fieldError(el, 'new', 'unit'), '', 'the earlier error is gone');
    match($(el, '[part="new"] [role="alert"]')!.textContent, /用户名: 用户名 br1\.new 已存在/);
    equal(value(el, 'new', 'username'), 'br1.new');
    equal(value(el, 'new', 'name'), '王小二');
    ok(
      $<HTMLInputElement>(el, '[part="new"] label.choice input[value="repair-technician"]')!.checked,
      'the role stays checked',
    );
    equal(api.calls('/api/users', 'POST').length, 2);
  });

  it('edits roles with a PATCH of only what changed, and shows a refused unit at its field', async () => {
    let refuse = false;
    const api = server({
      patch: () =>
        refuse
          ? problem(422, 'the unit or roles are not in the Organization', [
              { path: '/unit', message: 'unknown unit "hq"' },
            ])
          : undefined,
    });
    const el = await mount(api);
    $(el, 'tr[data-username="br1.tech"]')!.click();
    await el.updateComplete;
    equal(value(el, 'edit', 'name'), '谢师傅');
    await toggleRole(el, 'edit', '服务人员');
    await toggleRole(el, 'edit', '维修人员');
    // the language switched while editing: the name, shown in Chinese, is still not sent
    el.locale = 'en';
    await el.updateComplete;
    $<HTMLFormElement>(el, '[part="edit"] form')!.requestSubmit();
    await until(() => api.calls('/api/users/br1.tech', 'PATCH').length === 1, 'the PATCH');
    deepEqual(
      api.calls('/api/users/br1.tech', 'PATCH')[0]!.body,
      { roles: ['service-staff'] },
      'no name (written in two languages), unit or contact sent',
    );

    refuse = true;
    await until(() => !$<HTMLButtonElement>(el, '[part="edit"] button[type="submit"]')!.disabled, 'ready again');
    await chooseUnit(el, 'edit', 'hq');
    await typeInto(el, 'edit', 'password', 'a-new-password');
    $<HTMLFormElement>(el, '[part="edit"] form')!.requestSubmit();
    await until(() => fieldError(el, 'edit', 'unit'), 'the error at the unit');
    deepEqual(api.calls('/api/users/br1.tech', 'PATCH')[1]!.body, { unit: 'hq', password: 'a-new-password' });
    equal(value(el, 'edit', 'unit'), 'hq', 'the choice is kept');
    equal(value(el, 'edit', 'password'), 'a-new-password');
  });

  it('asks before disabling, and sends {disabled: true} only when confirmed', async () => {
    const api = server();
    const el = await mount(api);
    const asked: string[] = [];
    let answer = false;
    el.confirmDisable = (message) => (asked.push(message), answer);
    $(el, 'tr[data-username="br1.tech"]')!.click();
    await el.updateComplete;
    $(el, '[part="disable"]')!.click();
    await el.updateComplete;
    equal(asked.length, 1);
    match(asked[0], /停用 br1\.tech？.*退出登录/);
    equal(api.calls('/api/users/br1.tech', 'PATCH').length, 0, 'declined: nothing sent');
    answer = true;
    $(el, '[part="disable"]')!.click();
    await until(() => $(el, 'tr[data-username="br1.tech"] [part="disabled"]'), 'marked disabled after the reload');
    deepEqual(
      api.calls('/api/users/br1.tech', 'PATCH').map((r) => r.body),
      [{ disabled: true }],
    );
    ok($(el, '[part="enable"]'), 'now it can be enabled again');
  });
});
