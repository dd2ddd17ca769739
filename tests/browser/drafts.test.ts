// covers: P-5 (drafts survive a reload in IndexedDB)
import { equal, match, ok } from './assert.ts';
import { until } from './fake-api.ts';
import { cleanup, controlOf, formDefinition, mount, submit, type } from './helpers.ts';
import { drafts } from '../../ui/offline/drafts.ts';

const form = formDefinition([
  { name: 'customerName', type: 'text', label: '客户名称', required: true },
  { name: 'phone', type: 'phone', label: '电话' },
]);

function restored(el: HTMLElement) {
  return new Promise<void>((resolve) => el.addEventListener('sf-draft-restored', () => resolve(), { once: true }));
}

describe('drafts', () => {
  afterEach(cleanup);

  it('restores what was typed after the element is created again (a reload)', async () => {
    const draftKey = `work-order-${crypto.randomUUID()}`;
    // given a user typing into a form with a draft key
    const first = await mount({ form, draftKey });
    await type(first, '/customerName', '华北电力物资公司');
    await type(first, '/phone', '010-6666');
    await until(
      async () => (await drafts.load<{ phone?: string }>(draftKey))?.data.phone === '010-6666',
      'the debounced save',
    );
    first.remove();
    // when the page is loaded again
    const second = document.createElement('sf-form');
    const done = restored(second);
    Object.assign(second, { form, draftKey, value: {} });
    document.body.append(second);
    await done;
    await second.updateComplete;
    // then the typing is back, with a notice
    equal(controlOf(second, '/customerName')?.value, '华北电力物资公司');
    equal(controlOf(second, '/phone')?.value, '010-6666');
    match(second.shadowRoot!.querySelector('[part~="draft-notice"]')?.textContent, /草稿/);
  });

  it('saves a pending draft at once when the element goes away, and clears it on a successful submit', async () => {
    const draftKey = `work-order-${crypto.randomUUID()}`;
    const el = await mount({ form, draftKey });
    await type(el, '/customerName', '张三');
    el.remove(); // before the debounce fires
    await until(
      async () => (await drafts.load<{ customerName: string }>(draftKey))?.data.customerName === '张三',
      'the save on removal',
    );
    document.body.append(el);
    await el.updateComplete;
    ok(await submit(el), 'valid data submits');
    await until(async () => (await drafts.load(draftKey)) === undefined, 'the draft to go after submit');
  });
});
