// Issue 13, item 6: publishing (and `serviceframe validate`) refuses what cannot run — every
// expression, condition and pattern compiles first, expressions are limited in size and depth, a
// set without an Organization is a clear error — as a 422 with PATH:LINE:COLUMN, nothing changed.
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

beforeAll(async () => {
  t = await testServer();
  http = await listen(t);
  admin = await t.login('admin', ADMIN_PASSWORD);
  // These checks read the validator's English, as `serviceframe validate` prints it; the Chinese a
  // zh-CN reader gets is checked in server-definitions-validate.test.ts.
  expect((await http.call('PATCH', '/api/users/admin', { token: admin, body: { locale: 'en' } })).status).toBe(200);
});
afterAll(async () => {
  await http.close();
  await t.close();
});

/** A workflow whose start runs `actions`, added to the fixture set as its own file. */
function probeWorkflow(actions: string): { path: string; text: string } {
  return {
    path: 'probe.yaml',
    text: [
      'apiVersion: serviceframe/v1',
      'kind: Workflow',
      'metadata: { name: probe }',
      'spec:',
      '  start: { allow: [ { role: staff } ] }',
      '  initial: open',
      '  states:',
      '    open:',
      '      on:',
      `        touch: { stay: true, allow: [ { role: staff } ], actions: [ ${actions} ] }`,
      '        close: { target: done, allow: [ { role: staff } ] }',
      '    done: { type: final }',
      '',
    ].join('\n'),
  };
}

/** Publishes `files`; expects a 422 that changed nothing and returns its field errors. */
async function refused(files: { path: string; text: string }[]): Promise<{ path: string; message: string }[]> {
  const before = await http.call('GET', '/api/definitions/versions', { token: admin });
  const res = await http.call('POST', '/api/definitions', { token: admin, body: { files } });
  expect(res.status, res.text).toBe(422);
  expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  expect((await http.call('GET', '/api/definitions/versions', { token: admin })).body).toEqual(before.body);
  // and cases still start on the published set
  const staff = await t.login('b1.staff');
  expect(
    (await http.call('POST', '/api/cases', { token: staff, body: { workflow: 'ticket', data: ticketData() } })).status,
  ).toBe(201);
  return res.body.errors;
}

const terms = (n: number) => Array.from({ length: n }, (_, i) => `data.f${i}`).join(' + ');

describe('publishing refuses what cannot run', () => {
  it("compiles the expressions inside set actions: '=constructor' and '=nosuchfn(1'", async () => {
    const errors = await refused([
      ...fixtureFiles(),
      probeWorkflow("{ set: { x: '=constructor', y: '=nosuchfn(1' } }"),
    ]);
    const ours = errors.filter((e) => e.message.startsWith('probe.yaml:'));
    expect(ours.map((e) => e.path)).toEqual([
      '/spec/states/open/on/touch/actions/0/set/x',
      '/spec/states/open/on/touch/actions/0/set/y',
    ]);
    for (const e of ours) expect(e.message).toMatch(/^probe\.yaml:10:\d+: invalid expression: /);
  });

  it('compiles expressions in every action, e.g. the data a started case gets', async () => {
    const errors = await refused([
      ...fixtureFiles(),
      probeWorkflow(
        "{ startCase: { workflow: hq-review, link: review, unit: root, data: { customerName: '=data.a +' } } }",
      ),
    ]);
    expect(errors.map((e) => e.path)).toContain('/spec/states/open/on/touch/actions/0/startCase/data/customerName');
  });

  it('refuses a 5,000-term expression in a set action, and in a computed field, with a 422', async () => {
    const set = await refused([...fixtureFiles(), probeWorkflow(`{ set: { total: '=${terms(5000)}' } }`)]);
    expect(set.find((e) => e.path.endsWith('/set/total'))?.message).toMatch(
      /^probe\.yaml:10:\d+: invalid expression: expression is \d+ characters long; at most 2000/,
    );
    const compute = {
      path: 'big-form.yaml',
      text: `apiVersion: serviceframe/v1\nkind: Form\nmetadata: { name: big }\nspec:\n  fields:\n    - { name: total, type: number, label: Total, compute: "${terms(5000).replaceAll('data.', '')}" }\n`,
    };
    const errors = await refused([...fixtureFiles(), compute]);
    expect(errors.find((e) => e.message.startsWith('big-form.yaml:6:'))?.message).toMatch(/at most 2000/);
  });

  it('refuses an expression nested too deep', async () => {
    const errors = await refused([...fixtureFiles(), probeWorkflow(`{ set: { total: '=${terms(100)}' } }`)]);
    expect(errors.find((e) => e.path.endsWith('/set/total'))?.message).toMatch(/nests more than 64 levels/);
  });

  it('refuses conditions nested too deep, with a position, not a stack overflow', async () => {
    const nested = (n: number) =>
      '{ all: ['.repeat(n) + "{ fact: data, path: '$.x', operator: equal, value: 1 }" + '] }'.repeat(n);
    const probe = (n: number) => ({
      path: 'probe.yaml',
      text: probeWorkflow('').text.replace(
        'close: { target: done, allow: [ { role: staff } ] }',
        `close: { target: done, allow: [ { role: staff } ], when: ${nested(n)} }`,
      ),
    });
    const deep = await refused([...fixtureFiles(), probe(40)]);
    expect(deep.map((e) => e.message)).toContainEqual(
      expect.stringMatching(/^probe\.yaml:11:\d+: .*nest more than 32 levels/),
    );
    const deeper = await refused([...fixtureFiles(), probe(3000)]);
    expect(deeper.map((e) => e.message)).toContainEqual(
      expect.stringMatching(/^probe\.yaml:11:\d+: nested too deeply to read/),
    );
  });

  it('refuses a set without an Organization with a position, not a 500', async () => {
    const files = fixtureFiles().filter((f) => !f.text.includes('kind: Organization'));
    const errors = await refused(files);
    expect(errors.map((e) => e.message)).toContainEqual(
      expect.stringMatching(/^[^:]+\.yaml:1:1: the set has no Organization; a publication is a whole set/),
    );
  });
});

describe('serviceframe validate', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sf-validate-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (files: { path: string; text: string }[]) => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    for (const f of files) {
      const target = join(dir, f.path.replaceAll('/', '_'));
      writeFileSync(target, f.text);
    }
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['validate', dir], { out: (l) => out.push(l), err: (l) => err.push(l) });
    // problems go to stdout (one report with the summary); either stream counts here
    return { code, err: [...out, ...err].join('\n') };
  };

  it('says a set has no Organization in one line, without a stack trace', async () => {
    const { code, err } = await run(fixtureFiles().filter((f) => !f.text.includes('kind: Organization')));
    expect(code).toBe(1);
    expect(err).toMatch(/\.yaml:1:1: the set has no Organization/);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('points at a bad expression inside a set action', async () => {
    const { code, err } = await run([...fixtureFiles(), probeWorkflow("{ set: { x: '=constructor' } }")]);
    expect(code).toBe(1);
    expect(err).toMatch(/probe\.yaml:10:\d+: invalid expression: "constructor" is not allowed/);
  });
});
