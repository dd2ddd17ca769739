// The worklist on a 390×844 phone (issue 15's audit): its filters fold behind a 筛选 button that
// counts those set, so the first cases are on the first screen; the sort chips fade at an edge with
// more beyond it and Tab reaches each; on a desktop the filters stay in the toolbar.
import { setViewport } from '@web/test-runner-commands';
import '../../ui/components/sf-case-list.ts';
import type { SfCaseList } from '../../ui/components/sf-case-list.ts';
import { ApiClient } from '../../ui/api/client.ts';
import { deepEqual, equal, ok } from './assert.ts';
import { caseSummary, iso, me } from './answers.ts';
import { fakeApi, until } from './fake-api.ts';

const lead = me({ username: 'br1.lead', unit: 'br1', roles: ['service-lead'] });
const repair = {
  name: 'repair',
  title: '售后报修',
  states: [{ path: 'reported', title: '已受理待派工' }],
  summary: [
    { path: 'customerName', title: '客户姓名', type: 'text' },
    { path: 'phone', title: '联系电话', type: 'phone' },
    { path: 'address', title: '地址', type: 'address' },
  ],
};

function api() {
  const now = Date.now();
  return fakeApi({
    'GET /api/cases': () => ({
      items: ['R-1', 'R-2', 'R-3'].map((id, i) =>
        caseSummary({
          id,
          workflow: 'repair',
          unit: 'br1',
          owner: 'br1.lead',
          assignee: 'br1.lead',
          state: ['reported'],
          updatedAt: iso(now - i * 3_600_000),
          data: { customerName: `客户${i}`, phone: '13800000003', address: '济南市历下区经十路100号' },
        }),
      ),
      next: null,
    }),
    'GET /api/definitions/Workflow/repair': () => repair,
    'GET /api/settings': () => ({ mapUrl: 'https://map.example.com/?q={address}' }),
  });
}

async function mount(): Promise<SfCaseList> {
  const el = document.createElement('sf-case-list');
  Object.assign(el, {
    client: new ApiClient({ token: 'T', fetch: api().fetch }),
    user: lead,
    live: false,
    workflows: [{ name: 'repair', title: '售后报修' }],
  });
  document.body.append(el);
  await until(() => el.shadowRoot?.querySelector('tr[data-id]'), 'rows');
  await el.updateComplete;
  return el;
}

const $ = <T extends Element>(el: SfCaseList, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;

/** Everything a finger can tap in the list that is smaller than 44 × 44 px. */
function smallTargets(el: SfCaseList): string[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('tr[data-id] a[href], tr[data-id] button')]
    .map((a) => [a, a.getBoundingClientRect()] as const)
    .filter(([, r]) => r.width > 0 && (r.width < 44 || r.height < 44))
    .map(([a, r]) => `${a.getAttribute('part') ?? a.tagName} ${Math.round(r.width)}×${Math.round(r.height)}`);
}

