// covers: FORM-2
// A required field with exactly one valid choice comes chosen (issue 15's audit, item 6): an enum of
// one option, the one technician of the case's unit, the one unit the server lists; the reader still
// sees it and can change it. Not for an optional field, a field the reader cleared, or a printed event.
import type { Directory } from '../../ui/api/types.ts';
import { compileForm } from '../../engine/forms/index.ts';
import { formForEvent } from '../../ui/components/form-from-schema.ts';
import { deepEqual, equal, ok } from './assert.ts';
import { cleanup, controlOf, errorOf, formDefinition, mount, root, select, submit } from './helpers.ts';

const directory: Directory = {
  units: [
    { name: 'hq', title: '总部', parent: null },
    { name: 'b1', title: '济南分公司', parent: 'hq' },
    { name: 'b2', title: '青岛分公司', parent: 'hq' },
  ],
  people: [
    { username: 'b1.xie', name: '谢师傅', unit: 'b1', roles: ['tech'] },
    { username: 'b2.yun', name: '云师傅', unit: 'b2', roles: ['tech'] },
    { username: 'b2.li', name: '李师傅', unit: 'b2', roles: ['tech'] },
  ],
  system: 'system',
};

const dispatch = (required = true) =>
  formDefinition([
    { name: 'technician', type: 'user', label: { zh: '维修人员', en: 'Technician' }, role: 'tech', required },
    {
      name: 'serviceForm',
      type: 'enum',
      label: { zh: '服务形式', en: 'Service form' },
      options: [{ value: 'on-site', label: { zh: '上门服务', en: 'On site' } }],
      required,
    },
    { name: 'note', type: 'text', label: { zh: '备注', en: 'Note' } },
  ]);

describe('a required field with one valid choice', () => {
  afterEach(cleanup);

  it("comes chosen: the case unit's one technician, the one option, shown and sent", async () => {
    const el = await mount({ form: dispatch(), people: directory, caseUnit: 'b1' });
    const technician = controlOf<HTMLSelectElement>(el, '/technician')!;
    equal(technician.value, 'b1.xie');
    equal(technician.selectedOptions[0]!.textContent!.trim(), '谢师傅');
    const radio = root(el).querySelector<HTMLInputElement>('.field[data-pointer="/serviceForm"] input[type="radio"]')!;
    ok(radio.checked, 'the one option checked');
    ok(!technician.disabled && !radio.disabled, 'still the reader’s to see and change');
    deepEqual(await submit(el), { data: { technician: 'b1.xie', serviceForm: 'on-site' } });
  });

  it('is left to the reader where there are two to choose from, or the field is optional', async () => {
    const two = await mount({ form: dispatch(), people: directory, caseUnit: 'b2' });
    equal(controlOf<HTMLSelectElement>(two, '/technician')!.value, '');
    cleanup();
    const optional = await mount({ form: dispatch(false), people: directory, caseUnit: 'b1' });
    equal(controlOf<HTMLSelectElement>(optional, '/technician')!.value, '');
    deepEqual(await submit(optional), { data: {} });
  });

  it('stays cleared when the reader clears it, and is asked for then', async () => {
    const el = await mount({ form: dispatch(), people: directory, caseUnit: 'b1' });
    await select(el, '/technician', '');
    equal(controlOf<HTMLSelectElement>(el, '/technician')!.value, '');
    equal(await submit(el), undefined);
    equal(errorOf(el, '/technician'), '请填写维修人员');
  });

  it('is chosen once the directory arrives, and never in a printed (disabled) event', async () => {
    const el = await mount({ form: dispatch(), caseUnit: 'b1' });
    el.people = directory;
    await el.updateComplete;
    equal(controlOf<HTMLSelectElement>(el, '/technician')!.value, 'b1.xie');
    cleanup();
    const printed = await mount({ form: dispatch(), people: directory, caseUnit: 'b1', disabled: true, value: {} });
    equal(controlOf<HTMLSelectElement>(printed, '/technician')!.value, '');
  });

  it('takes the one person the server lists for this reader and case (oneOf) over the directory', async () => {
    const schema = compileForm(dispatch() as Parameters<typeof compileForm>[0]).schema as {
      properties: Record<string, Record<string, unknown>>;
    };
    const served = {
      ...schema,
      properties: {
        ...schema.properties,
        technician: { ...schema.properties['technician'], oneOf: [{ const: 'b2.yun', title: '云师傅' }] },
      },
    };
    const el = await mount({ form: formForEvent(served)!, people: directory, caseUnit: 'b2' });
    equal(controlOf<HTMLSelectElement>(el, '/technician')!.value, 'b2.yun');
    deepEqual(
      [...controlOf<HTMLSelectElement>(el, '/technician')!.options].filter((o) => o.value).map((o) => o.value),
      ['b2.yun'],
    );
  });
});
