// covers: P-5
// A shared browser (issue 13 item 10) and offline submits that happen once (issue 15 item 9):
// drafts and the outbox belong to the user who made them, logging out warns about unsent work and
// deletes it, and the next person neither sees nor sends it. Also one's own password (issue 13
// item 5): the change form, and the change an administrator's reset forces before anything else.
import '../../ui/app/sf-app.ts';
import type { SfApp } from '../../ui/app/sf-app.ts';
import { ApiClient } from '../../ui/api/client.ts';
import type { SfForm } from '../../ui/components/sf-form.ts';
import { compileForm } from '../../engine/forms/index.ts';
import type { Definition } from '../../engine/definitions/kind.ts';
import type { FormSpec } from '../../engine/forms/form-model.ts';
import { createDrafts } from '../../ui/offline/drafts.ts';
import { createOutbox } from '../../ui/offline/outbox.ts';
import { deepEqual, equal, match, ok } from './assert.ts';
import { fakeApi, json, problem, until } from './fake-api.ts';
import { formDefinition, root, type } from './helpers.ts';

const startForm = compileForm(
  formDefinition(
    [{ name: 'customerName', type: 'text', label: { zh: '客户名称', en: 'Customer' }, required: true }],
    'repair-start',
  ) as unknown as Definition<FormSpec>,
).toJSON().schema;
const unique = () => `${Date.now()}-${crypto.randomUUID()}`;

describe('the outbox on a shared browser', () => {
  it("lists and sends only the logged-in user's entries, and clears one user's at logout", async () => {
    const outbox = createOutbox({ dbName: `shared-outbox-${unique()}` });
    outbox.setOwner('li');
    await outbox.enqueue({ url: '/api/cases', body: { workflow: 'repair', data: { n: 1 } } });
    outbox.setOwner('wang');
    equal((await outbox.list()).length, 0, 'the next user sees none of it');
    const sent: string[] = [];
    const fetchImpl = (async (url: string) => {
      sent.push(url);
      return new Response('{}', { status: 201 });
    }) as unknown as typeof fetch;
    deepEqual(await outbox.flush(fetchImpl), { sent: 0, failed: 0, pending: 0 });
    deepEqual(sent, [], 'and sends none of it under their session');
    await outbox.clearOwner('li');
    outbox.setOwner('li');
    deepEqual(await outbox.list(), [], "li's entries are gone");
  });

  it('refuses a second copy of a waiting request and answers the entry already queued', async () => {
    const outbox = createOutbox({ dbName: `shared-outbox-${unique()}` });
    outbox.setOwner('li');
    const first = await outbox.enqueue({
      url: '/api/cases',
      body: { workflow: 'repair', data: { customerName: '华北电力' } },
    });
    const again = await outbox.enqueue({
      url: '/api/cases',
      body: { workflow: 'repair', data: { customerName: '华北电力' } },
    });
    ok(!first.duplicate);
    ok(again.duplicate, 'marked as a copy');
    equal(again.seq, first.seq);
    equal((await outbox.list()).length, 1);
    // other data is another request
    await outbox.enqueue({ url: '/api/cases', body: { workflow: 'repair', data: { customerName: '华北物资' } } });
    equal((await outbox.list()).length, 2);
  });
});

describe('drafts on a shared browser', () => {
  it("keeps each user's drafts apart and clears one user's", async () => {
    const drafts = createDrafts(`shared-drafts-${unique()}`);
    drafts.setOwner('li');
    await drafts.save('new-case/repair', { customerName: '张三' });
    drafts.setOwner('wang');
    equal(await drafts.load('new-case/repair'), undefined, 'the next user does not see it');
    await drafts.save('new-case/repair', { customerName: '王五' });
    equal(await drafts.countOf('li'), 1);
    await drafts.clearOwner('li');
    equal(await drafts.countOf('li'), 0);
    equal(
      (await drafts.load<{ customerName: string }>('new-case/repair'))?.data.customerName,
      '王五',
      "wang's draft stays",
    );
  });
});

