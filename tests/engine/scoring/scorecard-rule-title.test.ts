// covers: KPI-5 (issue 15 item 5)
// A scorecard rule is read by its title beside every point it changes; its name is an id. validate
// refuses a rule without one, at the rule's position, in both languages.
import { describe, expect, it } from 'vitest';
import { formatIssue, formatIssueIn, readDefinitionFiles, validateSet } from '../../../engine/definitions/index.ts';

const files = readDefinitionFiles('definitions').map((f) =>
  f.path.endsWith('scorecards/service-department.yaml')
    ? { ...f, text: f.text.replace(/\n(\s*)title: .*\n(\s*when:)/, '\n$2') }
    : f,
);

describe('a scorecard rule without a title', () => {
  it('is refused with its path, line and column', () => {
    const card = files.find((f) => f.path.endsWith('service-department.yaml'))!;
    expect(card.text).not.toBe(readDefinitionFiles('definitions').find((f) => f.path === card.path)!.text);
    const errors = validateSet(files, Date.parse('2026-09-01T00:00:00Z')).issues.filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(formatIssue(errors[0]!)).toMatch(/scorecards\/service-department\.yaml:\d+:\d+: .*"title"/);
    expect(formatIssueIn(errors[0]!, 'zh-CN')).toMatch(
      /scorecards\/service-department\.yaml:\d+:\d+: 缺少必填项「title」/,
    );
    expect(errors[0]!.pointer).toMatch(/^\/spec\/categories\/\d+\/rules\/\d+$/);
  });

  it('is not in the seed: every rule of the seed scorecard has one', () => {
    const seed = validateSet(readDefinitionFiles('definitions'), Date.parse('2026-09-01T00:00:00Z'));
    expect(seed.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
