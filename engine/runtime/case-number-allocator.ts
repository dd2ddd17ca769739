import type { CaseNumberClaim, Store } from '../store/store.ts';
import type { CompiledSet } from './compiled-set.ts';

/**
 * Hands out the next sequence of a case-number series to decisions, synchronously (a decision is
 * pure and synchronous), from the last sequence the store has committed plus the claims this
 * process has made since. The store, not this cache, is what makes numbers unique: every claim
 * goes into the creating commit (Commit.caseNumbers) and the store refuses one that is not its
 * series' next (CaseNumberTakenError). The cache only makes that refusal rare — creations in one
 * process claim 1, 2, 3… without waiting for each other — and a refusal (another process, or an
 * earlier claim that failed to commit) is answered by reading the series again and deciding again.
 */
export interface CaseNumberAllocator {
  /**
   * Reads, once, the series that a decision at `now` on `set` may claim in (every numbered
   * workflow, in each calendar's time zone): undefined at once when they are all known, which is
   * every decision but the first of a set, a new year or a new month.
   */
  prepare(set: CompiledSet, now: number): Promise<void> | undefined;
  /** A claim log for one decision: what it claimed, to be committed, or given back when it fails. */
  session(): NumberSession;
  /** A commit with these claims failed: their series are read from the store again before the next claim. */
  forget(claims: readonly CaseNumberClaim[]): void;
}

export interface NumberSession {
  /** The next sequence of `series` for the case `caseId`; throws when the series was not prepared. */
  claim(series: string, caseId: string): number;
  readonly claims: readonly CaseNumberClaim[];
  /** The decision failed before its commit: the claims are given back. */
  rollback(): void;
}

export function caseNumberAllocator(store: Pick<Store, 'lastCaseNumber'>): CaseNumberAllocator {
  /** The last sequence handed out per series (committed, or claimed by a commit under way). */
  const last = new Map<string, number>();
  const loading = new Map<string, Promise<void>>();
  const seriesMemo = new WeakMap<CompiledSet, { minute: number; series: readonly string[] }>();

  const load = (series: string): Promise<void> => {
    let pending = loading.get(series);
    if (!pending) {
      pending = store.lastCaseNumber(series).then(
        (stored) => {
          loading.delete(series);
          // Claims made since the read was asked for are this process's own, after `stored`.
          last.set(series, Math.max(stored, last.get(series) ?? 0));
        },
        (error: unknown) => {
          loading.delete(series);
          throw error;
        },
      );
      loading.set(series, pending);
    }
    return pending;
  };

  const seriesAt = (set: CompiledSet, now: number): readonly string[] => {
    // Dates change on a minute boundary in every time zone, so a minute's series are the same.
    const minute = Math.floor(now / 60_000);
    const memo = seriesMemo.get(set);
    if (memo && memo.minute === minute) return memo.series;
    const series = new Set<string>();
    for (const wf of set.workflows.values()) {
      const numbering = wf.numbering;
      if (!numbering) continue;
      for (const zone of timeZonesOf(set, numbering.calendar)) series.add(numbering.seriesAt(now, zone));
    }
    const list = [...series];
    seriesMemo.set(set, { minute, series: list });
    return list;
  };

  return {
    prepare(set, now) {
      const missing = seriesAt(set, now).filter((s) => !last.has(s));
      if (missing.length === 0) return undefined;
      return Promise.all(missing.map(load)).then(() => undefined);
    },
    session() {
      const claims: CaseNumberClaim[] = [];
      const before = new Map<string, number>();
      return {
        claims,
        claim(series, caseId) {
          const current = last.get(series);
          if (current === undefined)
            throw new Error(`case-number series ${series} was not prepared before the decision`);
          if (!before.has(series)) before.set(series, current);
          const seq = current + 1;
          last.set(series, seq);
          claims.push({ caseId, series, seq });
          return seq;
        },
        rollback() {
          for (const [series, value] of before) {
            // Given back exactly when nobody claimed after this decision (its claims are the
            // series' last); otherwise the series is read from the store again.
            const mine = claims.filter((c) => c.series === series).at(-1)!.seq;
            if (last.get(series) === mine) last.set(series, value);
            else last.delete(series);
          }
          before.clear();
          claims.length = 0;
        },
      };
    },
    forget(claims) {
      for (const { series } of claims) last.delete(series);
    },
  };
}

/**
 * The time zones a workflow's numbers may be dated in: its calendar's, or every calendar's (a unit's calendar decides).
 */
function timeZonesOf(set: CompiledSet, calendar: string | undefined): string[] {
  const named = calendar === undefined ? undefined : set.calendars.get(calendar);
  if (named) return [named.timeZone];
  const zones = new Set<string>(['UTC']);
  for (const c of set.calendars.values()) zones.add(c.timeZone);
  return [...zones];
}

/** The time zone a case's number is dated in: the numbering's calendar, else the unit's, else UTC. */
export function numberTimeZone(set: CompiledSet, calendar: string | undefined, unit: string): string {
  const named = calendar === undefined ? undefined : set.calendars.get(calendar);
  return (named ?? set.calendarForUnit(unit))?.timeZone ?? 'UTC';
}
