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
// not compete with the server's event loop (on 2 cores: one each).
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { Agent, request } = require('node:http');
const { url, plans, durationMs } = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: plans.length });
const base = new URL(url);
const latencies = [];
let errors = 0;
const versions = plans.map((p) => p.targets.map((t) => t.version ?? 0));
const turn = plans.map(() => 0);
const one = (i) => new Promise((resolve) => {
  const p = plans[i];
  const k = turn[i]++ % p.targets.length;
  const body = p.body.replace('"{version}"', String(versions[i][k]));
  const started = performance.now();
  const req = request({ agent, host: base.hostname, port: base.port, method: 'POST', path: p.targets[k].path, headers: { ...p.headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
    res.resume();
    res.on('end', () => {
      latencies.push(performance.now() - started);
      if (res.statusCode === 200 || res.statusCode === 201) versions[i][k]++;
      else errors++;
      resolve();
    });
  });
  req.on('error', () => { errors++; resolve(); });
  req.end(body);
});
(async () => {
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(plans.map(async (_, i) => { while (performance.now() < end) await one(i); }));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  parentPort.postMessage({ requests: latencies.length, errors, perSecond: latencies.length / seconds, p99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? 0, versions });
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
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { url, plans, durationMs } });
    worker.once('message', (m: LoadResult & { versions: number[][] }) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