describe('the worklist on a phone', () => {
  afterEach(async () => {
    document.querySelectorAll('sf-case-list').forEach((e) => e.remove());
    await setViewport({ width: 1280, height: 900 });
  });

  it('keeps the card compact: the summary on its normal lines, calling and the map as 44 px buttons at its foot', async () => {
    await setViewport({ width: 390, height: 844 });
    const el = await mount();
    const card = $(el, 'tr[data-id="R-1"]');
    const tel = await until(() => card.querySelector<HTMLAnchorElement>('a[part~="tel"]'), 'the call button');
    const map = await until(() => card.querySelector<HTMLAnchorElement>('a[part~="map-link"]'), 'the map button');
    equal(tel.getAttribute('href'), 'tel:13800000003');
    equal(map.getAttribute('href'), `https://map.example.com/?q=${encodeURIComponent('济南市历下区经十路100号')}`);
    equal(tel.getAttribute('aria-label'), '拨打 13800000003');
    equal(tel.textContent!.trim(), '拨打');
    equal(map.textContent!.trim(), '地图');
    // the summary is text on lines of the body's height, not spread by tall links
    const text = card.querySelector<HTMLElement>('[part~="summary"] .summary-text')!;
    const height = text.getBoundingClientRect().height;
    const size = parseFloat(getComputedStyle(text).fontSize);
    ok(height > 0 && height <= size * 3, `the summary is ${height} px high: at most two lines of ${size} px text`);
    equal(text.querySelectorAll('a').length, 0, 'no link inside the summary text');
    // the buttons sit side by side below everything else of the card, within it
    const [t, m, c] = [tel, map, card].map((e) => e.getBoundingClientRect());
    ok(Math.abs(t!.top - m!.top) < 1, 'in one row');
    for (const cell of card.querySelectorAll('td')) {
      if (cell.getBoundingClientRect().height > 0)
        ok(cell.getBoundingClientRect().bottom <= t!.top + 1, 'below the values');
    }
    ok(t!.bottom <= c!.bottom && t!.left >= c!.left && m!.right <= c!.right, 'inside the card');
    deepEqual(smallTargets(el), [], 'every target 44 px');
    // tapping them does not open the case
    let opened = false;
    el.addEventListener('sf-open-case', () => (opened = true));
    tel.addEventListener('click', (e) => e.preventDefault(), { once: true });
    tel.click();
    equal(opened, false);
  });

  it('shows calling and the map as small icons after the summary on a desktop', async () => {
    const el = await mount();
    const card = $(el, 'tr[data-id="R-1"]');
    const tel = await until(
      () => card.querySelector<HTMLAnchorElement>('[part~="summary"] a[part~="tel"]'),
      'the call icon',
    );
    const r = tel.getBoundingClientRect();
    ok(r.height < 44 && r.height > 0, `an icon (${r.height} px) in the row`);
    const text = card.querySelector<HTMLElement>('.summary-text')!.getBoundingClientRect();
    ok(Math.abs(text.top - r.top) < 12, 'on the summary line');
    equal(tel.getAttribute('aria-label'), '拨打 13800000003');
  });

  it('folds the filters behind 筛选 with the count of those set: the first case is on the first screen (audit item 4)', async () => {
    await setViewport({ width: 390, height: 844 });
    const el = await mount();
    const toggle = $<HTMLButtonElement>(el, '[part~="filters-toggle"]');
    ok(toggle.checkVisibility(), 'a 筛选 button');
    equal(toggle.textContent!.trim(), '筛选');
    equal(toggle.getAttribute('aria-expanded'), 'false');
    ok(!$(el, 'select[name="workflow"]').checkVisibility(), 'the filters folded');
    ok(!$(el, 'input[name="q"]').checkVisibility(), 'the search folded too');
    const first = $(el, 'tr[data-id]').getBoundingClientRect();
    ok(first.bottom <= 844, `the first case ends at ${first.bottom} px, within the first screen`);
    ok(toggle.getBoundingClientRect().height >= 44, 'a 44 px target');

    // the filters set are counted on the button
    el.q = '客户';
    el.overdue = true;
    await el.updateComplete;
    equal($(el, '[part~="filters-count"]').textContent, '2');
    equal(toggle.getAttribute('aria-label'), '筛选，已设 2 项');

    // a tap opens them
    toggle.click();
    await el.updateComplete;
    equal(toggle.getAttribute('aria-expanded'), 'true');
    ok($(el, 'select[name="workflow"]').checkVisibility(), 'the workflow filter');
    ok($(el, 'input[name="q"]').checkVisibility(), 'the search');
    equal($<HTMLInputElement>(el, 'input[name="q"]').value, '客户');
  });

  it('fades the sort chips where more lie beyond the edge, and Tab reaches every chip (audit item 5)', async () => {
    await setViewport({ width: 390, height: 844 });
    const el = await mount();
    const row = $<HTMLTableRowElement>(el, 'thead tr');
    ok(row.scrollWidth > row.clientWidth, 'the chips run past the screen');
    await until(() => row.hasAttribute('data-more-end'), 'more to the right');
    ok(!row.hasAttribute('data-more-start'), 'nothing to the left yet');
    const mask = () => getComputedStyle(row).maskImage;
    ok(mask().includes('linear-gradient'), `a fade at the edge: ${mask()}`);
    // the next chip is cut by the screen's edge, half there: there is more to swipe to
    const chips = [...row.querySelectorAll<HTMLButtonElement>('button.sort')];
    const cut = chips.find((c) => {
      const r = c.getBoundingClientRect();
      return r.left < row.getBoundingClientRect().right && r.right > row.getBoundingClientRect().right;
    });
    ok(cut, 'a chip partly shown at the edge');
    // every chip is a button in the tab order; the last one, focused, is scrolled into view
    ok(
      chips.every((c) => c.tabIndex === 0),
      'chips in the tab order',
    );
    const last = chips.at(-1)!;
    last.focus();
    await until(() => row.scrollLeft > 0, 'scrolled to the focused chip');
    // A page the runner keeps in the background gets no frames, and scroll events wait for one: say it now.
    row.dispatchEvent(new Event('scroll'));
    await until(() => !row.hasAttribute('data-more-end'), 'the end reached');
    ok(row.hasAttribute('data-more-start'), 'more to the left now');
    const r = last.getBoundingClientRect();
    ok(r.right <= row.getBoundingClientRect().right + 1, 'the focused chip whole on the screen');
  });

  it('keeps the filters in the toolbar on a desktop, without the 筛选 button', async () => {
    await setViewport({ width: 1280, height: 900 });
    const el = await mount();
    ok(!$(el, '[part~="filters-toggle"]').checkVisibility(), 'no 筛选 button');
    ok(!$(el, 'thead tr').hasAttribute('data-more-end'), 'no fade on the column heads');
    ok($(el, 'select[name="workflow"]').checkVisibility(), 'the workflow filter');
    ok($(el, 'input[name="q"]').checkVisibility(), 'the search');
  });
});
