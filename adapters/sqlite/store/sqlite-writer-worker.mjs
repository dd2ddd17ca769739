// The entry of the SQLite store's writer thread (sqlite-writer-thread.ts). Plain JavaScript so that
// it loads the same way under Node, tsx and vitest: a worker does not inherit the TypeScript loader
// of the thread that starts it (bin/serviceframe.js registers tsx in the main thread only), so this
// registers tsx's ESM hooks for this thread and then imports the TypeScript worker module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
