import { compileForm } from '../../engine/forms/index.ts';
import type { Directory } from '../../ui/api/types.ts';
import type { SfForm } from '../../ui/components/sf-form.ts';
import { summaryParts } from '../../ui/components/case-summary.ts';
import { formForEvent } from '../../ui/components/form-from-schema.ts';
import { casePageTranslator } from '../../ui/i18n/case-page-messages.ts';
import { formatValue } from '../../ui/values/format-value.ts';
import { deepEqual, equal, ok } from './assert.ts';
import { workflowView } from './answers.ts';
import { cleanup, controlOf, errorOf, formDefinition, mount, select, submit, type } from './helpers.ts';

// covers: INFO-3
// hq above the branches b1 and b2; b1's service department below b1.
const directory: Directory = {
  units: [
    { name: 'hq', title: { zh: '集团总部', en: 'Headquarters' }, parent: null },
    { name: 'b1', title: { zh: '济南分公司', en: 'Jinan branch' }, parent: 'hq' },
    { name: 'b1-service', title: { zh: '济南分公司服务部门', en: 'Jinan service' }, parent: 'b1' },
    { name: 'b2', title: { zh: '青岛分公司', en: 'Qingdao branch' }, parent: 'hq' },
  ],
  people: [],
  system: 'system',
};

const reportStart = (extra: Record<string, unknown> = {}) =>
  formDefinition(
    [
      {
        name: 'unit',
        type: 'unit',
        label: { zh: '报告单位', en: 'Reporting unit' },
        within: 'actor',
        unitTypes: ['branch'],
        required: true,
        ...extra,
      },
    ],
    'monthly-report-start',
  );
const P = '/unit';

/** The form's schema as the server sends it: the unit field with the units it lists for this reader. */
function served(listed: Record<string, unknown>) {
  const schema = compileForm(reportStart() as Parameters<typeof compileForm>[0]).schema as {
    properties: Record<string, Record<string, unknown>>;
  };
  return { ...schema, properties: { unit: { ...schema.properties['unit'], ...listed } } };
}

/** The options a person can pick: (text, value) of each, without the "choose" placeholder. */
const options = (el: SfForm) =>
  [...(controlOf<HTMLSelectElement>(el, P)?.options ?? [])]
    .filter((o) => o.value !== '')
    .map((o) => [o.textContent?.trim(), o.value]);

describe('unit field', () => {
  afterEach(cleanup);

  it('offers the units the server lists, by title, and submits the chosen unit by name', async () => {
    const form = formForEvent(
      served({
        oneOf: [
          { const: 'b1', title: '济南分公司' },
          { const: 'b2', title: '青岛分公司' },
        ],
      }),
    )!;
    // the directory would offer more: the server's list is what it accepts, so it is what is offered
    const el = await mount({ form, people: directory });
    ok(controlOf(el, P) instanceof HTMLSelectElement, 'a select');
    deepEqual(options(el), [
      ['济南分公司', 'b1'],
      ['青岛分公司', 'b2'],
    ]);
    await select(el, P, 'b2');
    deepEqual(await submit(el), { data: { unit: 'b2' } });
  });

  it('asks for a unit where it is required, in the reader’s language, and keeps what was chosen', async () => {
    // two to choose from (one alone would be chosen for the reader: tests/browser/sole-choice.test.ts)
    const form = formForEvent(
      served({
        oneOf: [
          { const: 'b1', title: 'Jinan branch' },
          { const: 'b2', title: 'Qingdao branch' },
        ],
      }),
    )!;
    const el = await mount({ form, locale: 'en' });
    equal(await submit(el), undefined);
    equal(errorOf(el, P), 'Reporting unit is required');
    await select(el, P, 'b1');
    deepEqual(await submit(el), { data: { unit: 'b1' } });
    equal(controlOf<HTMLSelectElement>(el, P)?.value, 'b1');
  });

  it('offers nothing where the server says no unit is valid now', async () => {
    const el = await mount({ form: formForEvent(served({ not: {} }))!, people: directory });
    deepEqual(options(el), []);
    equal(await submit(el), undefined);
  });

  it('without a served list, offers the directory’s units (for within: case, the case’s unit and below) by title', async () => {
    const el = await mount({ form: reportStart({ within: 'case' }), people: directory, caseUnit: 'b1' });
    deepEqual(options(el), [
      ['济南分公司', 'b1'],
      ['济南分公司服务部门', 'b1-service'],
    ]);
  });

  it('keeps showing a unit chosen before by its title (a printed old event)', async () => {
    const form = formForEvent(served({ oneOf: [{ const: 'b1', title: '济南分公司' }] }))!;
    const el = await mount({ form, people: directory, value: { unit: 'b2' }, disabled: true });
    equal(controlOf<HTMLSelectElement>(el, P)?.selectedOptions[0]?.textContent?.trim(), '青岛分公司');
  });

  it('falls back to typing the unit’s name when there is neither a list nor a directory', async () => {
    const el = await mount({ form: reportStart() });
    const input = controlOf(el, P);
    ok(input instanceof HTMLInputElement && input.type === 'text', 'a text input');
    await type(el, P, 'b1');
    deepEqual(await submit(el), { data: { unit: 'b1' } });
  });

  it('shows a stored unit by its title in a case’s data and in a list’s summary', () => {
    const titles: Record<string, string> = { b1: '济南分公司' };
    const unit = (name: string) => titles[name] ?? name;
    const field = { name: 'unit', type: 'unit', label: { zh: '考核单位', en: 'Unit audited' } };
    const reader = { locale: 'zh-CN' as const, unit, t: casePageTranslator('zh-CN') };
    equal(formatValue(field as Parameters<typeof formatValue>[0], 'b1', reader), '济南分公司');
    const info = workflowView({ name: 'norm-audit', summary: [{ path: 'unit', title: '考核单位', type: 'unit' }] });
    deepEqual(
      summaryParts(info, { unit: 'b1' }, 'zh-CN', { unit }).map((p) => p.text),
      ['济南分公司'],
    );
  });
});
