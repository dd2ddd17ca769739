import { describe, expect, it } from 'vitest';
import { compileScorecard, computeScorecard } from '../../../engine/scoring/index.ts';
import type { ScoreFactRecord } from '../../../engine/store/index.ts';
import { kpiCard } from './scoring-support.ts';

const at = (local: string): number => Date.parse(`${local}:00+08:00`);
let n = 0;
const fact = (name: string, when: string, data: Record<string, unknown> = {}, unit = 'b1'): ScoreFactRecord => ({
  id: `F${++n}`,
  fact: name,
  unit,
  caseId: `C${n}`,
  at: at(when),
  data,
  reason: `${name} recorded on case C${n}`,
});

describe('the 100-point service-department scorecard', () => {
  const card = compileScorecard(kpiCard);
  const september: ScoreFactRecord[] = [
    fact('norm-violation', '2026-09-02T10:00'),
    fact('late-feedback', '2026-09-03T19:00'),
    fact('late-customer-archive', '2026-09-04T10:00'),
    fact('missed-return-visit', '2026-09-08T10:00'),
    fact('missed-patrol', '2026-09-09T10:00'),
    fact('complaint', '2026-09-10T10:00', { level: 'consumer-association' }),
    fact('praise', '2026-09-11T10:00', { level: 'group' }),
    fact('norm-violation', '2026-09-12T10:00', {}, 'b2'), // another branch
    fact('late-feedback', '2026-08-31T23:59'), // August, Shanghai time
    fact('missed-patrol', '2026-10-01T00:00'), // October, Shanghai time
  ];

  it('loses points in every category and gains a praise bonus, each point explained (KPI-1..5)', () => {
    const r = computeScorecard(card, september, { name: 'b1', type: 'branch' }, '2026-09');
    expect(r.categories.map((c) => [c.name, c.score])).toEqual([
      ['customer-service', 21],
      ['information-feedback', 17],
      ['service-management', 27],
      ['customer-opinion', 22],
    ]);
    expect(r.total).toBe(87);
    expect(r.max).toBe(100);
    expect(r.title, 'the title a reader knows it by').toEqual(card.title);
    expect(r.band).toEqual({ name: 'acceptable', title: 'acceptable', outcome: 'none' });
    const changes = r.categories.flatMap((c) => c.changes);
    expect(changes).toHaveLength(7);
    expect(changes.reduce((s, c) => s + c.points, 0)).toBe(-13);
    // every change names its rule, fact, case and time
    const praise = changes.find((c) => c.rule === 'praise-group')!;
    expect(praise).toMatchObject({
      category: 'customer-opinion',
      points: 2,
      factId: 'F7',
      fact: 'praise',
      caseId: 'C7',
      at: '2026-09-11T02:00:00.000Z',
    });
    expect(praise.text).toBe(
      '+2 customer-opinion: rule praise-group (praise to the group) for fact praise F7 on case C7 at 2026-09-11 10:00: praise recorded on case C7',
    );
    expect(r.explanation).toContain('customer-opinion: 22 of 25');
    expect(r.explanation.at(-1)).toBe('band acceptable (none): 80 to 94.99');
  });

  it('stops deductions at the floor and bonuses at the cap, and says so', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      fact('norm-violation', `2026-09-${String(i + 1).padStart(2, '0')}T10:00`),
    );
    const praise = [fact('praise', '2026-09-20T10:00', { level: 'consumer-association' })];
    const r = computeScorecard(card, [...many, ...praise], 'b1', '2026-09');
    const cs = r.categories[0]!;
    expect([cs.raw, cs.score]).toEqual([-7, 0]);
    expect(cs.limit).toBe('floor 0: 7 more points of deductions are not taken');
    const co = r.categories[3]!;
    expect([co.raw, co.score]).toEqual([28, 25]);
    expect(co.limit).toBe('cap 25: 3 bonus points above the cap are not added');
    expect(r.total).toBe(75);
    expect(r.band?.outcome).toBe('penalty');
  });

  it('gives the annual total as the average of the monthly totals (MGMT-2)', () => {
    const r = computeScorecard(card, september, 'b1', '2026');
    expect(r.months).toHaveLength(12);
    expect(r.months!.map((m) => m.total)).toEqual([100, 100, 100, 100, 100, 100, 100, 98, 87, 98, 100, 100]);
    expect(r.total).toBe(98.58);
    expect(r.explanation[0]).toBe('service-department for b1, year 2026: the average of 12 monthly totals');
    expect(r.categories.flatMap((c) => c.changes)).toHaveLength(9);
  });

  it('refuses a unit the card does not apply to', () => {
    expect(() => computeScorecard(card, september, { name: 'hq', type: 'hq' }, '2026-09')).toThrow(/does not apply/);
  });
});
