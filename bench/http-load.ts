import { Worker } from 'node:worker_threads';

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly perSecond: number;
  readonly p99Ms: number;
}

/**
 * One connection's requests: it cycles through `targets` (paths), with the same headers and body;
 * `"{version}"` in the body is the target's version, which counts up on each 2xx answer.
 */
export interface ConnectionPlan {
  readonly targets: readonly { readonly path: string; readonly version?: number }[];
  readonly headers: Record<string, string>;
  readonly body: string;
}

// Plain JavaScript, run in a worker thread so the load generator has a core of its own and does
// not compete with the server's event loop (on 2 cores: one each). What both loops share: the
// keep-alive connections, `post` (connection i's target k, its latency counted from `from`,
// the target's version counting up on each 2xx answer) and the report.
const COMMON = `
const { parentPort, workerData } = require('node:worker_threads');
const { Agent, request } = require('node:http');
const { url, plans, durationMs, perSecond } = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: plans.length });
const base = new URL(url);
const latencies = [];
let errors = 0;
const versions = plans.map((p) => p.targets.map((t) => t.version ?? 0));
const post = (i, k, from) => new Promise((resolve) => {
  const p = plans[i];
  const body = p.body.replace('"{version}"', String(versions[i][k]));
  const req = request({ agent, host: base.hostname, port: base.port, method: 'POST', path: p.targets[k].path, headers: { ...p.headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
    res.resume();
    res.on('end', () => {
      latencies.push(performance.now() - from);
      if (res.statusCode === 200 || res.statusCode === 201) versions[i][k]++;
      else errors++;
      resolve();
    });
  });
  req.on('error', () => { errors++; resolve(); });
  req.end(body);
});
const report = (seconds) => {
  agent.destroy();
  latencies.sort((a, b) => a - b);
  parentPort.postMessage({ requests: latencies.length, errors, perSecond: latencies.length / seconds, p99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? 0, versions });
};
`;

// Closed loop: each connection sends its next request as soon as its answer arrives.
const CLOSED_WORKER = `${COMMON}
const turn = plans.map(() => 0);
(async () => {
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(plans.map(async (p, i) => {
    while (performance.now() < end) await post(i, turn[i]++ % p.targets.length, performance.now());
  }));
  report((performance.now() - start) / 1000);
})();
`;

// The same requests at a fixed average rate (open loop): arrivals are a Poisson process, as
// independent users' clicks are, sent whether or not earlier answers came. Each latency runs from
// the request's scheduled time to its answer, so time it spent queued in the generator (all
// connections busy) counts too. Requests go round the connections' cases in turn, so a case gets
// its next request only after every other case had one (its expectedVersion is then current).
const OPEN_WORKER = `${COMMON}
(async () => {
  const start = performance.now();
  const end = start + durationMs;
  const pending = [];
  let sent = 0;
  let due = start;
  while (true) {
    due += -Math.log(1 - Math.random()) * 1000 / perSecond;
    if (due >= end) break;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const i = sent % plans.length;
    pending.push(post(i, Math.floor(sent / plans.length) % plans[i].targets.length, due));
    sent++;
  }
  await Promise.all(pending);
  report(durationMs / 1000);
})();
`;

/**
 * A closed-loop load generator in a worker thread: one keep-alive connection per plan, each
 * sending its next POST as soon as the previous answer arrives, for `durationMs`.
 */
export function runLoad(
  url: string,
  plans: readonly ConnectionPlan[],
  durationMs: number,
): Promise<LoadResult & { versions: number[][] }> {
  return inWorker(CLOSED_WORKER, { url, plans, durationMs });
}

/**
 * An open-loop load generator in a worker thread: `perSecond` requests a second on average
 * (Poisson arrivals) over `plans`' keep-alive connections for `durationMs`, each latency from the
 * request's scheduled time to its answer (OPEN_WORKER).
 */
export function runOpenLoad(
  url: string,
  plans: readonly ConnectionPlan[],
  perSecond: number,
  durationMs: number,
): Promise<LoadResult & { versions: number[][] }> {
  return inWorker(OPEN_WORKER, { url, plans, durationMs, perSecond });
}

function inWorker(source: string, workerData: unknown): Promise<LoadResult & { versions: number[][] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData });
    worker.once('message', (m: LoadResult & { versions: number[][] }) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
