// covers: P-3
// Issue 13, item 7: a publication is a whole set. One that leaves out published definitions is
// refused unless the request names each removal, and always while open cases of a removed
// workflow would have no version to finish on; `serviceframe rollback` publishes an earlier set.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { listen, type Listening } from '../helpers/listening-server.ts';
import { ADMIN_PASSWORD, fixtureFiles, testServer, ticketData, type TestServer } from '../server/server-support.ts';

let t: TestServer;
let http: Listening;
let admin: string;
let staff: string;
let dir: string;

beforeAll(async () => {
  t = await testServer();
  http = await listen(t);
  admin = await t.login('admin', ADMIN_PASSWORD);
  staff = await t.login('b1.staff');
  dir = mkdtempSync(join(tmpdir(), 'sf-publish-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await http.close();
  await t.close();
});

/** The fixture set without the YAML documents whose text matches `drop`. */
const without = (drop: RegExp) =>
  fixtureFiles()
    .map((f) => ({
      ...f,
      text: f.text
        .split(/^---$/m)
        .filter((doc) => !drop.test(doc))
        .join('---'),
    }))
    .filter((f) => f.text.trim() !== '');
const onlyOrgAndCalendar = () => fixtureFiles().filter((f) => /kind: (Organization|Calendar)/.test(f.text));
const published = async () =>
  (await http.call('GET', '/api/definitions', { token: admin })).body
    .map((d: { kind: string; name: string }) => `${d.kind}/${d.name}`)
    .sort();
const versions = async () => (await http.call('GET', '/api/definitions/versions', { token: admin })).body;
const startTicket = async () =>
  (await http.call('POST', '/api/cases', { token: staff, body: { workflow: 'ticket', data: ticketData() } })).status;

/** Runs the command line with its output captured. */
async function cli(...args: string[]) {
  const lines: string[] = [];
  const code = await main(args, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  return { code, text: lines.join('\n') };
}

describe('a publication is a whole set', () => {
  it('refuses the organization and calendar alone, names what would go, and changes nothing', async () => {
    const before = { defs: await published(), versions: await versions() };
    // (in English, the words programs and the CLI read; zh-CN is the default)
    const res = await http.call('POST', '/api/definitions', {
      token: admin,
      body: { files: onlyOrgAndCalendar() },
      headers: { 'accept-language': 'en' },
    });
    expect(res.status, res.text).toBe(422);
    expect(res.body.code).toBe('REMOVAL_NOT_STATED');
    expect(res.body.detail).toMatch(/a publication is a whole set/);
    const named = res.body.errors.map((e: { message: string }) => e.message.split(' ')[0]).sort();
    expect(named).toEqual(before.defs.filter((d: string) => !/^(Organization|Calendar)\//.test(d)));
    expect(await published()).toEqual(before.defs);
    expect(await versions()).toEqual(before.versions);
    expect(await startTicket()).toBe(201);
  });

  it('refuses a removal that is stated but removes nothing', async () => {
    const res = await http.call('POST', '/api/definitions', {
      token: admin,
      body: { files: fixtureFiles(), remove: ['Workflow/ticket', 'Form/nowhere'] },
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['/remove/0', '/remove/1']);
    expect(res.body.errors[0].message).toMatch(/the files still define it/);
    expect(res.body.errors[1].message).toMatch(/no such definition is published/);
  });

  it('publishes a removal the request states, and `serviceframe rollback` brings the set back', async () => {
    const before = await published();
    const bidding = ['Workflow/bidding', 'Form/bid'];
    const files = without(/metadata: \{ name: (bidding|bid) \}/);
    const res = await http.call('POST', '/api/definitions', { token: admin, body: { files, remove: bidding } });
    expect(res.status, res.text).toBe(201);
    expect(res.body.removed.sort()).toEqual(bidding.sort());
    expect(await published()).toEqual(before.filter((d: string) => !bidding.includes(d)));

    const back = await cli('rollback', '--server', http.base, '--token', admin);
    expect(back.text).toMatch(/^rolled back: version \d+ \(\w+\) publishes the set of version \d+$/);
    expect(back.code).toBe(0);
    expect(await published()).toEqual(before);
    expect(await startTicket()).toBe(201);
  });

  it('`serviceframe publish --remove` states removals; without it the command is refused', async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    for (const f of without(/kind: RecordType/)) writeFileSync(join(dir, f.path.replaceAll('/', '_')), f.text);
    const refused = await cli('publish', dir, '--server', http.base, '--token', admin);
    expect(refused.code).toBe(1);
    expect(refused.text).toMatch(/RecordType\/customer is published now and missing from these files/);
    const done = await cli('publish', dir, '--server', http.base, '--token', admin, '--remove', 'RecordType/customer');
    expect(done.text).toMatch(/^published version \d+ \(\w+\) from \d+ files; removed: RecordType\/customer$/);
    expect(done.code).toBe(0);
    expect((await cli('rollback', '--server', http.base, '--token', admin)).code).toBe(0);
  });

  it('always refuses to remove a workflow whose open cases would have no version to finish on', async () => {
    // given an open tender whose definition version is not loaded (as after a lost version)
    const res = await http.call('POST', '/api/cases', { token: staff, body: { workflow: 'bidding', data: {} } });
    const record = (await t.services.store.getCase(res.body.id))!;
    const [first] = await t.services.store.history(record.id);
    const { hash: _h, prevHash: _p, ...event } = first!;
    await t.services.store.commit({
      cases: [{ record: { ...record, id: 'ghost-1', definitionVersion: 'gone', version: 1 }, expectedVersion: 0 }],
      events: [{ ...event, caseId: 'ghost-1', definitionVersion: 'gone' }],
      timers: { schedule: [], cancel: [] },
      outbox: [],
      scoreFacts: [],
    });
    // when the bidding workflow is removed, however explicitly
    const before = await versions();
    const files = without(/metadata: \{ name: (bidding|bid) \}/);
    const refused = await http.call('POST', '/api/definitions', {
      token: admin,
      body: { files, remove: ['Workflow/bidding', 'Form/bid'] },
      headers: { 'accept-language': 'en' },
    });
    expect(refused.status, refused.text).not.toBe(201);
    expect(refused.body.code).toBe('CASES_STRANDED');
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ message: 'open case ghost-1 of bidding has no definition version to finish on' }),
    ]);
    expect(await versions()).toEqual(before);
  });
});