/** A server with two staff users; POST /api/cases fails like a lost network while `offline`. */
function server(options: { mustChange?: boolean } = {}) {
  const users: Record<
    string,
    { username: string; name: string; unit: string; roles: string[]; mustChangePassword?: boolean }
  > = {
    li: {
      username: 'li',
      name: '李客服',
      unit: 'hq',
      roles: ['staff'],
      ...(options.mustChange ? { mustChangePassword: true } : {}),
    },
    wang: { username: 'wang', name: '王客服', unit: 'hq', roles: ['staff'] },
  };
  let current: string | undefined;
  const api = fakeApi({
    'GET /api/me': () => (current ? users[current] : problem(401, 'log in first')),
    'POST /api/auth/login': (r) => {
      const body = r.body as { username: string; password: string };
      if (!users[body.username] || body.password !== 'secret') return problem(401, 'wrong username or password');
      current = body.username;
      return { token: `T-${current}`, user: users[current] };
    },
    'POST /api/auth/logout': () => {
      current = undefined;
      return new Response(null, { status: 204 });
    },
    'POST /api/me/password': (r) => {
      const body = r.body as { currentPassword: string; newPassword: string };
      if (body.currentPassword !== 'secret')
        return problemWith(422, [{ path: '/currentPassword', message: 'wrong password', code: 'wrongPassword' }]);
      if (body.newPassword === 'password1234')
        return problemWith(422, [
          {
            path: '/newPassword',
            message: 'this password is, or is built from, a commonly used one',
            code: 'passwordCommon',
          },
        ]);
      users[current!] = { ...users[current!]!, mustChangePassword: false };
      return new Response(null, { status: 204 });
    },
    'GET /api/directory': () => ({
      units: [{ name: 'hq', title: '总部', parent: null }],
      people: [],
      system: 'system',
    }),
    'GET /api/definitions': () => [{ kind: 'Workflow', name: 'repair', version: 'v1', title: '报修' }],
    'GET /api/definitions/Workflow/repair': () => ({
      kind: 'Workflow',
      name: 'repair',
      states: [],
      startForm,
      serviceLine: null,
    }),
    'GET /api/cases': () => ({ items: [], next: null }),
    'POST /api/cases': (r) =>
      json({ id: `c-${r.headers.get('idempotency-key')}`, workflow: 'repair', state: ['registered'] }, 201),
  });
  return { api, users };
}

