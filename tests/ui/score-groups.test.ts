// covers: KPI-5
// A scorecard names each rule once, with the cases it counted under it, and a score's reason only where it says more
// than the rule's title (issue 15: 《客户服务工作单》未在规定期间返回 −2分/次：《客户服务工作单》未按时返回总部 read twice).
import { describe, expect, it } from 'vitest';
import type { PointChange } from '../../ui/api/types.ts';
import { restates, scoreGroups } from '../../ui/components/score-groups.ts';

const change = (extra: Partial<PointChange>): PointChange =>
  ({
    category: 'service-management',
    rule: 'late-work-order',
    points: -2,
    factId: 'f1',
    fact: 'late-work-order',
    caseId: 'c1',
    caseNumber: 'BX-2026-00001',
    at: '2026-12-08T02:37:00.000Z',
    ruleTitle: { zh: '《客户服务工作单》未在规定期间返回 −2分/次', en: 'Work order returned late −2 each' },
    reasonTitle: { zh: '《客户服务工作单》未按时返回总部', en: 'work order not returned to headquarters in time' },
    text: '',
    ...extra,
  }) as PointChange;

describe('restates', () => {
  it('finds a reason that only says the title again, whatever the points notation and punctuation', () => {
    expect(restates('《客户服务工作单》未在规定期间返回 −2分/次', '《客户服务工作单》未按时返回总部')).toBe(true);
    expect(restates('响应超时 −5分', '响应超时')).toBe(true);
    expect(restates('Late response −5 each', 'late response')).toBe(true);
  });

  it('keeps a reason that tells how the fact was found', () => {
    expect(restates('未按规范做 −4分/次', '巡查发现未按规范服务')).toBe(false);
    expect(restates('表扬至集团公司 +2分', '回访时客户表扬')).toBe(false);
    expect(restates('《客户服务工作单》未在规定期间返回 −2分/次', '市场开发部核实的检查结果')).toBe(false);
  });
});

describe('scoreGroups', () => {
  it("groups a rule's changes under its title once, its points summed, the restating reason left out", () => {
    const groups = scoreGroups(
      [change({}), change({ factId: 'f2', caseId: 'c3', caseNumber: 'BX-2026-00003' })],
      'zh-CN',
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]!.title).toBe('《客户服务工作单》未在规定期间返回 −2分/次');
    expect(groups[0]!.points).toBe(-4);
    expect(groups[0]!.reason).toBeUndefined();
    expect(groups[0]!.changes.map((c) => [c.change.caseNumber, c.reason])).toEqual([
      ['BX-2026-00001', undefined],
      ['BX-2026-00003', undefined],
    ]);
  });

  it('shows a shared reason once when it adds something, and per case when the reasons differ', () => {
    const norm = { rule: 'norm-violation', fact: 'norm-violation', ruleTitle: { zh: '未按规范做 −4分/次', en: 'x' } };
    const [shared] = scoreGroups(
      [
        change({ ...norm, reasonTitle: { zh: '巡查发现未按规范服务', en: 'x' } }),
        change({ ...norm, factId: 'f2', reasonTitle: { zh: '巡查发现未按规范服务', en: 'x' } }),
      ],
      'zh-CN',
    );
    expect(shared!.reason).toBe('巡查发现未按规范服务');
    expect(shared!.changes.every((c) => c.reason === undefined)).toBe(true);
    const [apart] = scoreGroups(
      [
        change({ ...norm, reasonTitle: { zh: '巡查发现未按规范服务', en: 'x' } }),
        change({ ...norm, factId: 'f2', reasonTitle: { zh: '回访发现未按“真诚服务”规范服务', en: 'x' } }),
      ],
      'zh-CN',
    );
    expect(apart!.reason).toBeUndefined();
    expect(apart!.changes.map((c) => c.reason)).toEqual(['巡查发现未按规范服务', '回访发现未按“真诚服务”规范服务']);
  });

  it('keeps rules apart, in the order they first occur, and a reason is all there is without a title', () => {
    const groups = scoreGroups(
      [
        change({}),
        change({
          rule: 'praise',
          fact: 'praise',
          points: 3,
          ruleTitle: undefined,
          reasonTitle: { zh: '回访时客户表扬', en: 'x' },
        }),
        change({ factId: 'f3' }),
      ],
      'zh-CN',
    );
    expect(groups.map((g) => [g.title, g.points, g.changes.length, g.reason])).toEqual([
      ['《客户服务工作单》未在规定期间返回 −2分/次', -4, 2, undefined],
      ['', 3, 1, '回访时客户表扬'],
    ]);
  });
});
