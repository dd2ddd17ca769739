import { parentPort, workerData } from 'node:worker_threads';
import type { RecordedCase } from '../../engine/impact/recorded-period.ts';
import { replayPass } from '../../engine/impact/replay-pass.ts';
import { passRules } from '../../engine/impact/replay-passes.ts';
import { compileSet } from '../../engine/runtime/compile-set.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import { casesFromWire } from './replay-wire.ts';
import type { FromReplayThread, ReplayThreadData, SetSource, ToReplayThread } from './replay-thread-protocol.ts';

/**
 * The body of an impact replay thread: one pass (replayPass, as in the calling thread) over the
 * cases it is sent. The sets are compiled again here from their definitions (compiled sets hold
 * functions, which do not cross threads), and each must come out with the version it had.
 */
const port = parentPort!;
const data = workerData as ReplayThreadData;
const post = (message: FromReplayThread) => port.postMessage(message);

const compile = (source: SetSource): CompiledSet => {
  const set = compileSet(source.docs);
  if (set.version !== source.version)
    throw new Error(`version ${source.version} compiled in a replay thread is ${set.version}`);
  return set;
};
const sets = new Map<string, CompiledSet>();
for (const source of data.sets) sets.set(source.key, compile(source));
const scoreSet = [...sets.values()].find((s) => s.version === data.score.version) ?? compile(data.score);
// 'after' is sent the candidate alone; 'before' the sets the cases ran on, by version.
const rules = passRules(data.pass, sets, [...sets.values()][0]!);

const cases: RecordedCase[] = [];
port.on('message', (message: ToReplayThread) => {
  if (message.kind === 'cases') {
    for (const c of casesFromWire(message.json)) cases.push(c);
    return;
  }
  // A failure is an unhandled rejection, which ends this thread with an 'error' the caller rejects with.
  void run();
});

async function run() {
  const outcome = await replayPass({
    cases,
    ...rules,
    users: data.users,
    records: data.records,
    until: data.until,
    score: { set: scoreSet, period: data.period },
    ...(data.every !== undefined ? { every: data.every } : {}),
    ...(data.explain !== undefined ? { explain: data.explain } : {}),
    checkpoint: (done) => post({ kind: 'progress', done }),
  });
  post({ kind: 'outcome', outcome });
  port.close();
}
