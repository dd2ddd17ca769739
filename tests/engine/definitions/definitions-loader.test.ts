// covers: P-1, P-2
import { describe, expect, it } from 'vitest';
import { allKinds, formatIssue, loadDefinitions, type SourceFile } from '../../../engine/definitions/index.ts';
import { readDefinitionFiles } from '../../../engine/definitions/index.ts';

const base = readDefinitionFiles('tests/fixtures/engine').filter((f) => !f.path.endsWith('workflows.yaml'));
const load = (...extra: SourceFile[]) => loadDefinitions([...base, ...extra], allKinds);
const wf = (text: string): SourceFile => ({ path: 'defs/wf.yaml', text });

const header = `apiVersion: serviceframe/v1
kind: Workflow
metadata: { name: w }
spec:
  start: { allow: [ { role: staff } ] }
  initial: a
`;

describe('loading definitions', () => {
  it('accepts the fixture set without a single error', () => {
    const r = loadDefinitions(readDefinitionFiles('tests/fixtures/engine'), allKinds);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('points at a YAML syntax error with its line and column', () => {
    const r = load(wf(`${header}  states:\n    a: { on: [ }\n`));
    expect(r.issues[0]).toMatchObject({ code: 'SYNTAX', at: { file: 'defs/wf.yaml', line: 8 } });
    expect(formatIssue(r.issues[0]!)).toMatch(/^defs\/wf\.yaml:8:\d+: /);
  });

  it('points at a schema error on the offending node, in plain words', () => {
    const r = load(wf(`${header}  states:\n    a:\n      typo: 1\n      type: final\n`));
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        code: 'SCHEMA',
        pointer: '/spec/states/a/typo',
        at: expect.objectContaining({ line: 9, column: 7 }),
        message: 'unknown property "typo"',
      }),
    );
  });

  it('reports a wrong type with the expected type', () => {
    const r = load(wf(`${header}  states:\n    a:\n      type: final\n      title: 5\n`));
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        pointer: '/spec/states/a/title',
        at: expect.objectContaining({ line: 10 }),
        message: 'expected string or object',
      }),
    );
  });

  it('reports every unknown reference, unreachable state and missing target in one run', () => {
    const r = load(
      wf(`${header}  startForm: nope
  states:
    a:
      on:
        go: { target: bb, form: missing, allow: [ { role: wizard } ] }
        idle: { title: Idle }
    b: { type: final }
`),
    );
    const lines = r.issues.map((i) => [i.code, i.pointer, i.at.line]);
    expect(lines).toEqual(
      expect.arrayContaining([
        ['UNKNOWN_REFERENCE', '/spec/startForm', 7],
        ['UNKNOWN_REFERENCE', '/spec/states/a/on/go/target', 11],
        ['UNKNOWN_REFERENCE', '/spec/states/a/on/go/form', 11],
        ['UNKNOWN_REFERENCE', '/spec/states/a/on/go/allow/0/role', 11],
        ['MISSING_TARGET', '/spec/states/a/on/idle', 12],
        ['UNREACHABLE_STATE', '/spec/states/b', 13],
      ]),
    );
    expect(r.issues.find((i) => i.pointer.endsWith('/role'))?.hint).toMatch(/known roles: .*staff/);
  });

  it('checks actions against the closed vocabulary, and conditions against the known facts', () => {
    const r = load(
      wf(`${header}  states:
    a:
      on:
        go:
          target: b
          when: { all: [ { fact: weather, operator: equal, value: 1 } ] }
          actions:
            - launch: { rockets: 3 }
            - notify: { template: nope, to: [owner] }
            - assign: { role: 5 }
    b: { type: final }
`),
    );
    const byPointer = Object.fromEntries(r.issues.map((i) => [i.pointer, i]));
    expect(byPointer['/spec/states/a/on/go/when/all/0/fact']).toMatchObject({
      code: 'INVALID_CONDITION',
      message: 'unknown fact "weather"',
    });
    expect(byPointer['/spec/states/a/on/go/actions/0/launch']).toMatchObject({
      code: 'UNKNOWN_REFERENCE',
      hint: expect.stringContaining('notify'),
    });
    expect(byPointer['/spec/states/a/on/go/actions/1/notify/template']).toMatchObject({ code: 'UNKNOWN_REFERENCE' });
    expect(byPointer['/spec/states/a/on/go/actions/2/assign/role']).toMatchObject({ code: 'SCHEMA' });
  });

  it('refuses a definition defined twice and an unknown kind, pointing at both', () => {
    const twice = `apiVersion: serviceframe/v1\nkind: Script\nmetadata: { name: s }\nspec: { lines: [hello] }\n`;
    const r = load(
      { path: 'a.yaml', text: twice },
      { path: 'b.yaml', text: twice },
      { path: 'c.yaml', text: 'apiVersion: serviceframe/v1\nkind: Gizmo\nmetadata: { name: g }\nspec: {}\n' },
    );
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        code: 'DUPLICATE_NAME',
        at: expect.objectContaining({ file: 'b.yaml', line: 3 }),
        hint: expect.stringContaining('a.yaml:3'),
      }),
    );
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        code: 'UNKNOWN_KIND',
        at: expect.objectContaining({ file: 'c.yaml', line: 2, column: 7 }),
      }),
    );
  });
});

describe('actions name roles the Organization defines', () => {
  it('reports an unknown role in assign, escalate, notify and watch, wherever the action is written', () => {
    const r = load(
      wf(`${header}  states:
    a:
      entry:
        - assign: { role: wizard }
        - escalate: { role: sorcerer }
        - notify: { template: t, to: [ owner, { role: druid, unit: case } ] }
        - watch: [ { role: bard } ]
      on:
        go: { target: b }
    b: { type: final }
`),
      {
        path: 't.yaml',
        text: 'apiVersion: serviceframe/v1\nkind: NotificationTemplate\nmetadata: { name: t }\nspec: { channels: [inapp], subject: s, body: b }\n',
      },
    );
    const roles = r.issues.filter((i) => i.message.startsWith('unknown role')).map((i) => [i.pointer, i.message]);
    expect(roles).toEqual([
      ['/spec/states/a/entry/0/assign/role', 'unknown role "wizard"'],
      ['/spec/states/a/entry/1/escalate/role', 'unknown role "sorcerer"'],
      ['/spec/states/a/entry/2/notify/to/1/role', 'unknown role "druid"'],
      ['/spec/states/a/entry/3/watch/0/role', 'unknown role "bard"'],
    ]);
  });
});
