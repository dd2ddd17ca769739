import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue, loadDefinitions } from '../../../engine/definitions/index.ts';
import type { Definition } from '../../../engine/definitions/kind.ts';
import { compileForm, formKind, type FormSpec, type People } from '../../../engine/forms/index.ts';
import { organizationKind } from '../../../engine/org/organization-kind.ts';
import { formFixturePath, formFixtureText } from './forms-fixture.ts';

const handover: Definition<FormSpec> = {
  apiVersion: 'serviceframe/v1',
  kind: 'Form',
  metadata: { name: 'handover' },
  spec: {
    fields: [
      { name: 'to', type: 'user', label: { zh: '接手人', en: 'To' }, role: 'tech', upward: true, required: true },
      { name: 'witness', type: 'user', label: 'Witness', within: 'any' },
    ],
  },
};

// b1.tech (tech, unit b1), b2.tech (tech, unit b2), b1.lead (lead, unit b1); the case is in b1
// (and so is the nearest unit with a tech: `to` asks for upward, and the check passes its role on).
const people: People = {
  person: (username) =>
    ({
      'b1.tech': { unit: 'b1', roles: ['tech'] },
      'b2.tech': { unit: 'b2', roles: ['tech'] },
      'b1.lead': { unit: 'b1', roles: ['lead'] },
    })[username],
  withinCase: (unit, upwardFor) => unit === 'b1' && upwardFor === 'tech',
};

describe('field type user', () => {
  it('compiles to a string annotated with its type, role and scope (case by default, upward when asked)', () => {
    const { schema, layout } = compileForm(handover);
    const properties = (schema as { properties: Record<string, unknown> }).properties;
    expect(properties['to']).toEqual(
      expect.objectContaining({
        type: 'string',
        'x-sf-type': 'user',
        'x-sf-role': 'tech',
        'x-sf-within': 'case',
        'x-sf-upward': true,
      }),
    );
    expect(properties['witness']).toEqual(
      expect.objectContaining({ type: 'string', 'x-sf-type': 'user', 'x-sf-within': 'any' }),
    );
    expect(properties['witness']).not.toHaveProperty('x-sf-role');
    expect(properties['witness']).not.toHaveProperty('x-sf-upward');
    expect(layout.sections[0]!.fields[0]).toEqual(
      expect.objectContaining({ type: 'user', role: 'tech', upward: true, pointer: '/to' }),
    );
  });

  it('accepts an enabled holder of the role in the case unit, and anyone for within: any', () => {
    expect(compileForm(handover).validate({ to: 'b1.tech', witness: 'b2.tech' }, { people })).toEqual({
      ok: true,
      data: { to: 'b1.tech', witness: 'b2.tech' },
    });
  });

  it('refuses an unknown person, one without the role and one outside the case unit, each at its path', () => {
    const form = compileForm(handover);
    const errors = (to: string, witness?: string) => {
      const r = form.validate({ to, ...(witness ? { witness } : {}) }, { people, locale: 'en' });
      return r.ok ? [] : r.errors.map((e) => [e.path, e.code, e.message]);
    };
    expect(errors('nobody', 'ghost')).toEqual([
      ['/to', 'unknownUser', 'To: there is no active user "nobody"'],
      ['/witness', 'unknownUser', 'Witness: there is no active user "ghost"'],
    ]);
    expect(errors('b1.lead')).toEqual([['/to', 'userWithoutRole', 'To: choose someone holding the role tech']]);
    expect(errors('b2.tech')).toEqual([['/to', 'userOutsideCase', 'To: "b2.tech" works outside this case\'s unit']]);
  });

  it('checks only the shape where nobody knows the people (a browser)', () => {
    expect(compileForm(handover).validate({ to: 'nobody' }).ok).toBe(true);
    expect(compileForm(handover).validate({ to: 7 }).ok).toBe(false);
  });
});

describe('the loader and user fields', () => {
  it('refuses a role the Organization does not define, at its line and column, and looks inside rows', () => {
    const org = {
      path: 'tests/fixtures/engine/org.yaml',
      text: readFileSync('tests/fixtures/engine/org.yaml', 'utf8'),
    };
    const form = {
      path: formFixturePath('invalid/unknown-user-role'),
      text: formFixtureText('invalid/unknown-user-role'),
    };
    // (the fixture organization's calendar is not loaded here: only the form's issues count)
    const issues = loadDefinitions([org, form], [organizationKind, formKind]).issues.filter(
      (i) => i.at.file === form.path,
    );
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([
      ['UNKNOWN_REFERENCE', '/spec/fields/0/role'],
      ['UNKNOWN_REFERENCE', '/spec/fields/1/fields/0/role'],
    ]);
    expect(formatIssue(issues[0]!)).toMatch(
      /unknown-user-role\.yaml:7:48: unknown role "wizard" \(known roles: staff, lead, tech, manager, director, customer\)$/,
    );
    expect(formatIssue(issues[1]!)).toMatch(/unknown-user-role\.yaml:12:60: unknown role "druid"/);
  });
});
