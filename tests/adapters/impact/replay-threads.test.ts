// Issue 18 item 1 (impact replay off the request thread, cancellable, with progress; the month in
// under 30 s): the two passes run at once on two worker threads and give, byte for byte, the report
// the passes in the calling thread give; aborting, or a progress report that throws, stops both
// threads. SPEC P-3, P-6.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningReplayThreads, threadedPasses } from '../../../adapters/impact/replay-threads.ts';
import { runImpact, type ImpactInput, type ImpactProgress } from '../../../engine/impact/index.ts';
import type { CompiledSet } from '../../../engine/runtime/compiled-set.ts';
import { generateMonth, monthAsRecorded, usersOf } from '../../helpers/impact-month.ts';
import { baseFiles, compileFiles, editedFiles, NOVEMBER } from '../../helpers/impact-sets.ts';

/** Threads even for this small month (the server's runner keeps months this small in its own thread). */
const passesOnThreads = threadedPasses({ fromEvents: 0 });
/** Each test starts two threads, which under tsx load the engine first: slow on a busy machine. */
const SLOW = 120_000;
const base = compileFiles(baseFiles());
const twelveHours = compileFiles(editedFiles('sla.yaml', 'duration: 24h', 'duration: 12h'));
const managersDispatch = compileFiles(
  editedFiles('workflows.yaml', 'allow: [ { role: lead, unit: same } ]', 'allow: [ { role: manager } ]'),
);
const period = monthAsRecorded(
  generateMonth({ start: NOVEMBER.from, days: 30, cases: 400, seed: 11 }),
  base.version,
  NOVEMBER.from,
  NOVEMBER.to,
);

const input = (candidate: CompiledSet): ImpactInput => ({
  period,
  candidate,
  published: base,
  versions: (v) => (v === base.version ? base : undefined),
  users: usersOf(base),
});

describe('impact replay passes on two worker threads (issue 18)', () => {
  for (const [name, candidate] of [
    ['a shorter on-site promise', twelveHours],
    ['dispatch for managers only', managersDispatch],
  ] as const)
    it(
      `gives the report the passes in this thread give, byte for byte: ${name}`,
      async () => {
        const here = await runImpact(input(candidate));
        const threads = await runImpact({ ...input(candidate), passes: passesOnThreads });
        expect(here.summary.breachesGained + here.summary.refused).toBeGreaterThan(0);
        expect(JSON.stringify(threads)).toBe(JSON.stringify(here));
        expect(runningReplayThreads()).toBe(0);
      },
      SLOW,
    );

  it(
    'reports the progress of both passes together, up to the total',
    async () => {
      const seen: ImpactProgress[] = [];
      const report = await runImpact({
        ...input(twelveHours),
        passes: passesOnThreads,
        every: 100,
        onProgress: (p) => void seen.push(p),
      });
      const total = 2 * report.events;
      expect(seen.length).toBeGreaterThan(2 * Math.floor(report.events / 100));
      expect(seen.every((p) => p.total === total)).toBe(true);
      // Both passes counted together: it never goes back, and ends at the total in phase 'after'.
      expect(seen.every((p, i) => i === 0 || p.done >= seen[i - 1]!.done)).toBe(true);
      expect(seen.at(-1)).toEqual({ phase: 'after', done: total, total });
      expect(seen.some((p) => p.phase === 'before' && p.done > 0)).toBe(true);
    },
    SLOW,
  );

  it(
    'stops both threads when the replay is aborted midway, and rejects with the reason',
    async () => {
      const controller = new AbortController();
      const reason = new Error('cancelled by the administrator');
      let runningThen = 0;
      const run = runImpact({
        ...input(twelveHours),
        passes: passesOnThreads,
        every: 50,
        signal: controller.signal,
        onProgress(p) {
          if (p.done === 0 || controller.signal.aborted) return;
          runningThen = runningReplayThreads();
          controller.abort(reason);
        },
      });
      await expect(run).rejects.toBe(reason);
      expect(runningThen).toBe(2);
      expect(runningReplayThreads()).toBe(0);
    },
    SLOW,
  );

  it(
    'stops both threads when a progress report throws, and rejects with its error',
    async () => {
      const stop = new Error('stop here');
      const run = runImpact({
        ...input(twelveHours),
        passes: passesOnThreads,
        every: 50,
        onProgress(p) {
          if (p.done > 0) throw stop;
        },
      });
      await expect(run).rejects.toBe(stop);
      expect(runningReplayThreads()).toBe(0);
    },
    SLOW,
  );

  it('starts no thread when aborted before it begins', async () => {
    const controller = new AbortController();
    controller.abort(new Error('never mind'));
    await expect(
      runImpact({ ...input(twelveHours), passes: passesOnThreads, signal: controller.signal }),
    ).rejects.toThrow('never mind');
    expect(runningReplayThreads()).toBe(0);
  });
});

describe('impact replay passes on the production build of the pass thread (issue 18, the bench runs this)', () => {
  let dir = '';
  beforeAll(() => {
    // Inside the checkout, as dist/server is: the bundle imports its packages from node_modules.
    mkdirSync('dist', { recursive: true });
    dir = mkdtempSync(join('dist', 'replay-build-'));
    execFileSync(process.execPath, ['server/build.mjs', '--outdir', dir], { stdio: 'pipe' });
  }, SLOW);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'gives the report the passes in this thread give, byte for byte',
    async () => {
      const built = threadedPasses({
        fromEvents: 0,
        worker: pathToFileURL(join(process.cwd(), dir, 'replay-pass-worker.mjs')),
      });
      const here = await runImpact(input(twelveHours));
      const threads = await runImpact({ ...input(twelveHours), passes: built });
      expect(here.summary.breachesGained).toBeGreaterThan(0);
      expect(JSON.stringify(threads)).toBe(JSON.stringify(here));
      expect(runningReplayThreads()).toBe(0);
    },
    SLOW,
  );
});