function problemWith(status: number, errors: { path: string; message: string; code: string }[]) {
  return new Response(
    JSON.stringify({ type: 'about:blank', title: 'Unprocessable Content', status, detail: 'refused', errors }),
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

async function mountApp(api: ReturnType<typeof fakeApi>) {
  const el = document.createElement('sf-app');
  el.routing = 'memory';
  el.client = new ApiClient({ fetch: api.fetch });
  el.outbox = createOutbox({ dbName: `app-outbox-${unique()}` });
  el.drafts = createDrafts(`app-drafts-${unique()}`);
  document.body.append(el);
  await until(() => !el.checking, 'the session check');
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: SfApp, selector: string) => el.shadowRoot!.querySelector<T>(selector);

async function login(el: SfApp, username: string) {
  const form = await until(() => $<HTMLFormElement>(el, 'form[part="login"]'), 'the login form');
  form.querySelector<HTMLInputElement>('input[name="username"]')!.value = username;
  form.querySelector<HTMLInputElement>('input[name="password"]')!.value = 'secret';
  form.requestSubmit();
  await until(() => el.user?.username === username && !el.busy, `${username} logged in`);
  await el.updateComplete;
}

async function openStartForm(el: SfApp) {
  el.go({ page: 'new', workflow: 'repair' });
  const form = await until(() => $<SfForm>(el, 'sf-form'), 'the start form');
  await form.updateComplete;
  return form;
}

describe('sf-app on a shared browser', () => {
  afterEach(() => document.querySelectorAll('sf-app').forEach((e) => e.remove()));

  it('submits a start form pressed twice while offline once: the form is cleared and locked as sent (issue 15 item 9)', async () => {
    const { api } = server();
    const el = await mountApp(api);
    await login(el, 'li');
    const form = await openStartForm(el);
    await type(form, '/customerName', '华北电力');
    // when the network is gone and 提交 is pressed, then pressed again
    api.setOffline(true);
    const press = () => root(form).querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    press();
    await until(() => $(el, '[part="queued"]'), 'the form locked as queued');
    press();
    await el.updateComplete;
    // then the form is gone (locked), the draft with it, and one entry waits
    ok(!$(el, 'sf-form'), 'no form to press again');
    match($(el, '[part="queued"]')!.textContent, /待发送队列/);
    equal((await el.outbox.list()).length, 1);
    equal(await el.drafts.load('new-case/repair'), undefined, 'the draft is cleared');
    // when the network is back
    api.setOffline(false);
    await el.outbox.flush(api.fetch);
    // then one case was created
    // (the press that found no network may have reached the server: the queued entry repeats its key)
    const posts = api.calls('/api/cases', 'POST');
    equal(posts.length, 2, 'the attempt that failed, then the one from the outbox');
    equal(
      new Set(posts.map((p) => p.headers.get('idempotency-key'))).size,
      1,
      'one request, however often it was tried',
    );
    deepEqual(await el.outbox.list(), []);
    // and 再填写一份 opens a fresh form
    $<HTMLButtonElement>(el, '[part="another"]')!.click();
    const fresh = await until(() => $<SfForm>(el, 'sf-form'), 'a fresh form');
    await fresh.updateComplete;
  });

  it('warns at logout about unsent work, deletes it when the user goes anyway, and the next user neither sees nor sends it', async () => {
    const { api } = server();
    const el = await mountApp(api);
    await login(el, 'li');
    await el.outbox.enqueue({ url: '/api/cases', body: { workflow: 'repair', data: { customerName: '李的客户' } } });
    await el.drafts.save('case-7/complete', { note: '李的草稿' });
    // when li logs out
    $<HTMLButtonElement>(el, 'button[part="logout"]')!.click();
    const warning = await until(() => $(el, '[part="logout-warning"]'), 'the warning');
    match(warning.textContent, /您的 1 项待发送操作和 1 份未提交的草稿。/);
    equal(el.user?.username, 'li', 'still logged in while the warning shows');
    // and chooses to stay, nothing is lost
    $<HTMLButtonElement>(el, '[part="logout-stay"]')!.click();
    await el.updateComplete;
    ok(!$(el, '[part="logout-warning"]'));
    equal((await el.outbox.list()).length, 1);
    // when li logs out anyway
    $<HTMLButtonElement>(el, 'button[part="logout"]')!.click();
    (await until(() => $(el, '[part="logout-discard"]'), 'the warning again')).click();
    await until(() => !el.user, 'logged out');
    equal(api.calls('/api/auth/logout', 'POST').length, 1);
    // then wang, next on this browser, sees nothing of li's and sends nothing of li's
    await login(el, 'wang');
    deepEqual(await el.outbox.list(), []);
    equal(await el.drafts.load('case-7/complete'), undefined);
    await el.outbox.flush(api.fetch);
    equal(api.calls('/api/cases', 'POST').length, 0);
    // and li's work is gone from the browser, not only hidden
    el.outbox.setOwner('li');
    deepEqual(await el.outbox.list(), []);
    equal(await el.drafts.countOf('li'), 0);
  });

  it('logs out at once when nothing is unsent', async () => {
    const { api } = server();
    const el = await mountApp(api);
    await login(el, 'li');
    $<HTMLButtonElement>(el, 'button[part="logout"]')!.click();
    await until(() => !el.user, 'logged out');
    ok(!$(el, '[part="logout-warning"]'));
  });
});

describe('sf-app passwords', () => {
  afterEach(() => document.querySelectorAll('sf-app').forEach((e) => e.remove()));

  const fill = async (host: Element, values: Record<string, string>) => {
    const form = host.shadowRoot!.querySelector('sf-change-password')!;
    await form.updateComplete;
    for (const [name, value] of Object.entries(values)) {
      const input = form.shadowRoot!.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
      input.value = value;
      input.dispatchEvent(new InputEvent('input'));
    }
    form.shadowRoot!.querySelector<HTMLFormElement>('form')!.requestSubmit();
    return form;
  };

  it('leads a user whose password an administrator reset to the change form before anything else', async () => {
    const { api } = server({ mustChange: true });
    const el = await mountApp(api);
    await login(el, 'li');
    const change = await until(
      () => $(el, 'sf-change-password')?.shadowRoot && $(el, 'sf-change-password'),
      'the change form',
    );
    ok(!$(el, 'nav'), 'no navigation until the password is changed');
    ok(!$(el, 'sf-case-list'), 'no worklist either');
    equal(api.calls('/api/cases').length, 0, 'nothing else was asked of the server');
    await (change as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    match(change.shadowRoot!.querySelector('[part="required"]')!.textContent, /管理员重置了您的密码/);
    // a common password is refused at its field, in Chinese, keeping what was typed
    const form = await fill(el, { currentPassword: 'secret', newPassword: 'password1234', repeat: 'password1234' });
    await until(() => form.shadowRoot!.querySelector('#newPassword-error'), 'the reason at the field');
    match(form.shadowRoot!.querySelector('#newPassword-error')!.textContent, /常见密码/);
    equal(
      form.shadowRoot!.querySelector<HTMLInputElement>('input[name="newPassword"]')!.getAttribute('aria-invalid'),
      'true',
    );
    equal(form.shadowRoot!.querySelector<HTMLInputElement>('input[name="currentPassword"]')!.value, 'secret');
    // a good one opens the app
    await fill(el, { newPassword: 'violet-harbour-ledger-42', repeat: 'violet-harbour-ledger-42' });
    await until(() => $(el, 'nav'), 'the app');
    match($(el, 'main [role="status"]')!.textContent, /密码已修改/);
    deepEqual(api.calls('/api/me/password', 'POST').at(-1)!.body, {
      currentPassword: 'secret',
      newPassword: 'violet-harbour-ledger-42',
    });
  });

  it("changes one's own password from the header, saying a wrong current password and a mismatch at their fields", async () => {
    const { api } = server();
    const el = await mountApp(api);
    await login(el, 'li');
    $<HTMLAnchorElement>(el, '[part="change-password"]')!.click();
    await until(() => $(el, 'sf-change-password')?.shadowRoot, 'the change form');
    let form = await fill(el, {
      currentPassword: 'secret',
      newPassword: 'violet-harbour-ledger-42',
      repeat: 'violet-harbour-ledger-43',
    });
    await until(() => form.shadowRoot!.querySelector('#repeat-error'), 'the mismatch');
    equal(api.calls('/api/me/password', 'POST').length, 0, 'the browser catches a mismatch');
    form = await fill(el, { currentPassword: 'not-it', repeat: 'violet-harbour-ledger-42' });
    await until(() => form.shadowRoot!.querySelector('#currentPassword-error'), 'the wrong current password');
    match(form.shadowRoot!.querySelector('#currentPassword-error')!.textContent, /当前密码不正确/);
    await fill(el, { currentPassword: 'secret' });
    await until(() => el.route.page === 'list', 'back to the worklist');
    match($(el, 'main [role="status"]')!.textContent, /密码已修改/);
  });
});
