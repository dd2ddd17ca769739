// covers: P-2, P-3
// POST /api/definitions/validate: the editor's check as the administrator types, the same validation
// publishing runs, on a real server; nothing is published.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureFiles, testServer, type TestServer } from './server-support.ts';

let s: TestServer;
let admin: string;
beforeEach(async () => {
  s = await testServer();
  admin = await s.login('admin');
});
afterEach(async () => s.close());

const edit = (file: string, change: (text: string) => string) =>
  fixtureFiles().map((f) => (f.path.endsWith(file) ? { ...f, text: change(f.text) } : f));

describe('checking a candidate set without publishing', () => {
  it('answers what publishing would refuse, at file:line:column, and publishes nothing', async () => {
    const before = s.services.registry.currentRow();
    const files = edit('workflows.yaml', (t) => t.replace('startForm: ticket', 'startForm: tickets'));
    const res = await s.call('POST', '/api/definitions/validate', { token: admin, body: { files } });
    expect(res.status).toBe(200);
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({
        line: 5,
        column: 14,
        code: 'UNKNOWN_REFERENCE',
        // said in the reader's language (the administrator's locale, zh-CN by default), the kind by its title
        message: expect.stringMatching(/workflows\.yaml:5:14: 未知的表单「tickets」（已有的表单：/),
      }),
    );
    // publishing the same files refuses with the same errors
    const publish = await s.call('POST', '/api/definitions', { token: admin, body: { files } });
    expect(publish.status).toBe(422);
    expect(publish.body.errors).toEqual(res.body.errors);
    expect(publish.body.detail).toBe('定义中有 1 处错误，未发布任何内容');
    expect(s.services.registry.currentRow()).toEqual(before);

    // a reader of English reads the validator's English, as `serviceframe validate` prints it
    expect((await s.call('PATCH', '/api/users/admin', { token: admin, body: { locale: 'en' } })).status).toBe(200);
    const en = await s.call('POST', '/api/definitions/validate', { token: admin, body: { files } });
    expect(en.body.errors.map((e: { message: string }) => e.message)).toContainEqual(
      expect.stringMatching(/workflows\.yaml:5:14: unknown Form "tickets" \(known Form definitions: /),
    );
    const enPublish = await s.call('POST', '/api/definitions', { token: admin, body: { files } });
    expect(enPublish.body.errors).toEqual(en.body.errors);
    expect(enPublish.body.detail).toBe('1 error in the definitions; nothing was published');
  });

  it('finds a duration in the wrong form, which only the schema knows', async () => {
    const sla = (duration: string) => ({
      path: 'sla/dispatch.yaml',
      text: `apiVersion: serviceframe/v1\nkind: SlaPolicy\nmetadata: { name: dispatch-soon }\nspec:\n  workflows: [ticket]\n  start: { on: create }\n  stop: [ { event: dispatch } ]\n  target: { duration: ${duration} }\n`,
    });
    const good = await s.call('POST', '/api/definitions/validate', {
      token: admin,
      body: { files: [...fixtureFiles(), sla('12h')] },
    });
    expect(good.body.errors).toEqual([]);
    const bad = await s.call('POST', '/api/definitions/validate', {
      token: admin,
      body: { files: [...fixtureFiles(), sla('12hours')] },
    });
    expect(bad.body.errors).toEqual([
      expect.objectContaining({
        code: 'SCHEMA',
        file: 'sla/dispatch.yaml',
        line: 8,
        message: expect.stringContaining('「duration」格式不对'),
      }),
    ]);
  });

  it('gives one error for an unclosed "{", at the bracket', async () => {
    const files = edit('forms.yaml', (t) => t.replace('required: true }', 'required: true'));
    const res = await s.call('POST', '/api/definitions/validate', { token: admin, body: { files } });
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'SYNTAX', line: 6, column: 7 })]);
  });

  it('answers no errors for the published set, 422 without files and 403 to others', async () => {
    const ok = await s.call('POST', '/api/definitions/validate', { token: admin, body: { files: fixtureFiles() } });
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toEqual([]);
    expect(Array.isArray(ok.body.warnings)).toBe(true);
    expect((await s.call('POST', '/api/definitions/validate', { token: admin, body: {} })).status).toBe(422);
    const lead = await s.login('b1.lead');
    expect(
      (await s.call('POST', '/api/definitions/validate', { token: lead, body: { files: fixtureFiles() } })).status,
    ).toBe(403);
  });
});
