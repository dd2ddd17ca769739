// covers: P-1, P-2
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
// and the intake form (a mobile, a textarea, text fields, a group).
const base = [
  ...readDefinitionFiles('tests/fixtures/engine').filter((f) => !f.path.endsWith('workflows.yaml')),
  ...readDefinitionFiles('tests/fixtures/summary'),
];

/** A workflow starting with `startForm`, whose 'dispatch' event keeps its form under data.dispatch. */
const workflow = (startForm: string, summary: string) => `apiVersion: serviceframe/v1
kind: Workflow
metadata: { name: w }
spec:
  startForm: ${startForm}
${summary}  start: { allow: [ { role: staff } ] }
  initial: open
  states:
    open:
      on:
        dispatch: { form: dispatch, saveAs: dispatch, target: done }
        remark: { form: reply, appendTo: remarks, stay: true }
    done: { type: final }
`;

const files = (startForm: string, summary = ''): SourceFile[] => [
  ...base,
  { path: 'defs/wf.yaml', text: workflow(startForm, summary) },
];

function compiled(startForm: string, summary = '') {
  const loaded = loadDefinitions(files(startForm, summary), allKinds);
  expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return compileSet(loaded.docs.map((d) => d.def)).workflows.get('w')!;
}

describe('a workflow summary (the fields a case list shows)', () => {
  it('accepts fields of the start form, of groups, and of an event saved under saveAs, in the order written', () => {
    // given a summary naming a start-form field, a group's field and the dispatch form's field under saveAs
    const wf = compiled('intake', '  summary: [productModel, site.address, dispatch.technician]\n');
    // then the compiled workflow carries them with the fields that write them
    expect(wf.summary.map((s) => s.path)).toEqual(['productModel', 'site.address', 'dispatch.technician']);
    expect(wf.summary[2]!.field.label).toBe('Technician');
  });

  it('points at an unknown field with file:line:column and names the fields there are', () => {
    // given a summary whose second entry no form writes (the dispatch form's field without its saveAs key)
    const r = loadDefinitions(files('intake', '  summary:\n    - customerName\n    - technician\n'), allKinds);
    // then one error, on that entry
    const errors = r.issues.filter((i) => i.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_REFERENCE',
        pointer: '/spec/summary/1',
        at: expect.objectContaining({ file: 'defs/wf.yaml', line: 8, column: 7 }),
      }),
    ]);
    expect(formatIssue(errors[0]!)).toMatch(
      /^defs\/wf\.yaml:8:7: unknown field "technician".*did you mean dispatch\.technician\?/,
    );
  });

  it('refuses a group, and a list written by appendTo, as neither is one value', () => {
    const r = loadDefinitions(files('intake', '  summary: [site, remarks]\n'), allKinds);
    expect(r.issues.map((i) => [i.code, i.pointer])).toEqual([
      ['INVALID_VALUE', '/spec/summary/0'],
      ['UNKNOWN_REFERENCE', '/spec/summary/1'],
    ]);
    expect(r.issues[0]!.hint).toMatch(/site\.address/);
    // with no near name, the hint lists the paths there are (the appended replies are not among them)
    expect(r.issues[1]!.hint).toBe(
      'fields: phone, fault, customerName, site, site.address, productModel, serial, dispatch.technician; an event with saveAs: x writes x.field',
    );
  });

  it('reports a missing start form once, not again for every summary field', () => {
    const r = loadDefinitions(files('nope', '  summary: [customerName]\n'), allKinds);
    expect(r.issues.map((i) => i.pointer)).toEqual(['/spec/startForm']);
  });

  it("defaults to the start form's first two text fields, skipping phones, long texts and groups", () => {
    expect(compiled('intake').summary.map((s) => s.path)).toEqual(['customerName', 'productModel']);
    // a start form with a single text field gives a summary of one
    expect(compiled('ticket').summary.map((s) => s.path)).toEqual(['customerName']);
  });

  it('shows nothing when the summary is written empty', () => {
    expect(compiled('intake', '  summary: []\n').summary).toEqual([]);
  });
});
