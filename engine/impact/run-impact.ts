import { createDirectory, type DirectoryUser } from '../runtime/actor.ts';
import type { CompiledSet } from '../runtime/compiled-set.ts';
import type { RecordEntry } from '../runtime/records-view.ts';
import { compareGroups } from './compare-groups.ts';
import { comparePoints } from './compare-points.ts';
import { endStateChanges, refusedEvents } from './compare-cases.ts';
import type { ImpactReport } from './impact-report.ts';
import { titlesOf } from './impact-titles.ts';
import { inputsOf, replayPass } from './replay-pass.ts';
import type { RecordedPeriod } from './recorded-period.ts';

export interface ImpactInput {
  readonly period: RecordedPeriod;
  /** The candidate set, compiled as publishing compiles it. */
  readonly candidate: CompiledSet;
  /** The published set: its scorecards count the "before" points, as the server's scorecards do. */
  readonly published: CompiledSet;
  /** The versions the recorded cases ran on. */
  readonly versions: (version: string) => CompiledSet | undefined;
  readonly users: readonly DirectoryUser[];
  readonly records?: readonly RecordEntry[];
  /** Where the clock stops (default: the period's end, or the last recorded event when later). */
  readonly until?: number;
  /** Told as the passes go; throw from it to stop (the report is then not made). */
  readonly onProgress?: (progress: ImpactProgress) => Promise<void> | void;
  /** Events between two progress reports (default 500). */
  readonly every?: number;
  /**
   * Decisions with their wording, as the server makes them (EngineDeps.explain). The report reads
   * none of it, so the default is without; a test compares the two.
   */
  readonly explain?: boolean;
}

export interface ImpactProgress {
  readonly phase: 'before' | 'after';
  /** Events replayed so far, both passes together. */
  readonly done: number;
  readonly total: number;
}

/**
 * The impact of a candidate set on a recorded period: the period replayed twice by the engine —
 * under the versions its cases ran on ("before") and under the candidate ("after") — and the two
 * compared. Nothing is written anywhere; the same input gives the same report.
 */
export async function runImpact(input: ImpactInput): Promise<ImpactReport> {
  const { period, candidate } = input;
  const cases = period.cases;
  const lastEvent = cases.reduce((m, c) => Math.max(m, c.events.at(-1)?.at ?? c.createdAt), period.to);
  const until = input.until ?? lastEvent;
  // Sorted once for both passes: a month of a large company sends 500,000 events in each.
  const inputs = inputsOf(cases);
  const perPass = inputs.length;
  const total = perPass * 2;
  const common = {
    cases,
    inputs,
    users: input.users,
    records: input.records ?? [],
    until,
    ...(input.every !== undefined ? { every: input.every } : {}),
    ...(input.explain !== undefined ? { explain: input.explain } : {}),
  };
  const report = (phase: 'before' | 'after', offset: number) =>
    input.onProgress ? (done: number) => input.onProgress!({ phase, done: offset + done, total }) : undefined;

  const before = await replayPass({
    ...common,
    setFor: (c) => input.versions(c.definitionVersion),
    version: input.versions,
    ...opt('checkpoint', report('before', 0)),
  });
  const after = await replayPass({
    ...common,
    setFor: () => candidate,
    version: (v) => (v === candidate.version ? candidate : undefined),
    ...opt('checkpoint', report('after', perPass)),
  });
  await input.onProgress?.({ phase: 'after', done: total, total });

  const titles = titlesOf([candidate, input.published]);
  const directory = createDirectory(input.users);
  const groups = compareGroups(cases, before, after, titles, directory);
  const scorecards = comparePoints(
    period,
    { set: input.published, facts: before.scoreFacts },
    { set: candidate, facts: after.scoreFacts },
    titles,
  );
  const refused = refusedEvents(cases, before, after, titles, directory);
  const endStates = endStateChanges(cases, before, after, titles);
  const count = <T>(pick: (g: (typeof groups)[number]) => readonly T[]) =>
    groups.reduce((s, g) => s + pick(g).length, 0);
  const points = scorecards.flatMap((u) => u.categories.flatMap((c) => [...c.gained, ...c.lost]));
  return {
    from: new Date(period.from).toISOString(),
    to: new Date(period.to).toISOString(),
    until: new Date(until).toISOString(),
    candidateVersion: candidate.version,
    cases: cases.length,
    events: perPass,
    empty: cases.length === 0,
    summary: {
      deadlinesEarlier: count((g) => g.deadlines.earlier),
      deadlinesLater: count((g) => g.deadlines.later),
      breachesGained: count((g) => g.breaches.gained),
      breachesLost: count((g) => g.breaches.lost),
      notificationsChanged: count((g) => [
        ...g.notifications.added,
        ...g.notifications.removed,
        ...g.notifications.moved,
      ]),
      pointsGained: round(points.filter((p) => p.points > 0).reduce((s, p) => s + p.points, 0)),
      pointsLost: round(-points.filter((p) => p.points < 0).reduce((s, p) => s + p.points, 0)),
      refused: refused.filter((r) => !r.followsRefusal).length,
      endStates: endStates.length,
    },
    groups,
    scorecards,
    refused,
    endStates,
  };
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
