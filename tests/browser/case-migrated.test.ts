// A case moved to another definition version (issue 18 item 3): its history names the step 迁移至新版本
// / Moved to another version, with the migration's reason and the deadline it moved, in the reader's language.
import '../../ui/components/sf-case.ts';
import type { SfCase } from '../../ui/components/sf-case.ts';
import { ApiClient } from '../../ui/api/client.ts';
import type { CaseView } from '../../ui/api/types.ts';
import { deepEqual, match } from './assert.ts';
import { caseView as view, historyEntry, iso } from './answers.ts';
import { fakeApi, until } from './fake-api.ts';

const DEADLINE = Date.parse('2026-12-01T10:00:00Z'); // 18:00 in Shanghai

function caseView(id: string): CaseView {
  return view({
    id,
    workflow: 'repair',
    definitionVersion: 'v2',
    unit: 'b1',
    owner: 'b1.staff',
    assignee: null,
    state: ['registered'],
    data: {},
    version: 2,
    history: [
      historyEntry({
        seq: 2,
        type: 'migrated',
        actor: 'admin',
        at: iso(DEADLINE - 86_400_000),
        from: ['open'],
        to: ['registered'],
        data: { reason: '总部要求12小时内上门', fromSeq: 1, toSeq: 2 },
        effects: [
          {
            code: 'migrated',
            args: { fromSeq: 1, toSeq: 2, reason: '总部要求12小时内上门' },
            text: 'moved from definition version 1 to 2: 总部要求12小时内上门',
          },
          {
            code: 'clockDeadlineMoved',
            args: {
              clock: 'repair-on-site',
              clockTitle: { zh: '上门服务', en: 'On site' },
              deadline: DEADLINE,
              timeZone: 'Asia/Shanghai',
            },
            text: 'clock repair-on-site deadline moved to 2026-12-01 18:00',
          },
        ],
      }),
    ],
  });
}

async function mountCase(id: string) {
  const api = fakeApi({
    [`GET /api/cases/${id}`]: () => caseView(id),
    'GET /api/directory': () => ({
      units: [{ name: 'b1', title: { zh: '济南分公司', en: 'Jinan branch' }, parent: null }],
      people: [{ username: 'admin', name: '管理员', unit: 'b1' }],
    }),
  });
  const el = document.createElement('sf-case');
  Object.assign(el, {
    client: new ApiClient({ token: 'T', fetch: api.fetch }),
    caseId: id,
    live: false,
    timeZone: 'Asia/Shanghai',
  });
  document.body.append(el);
  await until(
    () => (el.shadowRoot?.querySelectorAll('[part="history-entry"] ul li').length ?? 0) === 2,
    'the migrated entry with its notes',
  );
  return el;
}

const what = (el: SfCase) => el.shadowRoot!.querySelector('[part="history-entry"] .what')!.textContent!.trim();
const lines = (el: SfCase) =>
  [...el.shadowRoot!.querySelectorAll('[part="history-entry"] ul li')].map((li) => li.textContent!.trim());

describe('sf-case: a migrated case', () => {
  afterEach(() => document.querySelectorAll('sf-case').forEach((e) => e.remove()));

  it('names the step and says why, in Chinese, then in English', async () => {
    const el = await mountCase(`c-${crypto.randomUUID()}`);
    deepEqual(
      [what(el), ...lines(el)],
      [
        '迁移至新版本',
        '由定义版本 1 迁移至版本 2：总部要求12小时内上门',
        '时限「上门服务」截止时间改为 2026/12/01 18:00',
      ],
    );
    el.locale = 'en';
    await el.updateComplete;
    const [title, moved, deadline] = [what(el), ...lines(el)];
    deepEqual(
      [title, moved],
      ['Moved to another version', 'Moved from definition version 1 to 2: 总部要求12小时内上门'],
    );
    match(deadline!, /^Time limit "On site" now due 12\/01\/2026,? 18:00$/);
  });
});
