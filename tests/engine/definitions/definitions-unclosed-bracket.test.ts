// covers: P-2
// One unclosed bracket is one error, at the bracket: the parser's own message comes where it gave
// up (often the next line), and every reference to the file's definitions used to follow it as
// "unknown" (a broken Organization gave 159 errors over the seed).
import { describe, expect, it } from 'vitest';
import { formatIssue, readDefinitionFiles, validateSet, type SourceFile } from '../../../engine/definitions/index.ts';

const seed = readDefinitionFiles('definitions');

/** The seed with one file's text changed. */
function withFile(path: string, change: (text: string) => string): SourceFile[] {
  let hit = false;
  const files = seed.map((f) => (f.path === path ? ((hit = true), { path, text: change(f.text) }) : f));
  expect(hit, path).toBe(true);
  return files;
}

/** Line and column (1-based) of the first `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  expect(offset).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

describe('an unclosed bracket', () => {
  it('in the Organization gives one error at its "{", not one per reference to a unit or role', () => {
    const broken = 'title: { zh: 鲁能物资集团公司, en: Luneng Materials Group';
    const files = withFile('definitions/org/organization.yaml', (t) => t.replace(`${broken} }`, broken));
    const text = files.find((f) => f.path === 'definitions/org/organization.yaml')!.text;
    const errors = validateSet(files).issues.filter((i) => i.severity === 'error');
    expect(errors.map(formatIssue)).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      code: 'SYNTAX',
      at: { file: 'definitions/org/organization.yaml', ...positionOf(text, '{ zh: 鲁能') },
    });
    expect(errors[0]!.message).toMatch(/"\{" is never closed/);
  });

  it('inside a workflow gives one error at the inner bracket, for a "[" too', () => {
    const path = 'definitions/workflows/repair.yaml';
    const original = seed.find((f) => f.path === path)!.text;
    const line = original.split('\n').find((l) => /\{ role: service-staff \}/.test(l))!;
    const files = withFile(path, (t) =>
      t.replace(line, line.replace('{ role: service-staff }', '{ role: service-staff')),
    );
    const errors = validateSet(files).issues.filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.at).toMatchObject(positionOf(original, '{ role: service-staff }'));

    const seq = withFile('definitions/sla/repair-on-site.yaml', (t) =>
      t.replace(/covers: \[([^\]]*)\]/, 'covers: [$1'),
    );
    const seqErrors = validateSet(seq).issues.filter((i) => i.severity === 'error');
    expect(seqErrors).toHaveLength(1);
    expect(seqErrors[0]!.message).toMatch(/"\[" is never closed: end it with "\]"/);
    expect(seqErrors[0]!.at).toMatchObject(
      positionOf(seed.find((f) => f.path === 'definitions/sla/repair-on-site.yaml')!.text, '[NORM-4]'),
    );
  });

  it('leaves the other parse errors as the parser gives them, and references are checked again once the file reads', () => {
    const dup = withFile('definitions/sla/repair-on-site.yaml', (t) =>
      t.replace('spec:', 'spec:\n  workflows: [repair]\n  workflows: [repair]'),
    );
    const errors = validateSet(dup).issues.filter((i) => i.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((i) => i.code === 'SYNTAX')).toBe(true);
    expect(errors[0]!.message).toMatch(/unique/i);
    const unknown = withFile('definitions/sla/repair-on-site.yaml', (t) =>
      t.replace('workflows: [repair]', 'workflows: [repairs]'),
    );
    expect(
      validateSet(unknown)
        .issues.filter((i) => i.severity === 'error')
        .map((i) => i.message),
    ).toEqual([expect.stringMatching(/unknown Workflow "repairs"/)]);
  });
});
