// covers: KPI-5
import { describe, expect, it } from 'vitest';
import {
  allKinds,
  formatIssue,
  loadDefinitions,
  readDefinitionFiles,
  type SourceFile,
} from '../../../engine/definitions/index.ts';
import { compileScorecard, computeScorecard } from '../../../engine/scoring/index.ts';
import type { ScoreFactRecord } from '../../../engine/store/index.ts';
import { reasonColumn, reasonOfColumn } from '../../../engine/store/score-reason.ts';
import { kpiCard } from './scoring-support.ts';

const fact = (reason: ScoreFactRecord['reason']): ScoreFactRecord => ({
  id: 'F1',
  fact: 'norm-violation',
  unit: 'b1',
  caseId: 'C1',
  at: Date.parse('2026-09-02T10:00:00+08:00'),
  data: {},
  reason,
});

describe("a score fact's reason", () => {
  const card = compileScorecard(kpiCard);
  const changeOf = (reason: ScoreFactRecord['reason']) =>
    computeScorecard(card, [fact(reason)], 'b1', '2026-09').categories.flatMap((c) => c.changes)[0]!;

  it('written in both languages reaches the reader as the pair, the log in English', () => {
    const both = { zh: '未在24小时内到达现场', en: 'not on site within 24 hours' };
    const change = changeOf(both);
    expect(change.reasonTitle).toEqual(both);
    expect(change.reason).toBe('not on site within 24 hours');
    expect(change.text).toMatch(/: not on site within 24 hours$/);
  });

  it('as one string (the English for the log) gives the reader no reason to show', () => {
    const change = changeOf('repair on case C1');
    expect(change.reasonTitle).toBeUndefined();
    expect(change.reason).toBe('repair on case C1');
  });

  it('goes into a TEXT column and back unchanged', () => {
    for (const reason of [
      { zh: '一周内未回访', en: 'no return visit within a week' },
      { zh: '只有中文' },
      'plain English',
      '{ a brace, not JSON',
      '{"zh":"x","level":"group"}',
      '{"zh":1}',
    ])
      expect(reasonOfColumn(reasonColumn(reason))).toEqual(reason);
  });
});

describe("a score action's reason in a definition", () => {
  const files = (reason: string): SourceFile[] =>
    readDefinitionFiles('tests/fixtures/engine').map((f) =>
      f.path.endsWith('workflows.yaml')
        ? {
            ...f,
            text: f.text.replace('score: { fact: slow-dispatch }', `score: { fact: slow-dispatch, reason: ${reason} }`),
          }
        : f,
    );
  const errors = (reason: string) =>
    loadDefinitions(files(reason), allKinds)
      .issues.filter((i) => i.severity === 'error')
      .map(formatIssue);

  it('may be one string or the two languages', () => {
    expect(files('x').find((f) => f.path.endsWith('workflows.yaml'))!.text).toContain('reason: x');
    expect(errors('dispatched late')).toEqual([]);
    expect(errors('{ zh: 派工超时, en: dispatched late }')).toEqual([]);
  });

  it('is refused at its line and column when neither', () => {
    const problems = errors('{ zh: 派工超时, fr: en retard }');
    expect(problems).toHaveLength(1);
    const text = files('{ zh: 派工超时, fr: en retard }').find((f) => f.path.endsWith('workflows.yaml'))!.text;
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('fr: en retard'));
    const column = lines[line]!.indexOf('en retard') + 1; // the validator points at the unknown key's value
    expect(problems[0]).toBe(
      `tests/fixtures/engine/workflows.yaml:${line + 1}:${column}: unknown property "fr" (allowed here: zh, en)`,
    );
  });
});
