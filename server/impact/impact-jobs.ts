import { randomUUID } from 'node:crypto';
import type { ImpactProgress, ImpactReport } from '../../engine/impact/index.ts';
import { saidProblem } from '../http/problem-messages.ts';

export type ImpactStatus = 'running' | 'done' | 'failed' | 'cancelled';

/** A replay as the API answers it (docs/impact.md). */
export interface ImpactJobView {
  readonly id: string;
  readonly status: ImpactStatus;
  readonly from: string;
  readonly to: string;
  readonly candidateVersion: string;
  readonly startedAt: string;
  readonly startedBy: string;
  readonly finishedAt?: string;
  readonly progress: {
    readonly phase: 'reading' | ImpactProgress['phase'];
    readonly done: number;
    readonly total: number;
  };
  readonly report?: ImpactReport;
  readonly error?: string;
}

/** Thrown from a job's progress callback when it was cancelled; the replay stops there. */
class Cancelled extends Error {}

export interface ImpactWork {
  /** Await between slices of work: yields to other requests, throws when the job was cancelled. */
  checkpoint(): Promise<void>;
  progress(p: ImpactJobView['progress']): void;
  /** Aborted when the job is cancelled: the replay's threads stop at once. */
  readonly signal: AbortSignal;
}

export interface ImpactJobs {
  start(
    meta: Pick<ImpactJobView, 'from' | 'to' | 'candidateVersion' | 'startedBy'>,
    run: (work: ImpactWork) => Promise<ImpactReport>,
  ): ImpactJobView;
  get(id: string): ImpactJobView | undefined;
  /** Cancels a running job (its view), forgets an ended one (undefined); unknown: null. */
  cancel(id: string): ImpactJobView | undefined | null;
}

/**
 * Impact replays started from this process. What runs here (reading the period) runs one slice at
 * a time: `checkpoint` hands the event loop back (setImmediate) between slices, so requests keep
 * being answered; the passes themselves run on worker threads (impact-routes.ts), which `signal`
 * stops when the job is cancelled. Ended jobs are kept for `keepMs`, then forgotten; at most
 * `maxRunning` run at once (429 beyond).
 */
export function createImpactJobs(
  options: { now: () => number; maxRunning?: number; keepMs?: number } = { now: Date.now },
): ImpactJobs {
  const maxRunning = options.maxRunning ?? 2;
  const keepMs = options.keepMs ?? 3_600_000;
  const jobs = new Map<
    string,
    { view: ImpactJobView; cancelled: boolean; endedAt: number | null; abort: AbortController }
  >();
  const iso = (t: number) => new Date(t).toISOString();
  const sweep = () => {
    const now = options.now();
    for (const [id, j] of jobs) if (j.endedAt !== null && now - j.endedAt > keepMs) jobs.delete(id);
  };
  return {
    start(meta, run) {
      sweep();
      const running = [...jobs.values()].filter((j) => j.view.status === 'running').length;
      if (running >= maxRunning) throw saidProblem(429, 'impactTooMany', { running }, { code: 'TOO_MANY_IMPACT_JOBS' });
      const id = `imp-${randomUUID()}`;
      const job = {
        view: {
          id,
          status: 'running',
          ...meta,
          startedAt: iso(options.now()),
          progress: { phase: 'reading', done: 0, total: 0 },
        } as ImpactJobView,
        cancelled: false,
        endedAt: null as number | null,
        abort: new AbortController(),
      };
      jobs.set(id, job);
      const end = (change: Partial<ImpactJobView>) => {
        job.endedAt = options.now();
        job.view = { ...job.view, ...change, finishedAt: iso(job.endedAt) };
      };
      const work: ImpactWork = {
        async checkpoint() {
          await new Promise<void>((resolve) => setImmediate(resolve));
          if (job.cancelled) throw new Cancelled();
        },
        progress(p) {
          job.view = { ...job.view, progress: p };
        },
        signal: job.abort.signal,
      };
      // Started on the next turn, so the 202 is answered before the first slice runs.
      setImmediate(() => {
        run(work).then(
          (report) =>
            end({ status: 'done', report, progress: { ...job.view.progress, done: job.view.progress.total } }),
          (error: unknown) =>
            end(
              error instanceof Cancelled || job.cancelled
                ? { status: 'cancelled' }
                : { status: 'failed', error: error instanceof Error ? error.message : String(error) },
            ),
        );
      });
      return job.view;
    },
    get(id) {
      sweep();
      return jobs.get(id)?.view;
    },
    cancel(id) {
      const job = jobs.get(id);
      if (!job) return null;
      if (job.view.status !== 'running') {
        jobs.delete(id);
        return undefined;
      }
      job.cancelled = true;
      job.abort.abort(new Cancelled());
      job.view = { ...job.view, status: 'cancelled' };
      return job.view;
    },
  };
}
