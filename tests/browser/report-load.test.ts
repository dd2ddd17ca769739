import '../../ui/components/sf-ledger.ts';
import '../../ui/components/sf-monthly-report.ts';
import '../../ui/components/sf-scorecard.ts';
import { ApiClient } from '../../ui/api/client.ts';
import type { ReportElement } from '../../ui/components/report-element.ts';
import { deepEqual, equal, ok } from './assert.ts';
import { fakeApi, problem, until } from './fake-api.ts';

/** Each report, the path it loads from, an answer for a unit, and what shows that the answer is on screen. */
const reports = [
  {
    tag: 'sf-ledger',
    path: '/api/ledger',
    answer: (unit: string) => ({
      ledger: 'service-ledger',
      columns: [{ name: 'unit' }],
      rows: [{ caseId: 'c1', values: { unit } }],
    }),
    shown: (root: ShadowRoot) => root.querySelector('tr[part="row"]')?.textContent ?? '',
  },
  {
    tag: 'sf-scorecard',
    path: '/api/scorecards',
    answer: (unit: string) => ({
      scorecards: [{ scorecard: 'kpi', unit, period: '2026-09', total: 90, max: 100, categories: [] }],
    }),
    shown: (root: ShadowRoot) => root.querySelector('[part="scorecard"] h2')?.textContent ?? '',
  },
  {
    tag: 'sf-monthly-report',
    path: '/api/reports/monthly',
    answer: (unit: string) => ({ unit, month: '2026-09', cases: 0, byWorkflow: [], measures: [] }),
    shown: (root: ShadowRoot) => root.querySelector('[part="title"]')?.textContent ?? '',
  },
] as const;

const alertOf = (el: ReportElement) => el.shadowRoot!.querySelector('[role="alert"][part="error"]')?.textContent ?? '';

/** Applies the filters form the way a user does: types the unit, presses Apply. */
function applyUnit(el: ReportElement, unit: string) {
  const form = el.shadowRoot!.querySelector<HTMLFormElement>('form[part="toolbar"]')!;
  form.querySelector<HTMLInputElement>('input[name="unit"]')!.value = unit;
  form.requestSubmit();
}

function mount<K extends (typeof reports)[number]['tag']>(
  tag: K,
  api: ReturnType<typeof fakeApi>,
  props: Record<string, unknown>,
) {
  const el = document.createElement(tag);
  Object.assign(el, { client: new ApiClient({ fetch: api.fetch }), ...props });
  document.body.append(el);
  return el;
}

describe('ReportLoad and the report filters (shared by the ledger, the scorecards and the monthly report)', () => {
  afterEach(() => document.querySelectorAll('sf-ledger, sf-scorecard, sf-monthly-report').forEach((e) => e.remove()));

  for (const report of reports) {
    it(`${report.tag}: shows the problem document's detail where the user sees it, and a later good load clears it`, async () => {
      // given a server that refuses one unit with a problem document and answers for another
      const api = fakeApi({
        [`GET ${report.path}`]: (r) =>
          r.query.get('unit') === 'nowhere'
            ? problem(422, 'no unit "nowhere"')
            : report.answer(r.query.get('unit') ?? ''),
      });
      const el = mount(report.tag, api, { unit: 'nowhere' });
      // then the refusal is shown in the user's words, with the server's detail
      await until(() => alertOf(el), 'the alert');
      equal(alertOf(el), '数据无效：no unit "nowhere"');
      equal(el.loading, false);
      // when the user applies another unit
      applyUnit(el, 'hq');
      await until(() => report.shown(el.shadowRoot!).includes('hq'), 'the report for hq');
      // then the alert is gone and the report was asked for that unit
      equal(alertOf(el), '');
      equal(api.calls(report.path).at(-1)!.query.get('unit'), 'hq');
    });
  }

  it('retries with load(): the network failure goes once the server answers', async () => {
    // given a ledger whose first load found the server unreachable
    const api = fakeApi({ 'GET /api/ledger': (r) => reports[0].answer(r.query.get('unit') ?? '') });
    api.setOffline(true);
    const el = mount('sf-ledger', api, { unit: 'hq' });
    await until(() => alertOf(el), 'the alert');
    equal(alertOf(el), '无法连接服务器，请检查网络后重试。已输入的内容不会丢失。');
    // when the network is back and the host retries
    api.setOffline(false);
    await el.load();
    await el.updateComplete;
    // then the rows show and the alert is gone
    ok(reports[0].shown(el.shadowRoot!).includes('hq'), 'the rows are shown');
    equal(alertOf(el), '');
  });

  it('loads again when a filter, the client or the locale changes, not when a filter is set to the value it had; a blank filter is left out, a filter is trimmed', async () => {
    // given a scorecard for a unit and a period
    const api = fakeApi({ 'GET /api/scorecards': (r) => reports[1].answer(r.query.get('unit') ?? '') });
    const el = mount('sf-scorecard', api, { unit: 'hq', period: '2026-09', compareUnits: [] });
    const loads = () => api.calls('/api/scorecards').map((r) => r.query.toString());
    await until(() => !el.loading && loads().length === 1, 'the first load');
    // when the same values are set again, nothing is loaded
    Object.assign(el, { unit: 'hq', period: '2026-09' });
    await el.updateComplete;
    // when the language changes, and then the period is cleared in the form
    el.locale = 'en';
    await until(() => loads().length === 2, 'the load in English');
    const form = el.shadowRoot!.querySelector<HTMLFormElement>('form[part="toolbar"]')!;
    form.querySelector<HTMLInputElement>('input[name="unit"]')!.value = ' hq ';
    form.querySelector<HTMLInputElement>('input[name="period"]')!.value = '';
    form.requestSubmit();
    await until(() => loads().length === 3, 'the load without a period');
    // then each change loaded once, and the blank period was left to the server's default
    deepEqual(loads(), ['unit=hq&period=2026-09', 'unit=hq&period=2026-09', 'unit=hq']);
    deepEqual([el.unit, el.period], ['hq', undefined]);
  });
});
