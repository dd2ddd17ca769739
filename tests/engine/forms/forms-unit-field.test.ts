import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue, loadDefinitions } from '../../../engine/definitions/index.ts';
import type { Definition } from '../../../engine/definitions/kind.ts';
import {
  compileForm,
  fieldChoicesAt,
  formKind,
  withFieldChoices,
  type ChoiceSources,
  type FormSpec,
  type Units,
} from '../../../engine/forms/index.ts';
import { organizationKind } from '../../../engine/org/organization-kind.ts';

// covers: INFO-3, TND-3
/**
 * A field whose valid values are units of the Organization (the monthly report's reporting unit,
 * the tender's tender company): compiled to an annotated string, validated against the units the
 * engine knows for this actor and case, listed as oneOf for a client, refused by the loader when
 * its scope is unknown.
 */
const report: Definition<FormSpec> = {
  apiVersion: 'serviceframe/v1',
  kind: 'Form',
  metadata: { name: 'report' },
  spec: {
    fields: [
      { name: 'unit', type: 'unit', label: { zh: '报告单位', en: 'Unit' }, within: 'actor', unitTypes: ['branch'] },
      { name: 'office', type: 'unit', label: 'Office', within: 'any', role: 'tech' },
      { name: 'below', type: 'unit', label: 'Below' },
    ],
  },
};

// hq with its department hq-ops (acting for hq), branches b1 and b2; the actor works for b1, the
// case is in b2, and a tech works for b2 only.
const TREE: Record<string, { type: string; parent: string | null }> = {
  hq: { type: 'hq', parent: null },
  'hq-ops': { type: 'dept', parent: 'hq' },
  b1: { type: 'branch', parent: 'hq' },
  b2: { type: 'branch', parent: 'hq' },
};
const within = (unit: string, scope: string): boolean =>
  unit === scope || (TREE[unit]?.parent != null && within(TREE[unit]!.parent!, scope));
const units: Units = {
  unit: (name) => TREE[name],
  withinActor: (unit) => within(unit, 'b1'),
  withinCase: (unit) => within(unit, 'b2'),
  heldIn: (unit, role) => role === 'tech' && unit === 'b2',
};

describe('field type unit', () => {
  it('compiles to a string annotated with its type, scope (case by default), unit types and role', () => {
    const { schema, layout } = compileForm(report);
    const properties = (schema as { properties: Record<string, unknown> }).properties;
    expect(properties['unit']).toEqual(
      expect.objectContaining({
        type: 'string',
        'x-sf-type': 'unit',
        'x-sf-within': 'actor',
        'x-sf-unit-types': ['branch'],
      }),
    );
    expect(properties['office']).toEqual(expect.objectContaining({ 'x-sf-within': 'any', 'x-sf-role': 'tech' }));
    expect(properties['below']).toEqual(expect.objectContaining({ 'x-sf-type': 'unit', 'x-sf-within': 'case' }));
    expect(properties['below']).not.toHaveProperty('x-sf-unit-types');
    expect(layout.sections[0]!.fields[0]).toEqual(
      expect.objectContaining({ type: 'unit', within: 'actor', unitTypes: ['branch'], pointer: '/unit' }),
    );
  });

  it("accepts the actor's unit, a unit where the role is held, and one below the case's", () => {
    expect(compileForm(report).validate({ unit: 'b1', office: 'b2', below: 'b2' }, { units })).toEqual({
      ok: true,
      data: { unit: 'b1', office: 'b2', below: 'b2' },
    });
  });

  it('refuses an unknown unit, one of another type, outside the scope or without the role, each at its path', () => {
    const form = compileForm(report);
    const errors = (data: Record<string, string>, locale: 'en' | 'zh-CN' = 'en') => {
      const r = form.validate(data, { units, locale });
      return r.ok ? [] : r.errors.map((e) => [e.path, e.code, e.message]);
    };
    expect(errors({ unit: 'nowhere', office: 'b1', below: 'hq' })).toEqual([
      ['/unit', 'unknownUnit', 'Unit: there is no unit "nowhere"'],
      ['/office', 'unitWithoutRole', 'Office: nobody at that unit does this work; choose one of the listed units'],
      ['/below', 'unitOutsideCase', "Below: choose this case's unit or a unit below it"],
    ]);
    expect(errors({ unit: 'hq-ops' })).toEqual([
      ['/unit', 'unitOfOtherType', 'Unit: that unit is not one to choose here; choose one of the listed units'],
    ]);
    expect(errors({ unit: 'b2' }, 'zh-CN')).toEqual([
      ['/unit', 'unitOutsideActor', '报告单位：只能选择您所在单位或其下级单位'],
    ]);
  });

  it('checks only the shape where nobody knows the units (a browser)', () => {
    expect(compileForm(report).validate({ unit: 'nowhere' }).ok).toBe(true);
    expect(compileForm(report).validate({ unit: 7 }).ok).toBe(false);
  });

  it('lists exactly the units the check accepts as oneOf, in the order given, or a link, or nothing', () => {
    const { schema } = compileForm(report);
    const sources: ChoiceSources = {
      people: { person: () => undefined, withinCase: () => false },
      candidates: () => [],
      units,
      unitCandidates: [
        { name: 'hq', title: '总部' },
        { name: 'hq-ops', title: '运营部' },
        { name: 'b1', title: '济南分公司' },
        { name: 'b2', title: '青岛分公司' },
      ],
    };
    const listed = withFieldChoices(schema, sources) as { properties: Record<string, Record<string, unknown>> };
    expect(listed.properties['unit']!['oneOf']).toEqual([{ const: 'b1', title: '济南分公司' }]);
    expect(listed.properties['office']!['oneOf']).toEqual([{ const: 'b2', title: '青岛分公司' }]);
    expect(listed.properties['below']!['oneOf']).toEqual([{ const: 'b2', title: '青岛分公司' }]);
    expect(fieldChoicesAt(schema, '/unit', sources)).toEqual([{ const: 'b1', title: '济南分公司' }]);
    // every listed value passes validation with the same units
    expect(compileForm(report).validate({ unit: 'b1', office: 'b2', below: 'b2' }, { units }).ok).toBe(true);
    // nothing valid: `not: {}`; more than `inline`: a link instead
    const none = withFieldChoices(schema, { ...sources, units: { ...units, withinActor: () => false } }) as {
      properties: Record<string, Record<string, unknown>>;
    };
    expect(none.properties['unit']).toEqual(expect.objectContaining({ not: {} }));
    expect(none.properties['unit']).not.toHaveProperty('oneOf');
    const linked = withFieldChoices(
      schema,
      { ...sources, units: { ...units, withinCase: () => true } },
      { inline: 1, linkFor: (field) => `/choices?field=${field}` },
    ) as { properties: Record<string, Record<string, unknown>> };
    expect(linked.properties['below']!['x-sf-choices']).toBe('/choices?field=/below');
    expect(linked.properties['unit']!['oneOf']).toEqual([{ const: 'b1', title: '济南分公司' }]);
  });
});

