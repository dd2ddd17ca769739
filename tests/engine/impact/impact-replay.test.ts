// Issue 18 item 1 (impact replay), SPEC P-3 (versions), P-6 (policy proven before publishing), KPI-5 (points explained).
import { describe, expect, it } from 'vitest';
import { formatImpact, readRecordedPeriod, runImpact, type ImpactReport } from '../../../engine/impact/index.ts';
import type { CompiledSet } from '../../../engine/runtime/compiled-set.ts';
import { computeScorecard } from '../../../engine/scoring/index.ts';
import type { Store } from '../../../engine/store/store.ts';
import { generateMonth, monthAsRecorded, usersOf } from '../../helpers/impact-month.ts';
import { baseFiles, compileFiles, editedFiles, NOVEMBER, runMonth } from '../../helpers/impact-sets.ts';

const base = compileFiles(baseFiles());
const twelveHours = compileFiles(editedFiles('sla.yaml', 'duration: 24h', 'duration: 12h'));
const actions = generateMonth({ start: NOVEMBER.from, days: 30, cases: 60 });

async function impactOf(recorded: Store, candidate: CompiledSet, period = NOVEMBER): Promise<ImpactReport> {
  const recordedPeriod = await readRecordedPeriod(recorded, period.from, period.to);
  return runImpact({
    period: recordedPeriod,
    candidate,
    published: base,
    versions: (v) => (v === base.version ? base : undefined),
    users: usersOf(base),
  });
}

async function breachedByUnit(store: Store): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const c of await store.scanCases(undefined, 10_000)) {
    if (!c.clocks['on-site']?.breached) continue;
    out.set(c.unit, [...(out.get(c.unit) ?? []), c.id].sort());
  }
  return out;
}

