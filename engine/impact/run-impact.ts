import { createDirectory, type DirectoryUser } from '../runtime/actor.ts';
import type { CompiledSet } from '../runtime/compiled-set.ts';
import type { RecordEntry } from '../runtime/records-view.ts';
import { compareGroups } from './compare-groups.ts';
import { comparePoints } from './compare-points.ts';
import { endStateChanges, refusedEvents } from './compare-cases.ts';
import type { ImpactReport } from './impact-report.ts';
import { titlesOf } from './impact-titles.ts';
import type { RecordedCase, RecordedPeriod } from './recorded-period.ts';
import { sentCount } from './replay-pass.ts';
import { passesInThisThread, type PassesRunner, type PassName } from './replay-passes.ts';

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
  /** Events between two progress reports of a pass (default 500). */
  readonly every?: number;
  /** Aborting stops the passes; runImpact then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /**
   * How the two passes run (default: one after the other in this thread). The server, the command
   * line and the bench run them at once on two worker threads (adapters/impact/replay-threads.ts).
   */
  readonly passes?: PassesRunner;
  /**
   * Decisions with their wording, as the server makes them (EngineDeps.explain). The report reads
   * none of it, so the default is without; a test compares the two.
   */
  readonly explain?: boolean;
}

export interface ImpactProgress {
  /** 'after' once the first pass (the recorded versions) has ended; the passes may run at once. */
  readonly phase: PassName;
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
  const perPass = sentCount(cases);
  const total = perPass * 2;
  // The sets the recorded cases ran on, those still known (a case on another one is refused).
  const recorded = new Map<string, CompiledSet>();
  for (const c of cases) {
    if (recorded.has(c.definitionVersion)) continue;
    const set = input.versions(c.definitionVersion);
    if (set) recorded.set(c.definitionVersion, set);
  }
  const done = { before: 0, after: 0 };
  const onProgress = input.onProgress;
  const { before, after } = await (input.passes ?? passesInThisThread)({
    cases,
    recorded,
    candidate,
    published: input.published,
    period: { from: period.from, to: period.to },
    users: input.users,
    records: input.records ?? [],
    until,
    ...(input.every !== undefined ? { every: input.every } : {}),
    ...(input.explain !== undefined ? { explain: input.explain } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
    ...(onProgress
      ? {
          progress: (pass: PassName, n: number) => {
            done[pass] = n;
            const phase = done.before === perPass ? 'after' : 'before';
            return onProgress({ phase, done: done.before + done.after, total });
          },
        }
      : {}),
  });
  if (before.events !== perPass || after.events !== perPass)
    throw new Error(`the passes replayed ${before.events} and ${after.events} of ${perPass} events`);
  await onProgress?.({ phase: 'after', done: total, total });

  const titles = titlesOf([candidate, input.published]);
  const directory = createDirectory(input.users);
  const groups = compareGroups(cases, before, after, titles, directory);
  const scorecards = comparePoints(
    period,
    { set: input.published, points: before.points },
    { set: candidate, points: after.points },
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
    caseNumbers: numbersOf(cases, [groups, scorecards, refused, endStates]),
  };
}

/** The numbers of the numbered cases `lists` name (any `caseId` in them), so a reader sees BX-2026-00001, not an id. */
function numbersOf(cases: readonly RecordedCase[], lists: unknown): Record<string, string> {
  const named = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'caseId' && typeof x === 'string') named.add(x);
        else walk(x);
      }
  };
  walk(lists);
  const numbers: Record<string, string> = {};
  for (const c of cases) if (c.number !== undefined && named.has(c.id)) numbers[c.id] = c.number;
  return numbers;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
