// covers: P-2
// A workflow's home `serviceLine` and that ServiceLine's `workflows` list are written in two files;
// when they disagree the loader says so at the workflow's line instead of letting the new-case menu
// and the line's page tell different stories.
import { describe, expect, it } from 'vitest';
import { formatIssue, readDefinitionFiles, validateDefinitions } from '../../../engine/definitions/index.ts';

const seed = readDefinitionFiles('definitions');
const errorsOf = (files: typeof seed) =>
  validateDefinitions(files)
    .issues.filter((i) => i.severity === 'error')
    .map(formatIssue);

function changed(path: string, from: string, to: string): typeof seed {
  return seed.map((f) => {
    if (f.path !== path) return f;
    expect(f.text).toContain(from);
    return { ...f, text: f.text.replace(from, to) };
  });
}

describe('a workflow and its ServiceLine', () => {
  it('agree in the seed definitions (repair is customer care, and also started from procurement)', () => {
    expect(errorsOf(seed)).toEqual([]);
  });

  it('disagree when the workflow names a line that does not list it: refused at the workflow', () => {
    const files = changed('definitions/workflows/repair.yaml', 'serviceLine: customer-care', 'serviceLine: tendering');
    const line =
      files
        .find((f) => f.path === 'definitions/workflows/repair.yaml')!
        .text.split('\n')
        .findIndex((l) => l.includes('serviceLine: tendering')) + 1;
    expect(errorsOf(files)).toEqual([
      `definitions/workflows/repair.yaml:${line}:16: ServiceLine "tendering" does not list workflow "repair" in its workflows (add repair to that line's spec.workflows, or name a line that lists it: customer-care, procurement-packaging)`,
    ]);
  });

  it('disagree when the line drops the workflow that calls it home', () => {
    const files = changed('definitions/service-lines/tendering.yaml', 'workflows: [tender]', 'workflows: [consulting]');
    expect(errorsOf(files)).toEqual([
      expect.stringMatching(
        /^definitions\/workflows\/tender\.yaml:\d+:\d+: ServiceLine "tendering" does not list workflow "tender" .*import-export\)$/,
      ),
    ]);
  });
});