describe('impact replay (issue 18)', () => {
  it('shows the breaches a 12-hour on-site promise adds per branch and the points they cost, exactly as running the month under it does', async () => {
    // given a month recorded under the 24-hour promise, and the same month run from its start under 12 hours
    const recorded = await runMonth(base, actions, NOVEMBER.to);
    const actual = await runMonth(twelveHours, actions, NOVEMBER.to);
    // when the 12-hour candidate is replayed over the recorded month
    const report = await impactOf(recorded, twelveHours);
    // then the breaches it gains per branch are exactly those the real run has and the recording lacks
    const before = await breachedByUnit(recorded);
    const after = await breachedByUnit(actual);
    expect([...after.keys()].sort()).toEqual(['b1', 'b2', 'b3', 'b4']);
    for (const [unit, cases] of after) {
      const gained = report.groups
        .find((g) => g.unit === unit && g.workflow === 'repair')!
        .breaches.gained.map((b) => b.caseId)
        .sort();
      const extra = cases.filter((id) => !(before.get(unit) ?? []).includes(id));
      expect(extra.length).toBeGreaterThan(0);
      expect(gained).toEqual(extra);
    }
    expect(report.summary.breachesLost).toBe(0);
    // and the scorecards: the report's totals are the real scorecards of both runs, and each lost point names its case
    const card = twelveHours.scorecards.get('branch-service')!;
    const actualFacts = await actual.scoreFacts({});
    const recordedFacts = await recorded.scoreFacts({});
    for (const unit of ['b1', 'b2', 'b3', 'b4']) {
      const points = report.scorecards.find((s) => s.unit === unit)!;
      expect(points.months).toEqual([
        {
          period: '2026-11',
          before: computeScorecard(card, recordedFacts, unit, '2026-11').total,
          after: computeScorecard(card, actualFacts, unit, '2026-11').total,
        },
      ]);
      const timeliness = points.categories.find((c) => c.category === 'timeliness')!;
      const extra = after.get(unit)!.filter((id) => !(before.get(unit) ?? []).includes(id));
      expect(timeliness.lost.map((p) => p.caseId).sort()).toEqual(extra);
      expect(timeliness.lost.every((p) => p.points === -2)).toBe(true);
      expect(timeliness.delta).toBe(-2 * extra.length);
    }
    // every deadline of a repair moved 12 hours earlier
    const earlier = report.groups.flatMap((g) => g.deadlines.earlier);
    expect(earlier).toHaveLength(60);
    expect(earlier.every((d) => d.deltaMs === -12 * 3_600_000)).toBe(true);
    expect(report.refused).toEqual([]);
    // the cases it names are read by their numbers (issue 15 item 6), and only those it names
    const named = new Set(report.groups.flatMap((g) => g.breaches.gained.map((b) => b.caseId)));
    expect(named.size).toBeGreaterThan(0);
    expect(Object.keys(report.caseNumbers).length).toBeGreaterThanOrEqual(named.size);
    for (const id of named) expect(report.caseNumbers[id]).toMatch(/^BX-2026-\d{5}$/);
    expect(Object.keys(report.caseNumbers).length).toBeLessThan(report.cases);
  });

  it('lists the recorded events a role change would refuse, with the reason, and the cases that would end elsewhere', async () => {
    const recorded = await runMonth(base, actions, NOVEMBER.to);
    const managersDispatch = compileFiles(
      editedFiles('workflows.yaml', 'allow: [ { role: lead, unit: same } ]', 'allow: [ { role: manager } ]'),
    );
    const report = await impactOf(recorded, managersDispatch);
    const first = report.refused.filter((r) => !r.followsRefusal);
    expect(first).toHaveLength(60);
    expect(
      first.every((r) => r.type === 'dispatch' && r.kind === 'role' && r.code === 'FORBIDDEN' && !r.alsoBefore),
    ).toBe(true);
    expect(first[0]!.reason).toMatch(/may not send "dispatch"/);
    expect(first[0]!.title).toEqual({ zh: '派工', en: 'Dispatch' });
    // people read the reason in their language, the event by its title and the actor by name (issue 15 item 5)
    const said = first[0]!.reasonTitle as { zh: string; en: string };
    expect(said.zh).toMatch(/无权对这个案件「派工」/);
    expect(said.zh).not.toMatch(/dispatch|[a-z]+\.[a-z]+/);
    expect(said.en).toMatch(/丁二 may not send/);
    // what followed the refused dispatch cannot happen either: the technician is not assigned
    expect(report.refused.filter((r) => r.followsRefusal).map((r) => r.type)).toContain('arrive');
    const ends = report.endStates.filter((e) => e.workflow === 'repair');
    expect(ends).toHaveLength(60);
    expect(ends[0]!.before).toEqual({ states: ['closed'], titles: [{ zh: '已完成', en: 'Closed' }], done: true });
    expect(ends[0]!.after).toEqual({ states: ['reported'], titles: [{ zh: '待派工', en: 'Reported' }], done: false });
    // the return visits the repairs would not start
    expect(report.endStates.filter((e) => e.workflow === 'visit').every((e) => e.after === null)).toBe(true);
    const notStarted = report.refused.filter((r) => r.code === 'NOT_STARTED');
    expect(notStarted.length).toBeGreaterThan(0);
    expect(notStarted.every((r) => (r.reasonTitle as { zh: string }).zh === '按这套定义，这个案件不会被发起')).toBe(
      true,
    );
    expect(report.summary.refused).toBe(60);
  });

  it('gives the same report for the same inputs, and writes nothing', async () => {
    const recorded = await runMonth(base, actions, NOVEMBER.to);
    const counts = async () => [
      await recorded.countCases(),
      (await recorded.scoreFacts({})).length,
      await recorded.nextTimerDue(),
      JSON.stringify((await recorded.scanCases(undefined, 10_000)).map((c) => [c.id, c.version])),
    ];
    const before = await counts();
    const one = await impactOf(recorded, twelveHours);
    const two = await impactOf(recorded, twelveHours);
    expect(two).toEqual(one);
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(await counts()).toEqual(before);
  });

  it('says so when the period has no case', async () => {
    const recorded = await runMonth(base, actions, NOVEMBER.to);
    const october = { from: Date.parse('2026-10-01T00:00:00+08:00'), to: NOVEMBER.from };
    const report = await impactOf(recorded, twelveHours, october);
    expect(report.empty).toBe(true);
    expect(report.cases).toBe(0);
    expect(formatImpact(report, { locale: 'en', timeZone: 'Asia/Shanghai' })).toEqual([
      'Impact report: 2026-10-01 to 2026-10-31 (candidate version ' + twelveHours.version + ')',
      'No cases in this period: there is nothing to replay.',
    ]);
    expect(formatImpact(report, { locale: 'zh-CN', timeZone: 'Asia/Shanghai' })[1]).toBe(
      '这段时间没有案件：没有可以重放的内容。',
    );
  });

  it('runs a migrated case on the version it started on and does not take the migration for an event the rules refuse', async () => {
    // given a recorded month in which an administrator moved one repair to another version midway
    const period = monthAsRecorded(actions.slice(0, 40), base.version, NOVEMBER.from, NOVEMBER.to);
    const moved = period.cases.find((c) => c.workflow === 'repair' && c.events.length >= 3)!;
    const migrated = {
      seq: 0,
      type: 'migrated',
      actor: 'admin',
      actorUnit: null,
      at: moved.events[1]!.at,
      data: { fromVersion: base.version, toVersion: 'elsewhere' },
    };
    const events = [moved.events[0]!, moved.events[1]!, migrated, ...moved.events.slice(2)].map((e, i) => ({
      ...e,
      seq: i + 1,
    }));
    const cases = period.cases.map((c) => (c === moved ? { ...c, events } : c));
    // when the 12-hour candidate is replayed
    const report = await runImpact({
      period: { ...period, cases },
      candidate: twelveHours,
      published: base,
      versions: (v) => (v === base.version ? base : undefined),
      users: usersOf(base),
    });
    // then nothing is refused and the case ends as recorded
    expect(report.refused).toEqual([]);
    expect(report.endStates).toEqual([]);
    expect(report.events).toBe(
      cases.reduce(
        (n, c) =>
          n +
          c.events.filter((e) => e.actor !== 'system' && e.type !== 'migrated' && (e.seq > 1 || c.parent === null))
            .length,
        0,
      ),
    );
  });

  it('counts the breaches a longer promise takes away and the points the branches win back, as the month run under it has them', async () => {
    const recorded = await runMonth(base, actions, NOVEMBER.to);
    const thirtySix = compileFiles(editedFiles('sla.yaml', 'duration: 24h', 'duration: 36h'));
    const actual = await runMonth(thirtySix, actions, NOVEMBER.to);
    const report = await impactOf(recorded, thirtySix);
    const before = await breachedByUnit(recorded);
    const after = await breachedByUnit(actual);
    const lost = report.groups.flatMap((g) => g.breaches.lost.map((b) => b.caseId)).sort();
    const expected = [...before.values()]
      .flat()
      .filter((id) => ![...after.values()].flat().includes(id))
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(lost).toEqual(expected);
    expect(report.summary.breachesGained).toBe(0);
    expect(report.groups.flatMap((g) => g.deadlines.later).every((d) => d.deltaMs === 12 * 3_600_000)).toBe(true);
    const won = report.scorecards.flatMap((u) => u.categories.flatMap((c) => c.gained));
    expect(won.map((p) => p.caseId).sort()).toEqual(expected);
    expect(won.every((p) => p.points === 2)).toBe(true);
    expect(report.summary.pointsGained).toBe(2 * expected.length);
    // the breach notices of those cases are no longer sent
    const removed = report.groups
      .flatMap((g) => g.notifications.removed.filter((n) => n.template === 'on-site-late').map((n) => n.caseId))
      .sort();
    expect([...new Set(removed)]).toEqual(expected);
  });
});
