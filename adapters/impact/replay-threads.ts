import { Worker } from 'node:worker_threads';
import { sentCount, type PassOutcome } from '../../engine/impact/replay-pass.ts';
import {
  passesInThisThread,
  type PassesInput,
  type PassesOutcome,
  type PassesRunner,
  type PassName,
} from '../../engine/impact/replay-passes.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import { casesToWire } from './replay-wire.ts';
import type { FromReplayThread, ReplayThreadData, SetSource, ToReplayThread } from './replay-thread-protocol.ts';

/** Cases per JSON slice sent to the threads: the first slices are parsed there while the next are written here. */
const SLICE = 2000;

/** Replay threads alive in this process, for the tests that check a cancelled replay leaves none. */
const running = new Set<Worker>();

/** For tests: how many impact replay threads are running in this process. */
export function runningReplayThreads(): number {
  return running.size;
}

/**
 * Passes of fewer events than this run in the calling thread (passesInThisThread): starting two
 * threads, each loading the engine and compiling its sets, costs more than replaying a few
 * thousand events (under tsx, in development and tests, several times more).
 */
const THREADS_FROM = 20_000;

/**
 * Runs the two passes of an impact replay at once, each on its own worker thread: on two cores a
 * month takes about as long as its longer pass, and the calling thread (a server's) stays free.
 * The cases are written to JSON once, in slices, and the same strings go to both threads; each
 * thread compiles its sets again from their definitions. Aborting the signal, or a progress report
 * that rejects, terminates both threads at once. `fromEvents`: passes of fewer events run in the
 * calling thread instead (default THREADS_FROM; the tests give 0 to run small months on threads).
 */
export function threadedPasses(options: { fromEvents?: number; worker?: URL } = {}): PassesRunner {
  const fromEvents = options.fromEvents ?? THREADS_FROM;
  const worker = options.worker ?? WORKER;
  return (input) => {
    // A small period (or one with no case) is not worth starting two threads for.
    if (input.cases.length === 0 || sentCount(input.cases) < fromEvents) return passesInThisThread(input);
    return passesOnTwoThreads(input, worker);
  };
}

/**
 * The thread's entry, next to this module: from source, the .mjs that registers tsx first; in the
 * production build (server/build.mjs), the bundled worker under the same name beside the bundle.
 */
const WORKER = new URL('./replay-pass-worker.mjs', import.meta.url);

/** The runner the server, the command line and the bench use. */
export const passesOnThreads: PassesRunner = threadedPasses();

async function passesOnTwoThreads(input: PassesInput, worker: URL): Promise<PassesOutcome> {
  input.signal?.throwIfAborted();
  const common = {
    users: input.users,
    records: input.records,
    until: input.until,
    period: input.period,
    ...(input.every !== undefined ? { every: input.every } : {}),
    ...(input.explain !== undefined ? { explain: input.explain } : {}),
  };
  const before = startPass(worker, {
    ...common,
    pass: 'before',
    sets: [...input.recorded].map(([k, s]) => source(k, s)),
    score: source(input.published.version, input.published),
  });
  const after = startPass(worker, {
    ...common,
    pass: 'after',
    sets: [source(input.candidate.version, input.candidate)],
    score: source(input.candidate.version, input.candidate),
  });
  const threads = [before, after];
  let stop: (reason: unknown) => void = () => {};
  const stopped = new Promise<never>((_, reject) => (stop = reject));
  stopped.catch(() => {}); // awaited below; a stop while the cases are still being sent waits for that
  const onAbort = () => stop(input.signal!.reason);
  input.signal?.addEventListener('abort', onAbort, { once: true });
  // Progress reports are awaited one after the other, as a pass in this thread awaits them.
  let told = Promise.resolve();
  const tell = (pass: PassName, done: number) => {
    const progress = input.progress;
    if (!progress) return;
    told = told.then(() => progress(pass, done)).catch((e: unknown) => stop(e));
  };
  before.onProgress = (done) => tell('before', done);
  after.onProgress = (done) => tell('after', done);
  try {
    for (let i = 0; i < input.cases.length; i += SLICE) {
      const json = casesToWire(input.cases.slice(i, i + SLICE));
      for (const t of threads) t.send({ kind: 'cases', json });
      // A server answers requests meanwhile (a slice is a few milliseconds of work), and a cancel.
      await Promise.race([new Promise((resolve) => setImmediate(resolve)), stopped]);
    }
    for (const t of threads) t.send({ kind: 'run' });
    const ended = (t: PassThread, pass: PassName) =>
      t.outcome.then((outcome) => {
        tell(pass, outcome.events);
        return outcome;
      });
    const outcomes = Promise.all([ended(before, 'before'), ended(after, 'after')]);
    const [b, a] = await Promise.race([outcomes, stopped]);
    await Promise.race([told, stopped]);
    return { before: b, after: a };
  } finally {
    input.signal?.removeEventListener('abort', onAbort);
    await Promise.all(threads.map((t) => t.terminate()));
  }
}

function source(key: string, set: CompiledSet): SetSource {
  return { key, version: set.version, docs: set.docs };
}

interface PassThread {
  onProgress: (done: number) => void;
  readonly outcome: Promise<PassOutcome>;
  send(message: ToReplayThread): void;
  terminate(): Promise<void>;
}

function startPass(entry: URL, data: Omit<ReplayThreadData, 'module'>): PassThread {
  const worker = new Worker(entry, {
    workerData: {
      ...data,
      module: new URL('./replay-pass-worker.ts', import.meta.url).href,
    } satisfies ReplayThreadData,
    // The entry registers its own TypeScript loader; it must not inherit this process's flags (a test runner's).
    execArgv: [],
  });
  running.add(worker);
  const thread: PassThread = {
    onProgress: () => {},
    outcome: new Promise<PassOutcome>((resolve, reject) => {
      worker.on('message', (message: FromReplayThread) => {
        if (message.kind === 'progress') thread.onProgress(message.done);
        else resolve(message.outcome);
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        running.delete(worker);
        // After its outcome this changes nothing.
        reject(new Error(`the ${data.pass} replay thread exited with code ${code} before its outcome`));
      });
    }),
    send: (message) => worker.postMessage(message),
    async terminate() {
      await worker.terminate();
      running.delete(worker);
    },
  };
  // Ends with its caller's run: a rejection no one awaits any more (after a stop) is not unhandled.
  thread.outcome.catch(() => {});
  return thread;
}
