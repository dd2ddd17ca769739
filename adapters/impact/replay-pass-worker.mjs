// The entry of an impact replay thread (replay-threads.ts). Plain JavaScript so that it loads the
// same way under Node, tsx and vitest: a worker does not inherit the TypeScript loader of the
// thread that starts it, so this registers tsx's ESM hooks for this thread and then imports the
// TypeScript worker module. The production build bundles replay-pass-worker.ts under this name.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
