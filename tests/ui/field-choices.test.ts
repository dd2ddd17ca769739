// covers: FORM-2
// A required field with exactly one valid choice is chosen for the reader (issue 15's audit, item 6):
// which values a field offers, and when there is only one, decided apart from any page.
import { describe, expect, it } from 'vitest';
import type { LayoutField } from '../../engine/forms/form-model.ts';
import type { Directory } from '../../ui/api/types.ts';
import { fieldChoices, soleChoice } from '../../ui/fields/field-choices.ts';

const field = (extra: Partial<LayoutField>): LayoutField => ({
  name: 'f',
  pointer: '/f',
  type: 'enum',
  label: { zh: '字段', en: 'Field' },
  required: true,
  readOnly: false,
  ...extra,
});

const directory: Directory = {
  units: [
    { name: 'hq', title: { zh: '总部', en: 'HQ' }, parent: null },
    { name: 'b1', title: { zh: '济南分公司', en: 'Jinan' }, parent: 'hq' },
    { name: 'b2', title: { zh: '青岛分公司', en: 'Qingdao' }, parent: 'hq' },
  ],
  people: [
    { username: 'b1.tech', name: '谢师傅', unit: 'b1', roles: ['tech'] },
    { username: 'b1.gone', name: '离职师傅', unit: 'b1', roles: ['tech'], disabled: true },
    { username: 'b2.tech', name: '云师傅', unit: 'b2', roles: ['tech'] },
  ],
  system: 'system',
} as Directory;

const at = (caseUnit?: string) => ({ people: directory, caseUnit, locale: 'zh-CN' }) as const;

describe('a sole valid choice', () => {
  it('is the one option of an enum, by its value', () => {
    const one = field({ options: [{ value: 'on-site', label: { zh: '上门服务', en: 'On site' } }] });
    expect(soleChoice(one, at())).toBe('on-site');
    expect(fieldChoices(one, at())).toEqual([{ value: 'on-site', label: '上门服务' }]);
  });

  it('is no choice when there are two options, none, or several may be chosen', () => {
    const two = field({
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
    });
    expect(soleChoice(two, at())).toBeUndefined();
    expect(soleChoice(field({ options: [] }), at())).toBeUndefined();
    expect(soleChoice(field({ options: [{ value: 'a', label: 'A' }], multiple: true }), at())).toBeUndefined();
  });

  it("is the only person a user field may name for this case: the role's enabled holders in the case's unit", () => {
    const technician = field({ type: 'user', role: 'tech' });
    expect(soleChoice(technician, at('b1'))).toBe('b1.tech');
    // a case not started yet: every unit, so two technicians to choose from
    expect(soleChoice(technician, at(undefined))).toBeUndefined();
    // no directory: the username is typed, nothing to choose
    expect(fieldChoices(technician, { people: undefined, caseUnit: 'b1', locale: 'zh-CN' })).toBeUndefined();
  });

  it("is the server's one listed person or unit (oneOf) over the directory", () => {
    const listed = field({ type: 'user', role: 'tech', options: [{ value: 'b2.tech', label: '云师傅' }] });
    expect(soleChoice(listed, at('b1'))).toBe('b2.tech');
    const unit = field({ type: 'unit', options: [{ value: 'b1', label: '济南分公司' }] });
    expect(soleChoice(unit, at())).toBe('b1');
    // nothing listed as valid now: no choice at all
    expect(soleChoice(field({ type: 'unit', options: [] }), at())).toBeUndefined();
  });

  it("is the case's own unit for a unit field within the case, when it has none below", () => {
    const unit = field({ type: 'unit' });
    expect(soleChoice(unit, at('b2'))).toBe('b2');
    expect(soleChoice(unit, at('hq'))).toBeUndefined();
    expect(soleChoice(field({ type: 'unit', within: 'any' }), at('b2'))).toBeUndefined();
  });

  it('is never a value typed freely', () => {
    expect(fieldChoices(field({ type: 'text' }), at())).toBeUndefined();
    expect(soleChoice(field({ type: 'yesno' }), at())).toBeUndefined();
  });
});
