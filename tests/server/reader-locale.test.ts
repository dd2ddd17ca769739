// covers: INFO-3, INFO-4, MGMT-1
// Issue 15 item 5: the language a page is read in is the one chosen on screen, which the app sends as
// Accept-Language. Over a real listening server on the seed definitions, the monthly report's titles (workflows,
// states, measures, the groups' option labels) follow the request's language, not only the user's saved one; GET /api/me still answers with
// the saved language, so a new device starts in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDefinitionFiles } from '../../engine/definitions/index.ts';
import { listen, type Listening } from '../helpers/listening-server.ts';
import { DEMO_PASSWORD, testServer, type TestServer } from './server-support.ts';

let t: TestServer;
let http: Listening;
let manager = '';

beforeAll(async () => {
  t = await testServer({ initialFiles: () => readDefinitionFiles('definitions') });
  http = await listen(t);
  const login = async (username: string) =>
    (await http.call('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD } })).body.token as string;
  manager = await login('br1.manager');
  const created = await http.call('POST', '/api/cases', {
    token: await login('br1.staff'),
    body: {
      workflow: 'repair',
      data: {
        customerName: '王建国',
        address: '济南市历下区经十路 100 号',
        phone: '13905310001',
        productModel: 'ZW32-12',
        fault: '断路器跳闸',
        channel: 'phone',
      },
    },
  });
  expect(created.status, created.text).toBe(201);
  const complaint = await http.call('POST', '/api/cases', {
    token: await login('br1.staff'),
    body: {
      workflow: 'complaint',
      data: {
        customerName: '张三',
        address: '济南市经十路100号',
        phone: '13800138000',
        productModel: 'ZW32-12',
        purchaseDate: '2024-03-01',
        problem: '要求整批更换',
        channel: 'phone',
        about: 'product',
        level: 'group',
      },
    },
  });
  expect(complaint.status, complaint.text).toBe(201);
}, 60_000);

afterAll(async () => {
  await http?.close();
  await t?.close();
});

describe("answers in the reader's language", () => {
  const monthly = (lang: string) =>
    http.call('GET', '/api/reports/monthly', { token: manager, headers: { 'accept-language': lang } });

  it('words the monthly report in the language asked for, whatever the user saved', async () => {
    const en = await monthly('en');
    expect(en.status, en.text).toBe(200);
    const repair = en.body.byWorkflow.find((w: { workflow: string }) => w.workflow === 'repair');
    expect(repair.title).toBe('After-sales repair');
    expect(Object.values(repair.stateTitles as Record<string, string>).join(' ')).not.toMatch(/\p{Script=Han}/u);
    expect(en.body.measures.map((m: { title: string }) => m.title).join(' ')).not.toMatch(/\p{Script=Han}/u);
    const zh = await monthly('zh-CN');
    expect(zh.body.byWorkflow.find((w: { workflow: string }) => w.workflow === 'repair').title).toBe('售后报修');
    // complaints by level: the stored option value named by its label (the measure's `labels`), in each language
    const level = (answer: typeof en) =>
      answer.body.measures.find((m: { name: string }) => m.name === 'complaintsByLevel').groups;
    expect(level(zh)).toEqual([{ group: 'group', title: '投诉至集团公司', value: 1, numerator: 1, denominator: 1 }]);
    expect(level(en)[0].title).toBe('To the group');
  });

  it("keeps GET /api/me's language the user's own", async () => {
    const me = await http.call('GET', '/api/me', { token: manager, headers: { 'accept-language': 'en' } });
    expect(me.status).toBe(200);
    expect(me.body.locale).toBe('zh-CN');
  });
});
