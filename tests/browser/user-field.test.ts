import { compileForm } from '../../engine/forms/index.ts';
import type { Directory } from '../../ui/api/types.ts';
import type { SfForm } from '../../ui/components/sf-form.ts';
import { formForEvent } from '../../ui/components/form-from-schema.ts';
import { deepEqual, equal, ok } from './assert.ts';
import { cleanup, controlOf, formDefinition, mount, select, submit, type } from './helpers.ts';

// hq above the branches b1 and b2; b1's service department below b1.
const directory: Directory = {
  units: [
    { name: 'hq', title: 'hq', parent: null },
    { name: 'b1', title: 'b1', parent: 'hq' },
    { name: 'b1-service', title: 'b1-service', parent: 'b1' },
    { name: 'b2', title: 'b2', parent: 'hq' },
  ],
  people: [
    { username: 'b1.xie', name: '谢师傅', unit: 'b1-service', roles: ['tech'] },
    { username: 'b1.zou', name: '邹师傅', unit: 'b1', roles: ['tech', 'lead'] },
    { username: 'b1.jiang', name: '姜主管', unit: 'b1', roles: ['lead'] },
    { username: 'b1.gone', name: '离职师傅', unit: 'b1', roles: ['tech'], disabled: true },
    { username: 'b2.yun', name: '云师傅', unit: 'b2', roles: ['tech'] },
    { username: 'hq.wu', name: null, unit: 'hq', roles: ['tech'] },
    { username: 'hq.sun', name: '孙经理', unit: 'hq', roles: ['manager'] },
  ],
  system: 'system',
};

const technician = (extra: Record<string, unknown> = {}) =>
  formDefinition([
    {
      name: 'technician',
      type: 'user',
      label: { zh: '维修人员', en: 'Technician' },
      role: 'tech',
      required: true,
      ...extra,
    },
  ]);
const P = '/technician';

/** The options a person can pick: (text, value) of each, without the "choose" placeholder. */
const options = (el: SfForm) =>
  [...(controlOf<HTMLSelectElement>(el, P)?.options ?? [])]
    .filter((o) => o.value !== '')
    .map((o) => [o.textContent?.trim(), o.value]);

describe('user field', () => {
  afterEach(cleanup);

  it('offers the enabled holders of the role in the case unit and below, by name, and submits the username', async () => {
    const el = await mount({ form: technician(), people: directory, caseUnit: 'b1' });
    ok(controlOf(el, P) instanceof HTMLSelectElement, 'a select');
    deepEqual(
      options(el),
      [
        ['谢师傅', 'b1.xie'],
        ['邹师傅', 'b1.zou'],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!, 'zh-CN')),
    );
    await select(el, P, 'b1.zou');
    deepEqual(await submit(el), { data: { technician: 'b1.zou' } });
  });

  it('offers every unit for within: any, and without a case unit (a case not started yet)', async () => {
    const all = ['b1.xie', 'b1.zou', 'b2.yun', 'hq.wu'];
    const any = await mount({ form: technician({ within: 'any' }), people: directory, caseUnit: 'b1' });
    deepEqual(
      options(any)
        .map((o) => o[1])
        .sort(),
      all,
    );
    cleanup();
    const start = await mount({ form: technician(), people: directory });
    deepEqual(
      options(start)
        .map((o) => o[1])
        .sort(),
      all,
    );
    // someone without a name is offered by username
    ok(
      options(start).some(([text, value]) => text === 'hq.wu' && value === 'hq.wu'),
      'hq.wu by username',
    );
  });

  it('with upward, offers the nearest unit above the case unit only when nobody in it holds the role', async () => {
    const managers = await mount({
      form: technician({ role: 'manager', upward: true }),
      people: directory,
      caseUnit: 'b1',
    });
    deepEqual(options(managers), [['孙经理', 'hq.sun']]);
    cleanup();
    const techs = await mount({ form: technician({ upward: true }), people: directory, caseUnit: 'b1' });
    deepEqual(
      options(techs)
        .map((o) => o[1])
        .sort(),
      ['b1.xie', 'b1.zou'],
    );
  });

  it('reads role and scope from the schema annotations an event form is served with', async () => {
    const served = compileForm(technician({ role: 'lead' }) as Parameters<typeof compileForm>[0]).schema;
    const el = await mount({ form: formForEvent(served)!, people: directory, caseUnit: 'b1' });
    deepEqual(
      options(el)
        .map((o) => o[1])
        .sort(),
      ['b1.jiang', 'b1.zou'],
    );
    cleanup();
    const upward = compileForm(
      technician({ role: 'manager', upward: true }) as Parameters<typeof compileForm>[0],
    ).schema;
    const managers = await mount({ form: formForEvent(upward)!, people: directory, caseUnit: 'b1' });
    deepEqual(options(managers), [['孙经理', 'hq.sun']]);
  });

  it('keeps showing a person chosen before who is no longer offered (a printed old event)', async () => {
    const el = await mount({
      form: technician(),
      people: directory,
      caseUnit: 'b1',
      value: { technician: 'b1.gone' },
      disabled: true,
    });
    equal(controlOf<HTMLSelectElement>(el, P)?.selectedOptions[0]?.textContent?.trim(), '离职师傅');
  });

  it('falls back to typing the username when the host gives no directory', async () => {
    const el = await mount({ form: technician(), caseUnit: 'b1' });
    const input = controlOf(el, P);
    ok(input instanceof HTMLInputElement && input.type === 'text', 'a text input');
    await type(el, P, 'b1.xie');
    deepEqual(await submit(el), { data: { technician: 'b1.xie' } });
  });
});
