// covers: P-2, NORM-5
import { describe, expect, it } from 'vitest';
import {
  allKinds,
  formatIssue,
  loadDefinitions,
  readDefinitionFiles,
  type SourceFile,
} from '../../../engine/definitions/index.ts';
import { compileSet } from '../../../engine/runtime/compile-set.ts';

// The engine fixtures (forms ticket, dispatch, reply; roles staff, lead) without their workflows,
// and the intake form; plus a form with a staff-only field.
const base: SourceFile[] = [
  ...readDefinitionFiles('tests/fixtures/engine').filter((f) => !f.path.endsWith('workflows.yaml')),
  ...readDefinitionFiles('tests/fixtures/summary'),
  {
    path: 'defs/request.yaml',
    text: `apiVersion: serviceframe/v1
kind: Form
metadata: { name: request }
spec:
  fields:
    - { name: customerName, type: text, label: Name }
    - { name: problem, type: textarea, label: Problem }
    - { name: channel, type: enum, label: Channel, staffOnly: true, portalValue: online, options: [ { value: phone, label: Phone }, { value: online, label: Online } ] }
`,
  },
];

/** A workflow on the request form whose 'answer' event carries a reply; `portal` is inserted as written. */
const workflow = (portal: string) => `apiVersion: serviceframe/v1
kind: Workflow
metadata: { name: w }
spec:
  startForm: request
${portal}  start: { allow: [ { role: staff } ] }
  initial: open
  states:
    open:
      on:
        answer: { form: reply, target: answered }
    answered:
      on:
        close: { target: closed }
    closed: { type: final }
`;

const load = (portal: string) => loadDefinitions([...base, { path: 'defs/wf.yaml', text: workflow(portal) }], allKinds);
const errors = (portal: string) => load(portal).issues.filter((i) => i.severity === 'error');

describe('a workflow portal (what a customer sees)', () => {
  it('defaults to little: the initial and final states, the start form without staff-only fields, no replies, no rating', () => {
    const r = load('');
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const wf = compileSet(r.docs.map((d) => d.def)).workflows.get('w')!;
    expect(wf.portal.steps).toEqual(['open', 'closed']);
    expect(wf.portal.fields.map((f) => f.path)).toEqual(['customerName', 'problem']);
    expect(wf.portal).toEqual(
      expect.objectContaining({ appointment: null, technician: true, replies: [], rating: null }),
    );
  });

  it('accepts steps, fields, a reply with its condition and a profile that exist', () => {
    const portal = `  portal:
    steps: [open, answered, closed]
    fields: [problem]
    replies: [ { event: answer, field: answer, when: { fact: event, path: $.answer, operator: exists, value: true } } ]
    profile: { customerName: name }
`;
    expect(errors(portal)).toEqual([]);
  });

  it('points at a step, a field, a reply and a profile field that do not exist, each with file:line:column', () => {
    const portal = `  portal:
    steps: [open, answred]
    fields: [problem, channel, sku]
    appointment: visitAt
    replies:
      - { event: anwser, field: answer }
      - { event: answer, field: text }
    profile: { phone: mobile }
`;
    const found = errors(portal);
    expect(found.map((e) => [e.code, e.pointer])).toEqual([
      ['UNKNOWN_REFERENCE', '/spec/portal/steps/1'],
      ['INVALID_VALUE', '/spec/portal/fields/1'],
      ['UNKNOWN_REFERENCE', '/spec/portal/fields/2'],
      ['UNKNOWN_REFERENCE', '/spec/portal/appointment'],
      ['UNKNOWN_REFERENCE', '/spec/portal/profile/phone'],
      ['UNKNOWN_REFERENCE', '/spec/portal/replies/0/event'],
      ['UNKNOWN_REFERENCE', '/spec/portal/replies/1/field'],
    ]);
    const lines = found.map(formatIssue);
    expect(lines[0]).toMatch(/^defs\/wf\.yaml:7:19: unknown state "answred"/);
    expect(lines[1]).toMatch(/^defs\/wf\.yaml:8:23: field "channel" is staffOnly/);
    expect(lines[2]).toMatch(/^defs\/wf\.yaml:8:32: unknown field "sku"/);
  });

  // covers: NORM-8 (the customer's words for a step)
  it('takes a customer title for a step, and points at a title for a state that is not a step', () => {
    const ok = `  portal:
    steps: [open, closed]
    stepTitles: { open: { zh: 已受理, en: Received } }
`;
    expect(errors(ok)).toEqual([]);
    const bad = errors(`  portal:
    steps: [open, closed]
    stepTitles: { answered: { zh: 已答复, en: Answered } }
`);
    expect(bad.map((e) => [e.code, e.pointer])).toEqual([['UNKNOWN_REFERENCE', '/spec/portal/stepTitles/answered']]);
    expect(formatIssue(bad[0]!)).toMatch(/^defs\/wf\.yaml:8:\d+: "answered" is not one of the portal's steps/);
  });

  it('refuses a rating through a link the workflow never makes', () => {
    expect(
      errors('  portal: { rating: { link: return-visit, event: rate } }\n').map((e) => [e.code, e.pointer]),
    ).toEqual([['UNKNOWN_REFERENCE', '/spec/portal/rating/link']]);
  });

  it('refuses a reply condition that is not a condition, and a key the portal does not know', () => {
    const bad = errors(
      '  portal:\n    replies: [ { event: answer, field: answer, when: { fact: event, path: $.answer, operator: nope, value: 1 } } ]\n',
    );
    expect(bad.map((e) => [e.code, e.pointer])).toEqual([
      ['INVALID_CONDITION', '/spec/portal/replies/0/when/operator'],
    ]);
    const unknown = errors('  portal: { sla: true }\n');
    expect(unknown.map((e) => formatIssue(e))).toEqual([expect.stringMatching(/^defs\/wf\.yaml:6:\d+: .*sla/)]);
  });
});