describe('the loader and unit fields', () => {
  const org = { path: 'tests/fixtures/engine/org.yaml', text: readFileSync('tests/fixtures/engine/org.yaml', 'utf8') };
  const issuesOf = (text: string) => {
    const form = { path: 'forms/report.yaml', text };
    return loadDefinitions([org, form], [organizationKind, formKind]).issues.filter((i) => i.at.file === form.path);
  };
  const form = (fields: string) => `apiVersion: serviceframe/v1
kind: Form
metadata: { name: report }
spec:
  fields:
${fields}`;

  it('accepts the scopes a unit field knows, a known unit type and a known role', () => {
    expect(
      issuesOf(
        form(`    - { name: a, type: unit, label: A, within: actor, unitTypes: [branch] }
    - { name: b, type: unit, label: B, within: any, role: tech }
    - { name: c, type: unit, label: C, within: case }`),
      ),
    ).toEqual([]);
  });

  it('refuses an unknown scope, and a scope a user field does not know, at its line and column', () => {
    const unknown = issuesOf(form(`    - { name: unit, type: unit, label: Unit, within: region }`));
    expect(unknown.map((i) => i.pointer)).toEqual(['/spec/fields/0/within']);
    expect(formatIssue(unknown[0]!)).toBe('forms/report.yaml:6:54: "within" must be one of: "actor", "case", "any"');
    const forUser = issuesOf(form(`    - { name: who, type: user, label: Who, within: actor }`));
    expect(forUser.map((i) => [i.code, i.pointer])).toEqual([['INVALID_VALUE', '/spec/fields/0/within']]);
    expect(formatIssue(forUser[0]!)).toBe(
      'forms/report.yaml:6:52: a user field cannot be within "actor" (user knows: case, any)',
    );
  });

  it('refuses a unit type or a role the Organization does not define, at its line and column', () => {
    const issues = issuesOf(
      form(`    - { name: unit, type: unit, label: Unit, unitTypes: [branch, region], role: wizard }`),
    );
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([
      ['UNKNOWN_REFERENCE', '/spec/fields/0/role'],
      ['UNKNOWN_REFERENCE', '/spec/fields/0/unitTypes/1'],
    ]);
    expect(issues.map(formatIssue)).toEqual([
      expect.stringMatching(/^forms\/report\.yaml:6:81: unknown role "wizard"/),
      'forms/report.yaml:6:66: unknown unit type "region" (known unit types: hq, dept, branch)',
    ]);
  });
});
