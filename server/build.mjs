// Builds the server and the command line into JavaScript, so production runs no TypeScript loader:
//   dist/server/serviceframe.mjs          the command line (`serviceframe serve` is what npm start runs)
//   dist/server/sqlite-writer-worker.mjs  the SQLite store's writer thread
//   dist/server/replay-pass-worker.mjs    an impact replay's pass thread
//   dist/server/wal-checkpoint-worker.mjs the WAL checkpoint thread (plain JavaScript, copied)
// Workers are started with `new URL('./…-worker.mjs', import.meta.url)`, so each sits next to the
// bundle that starts it, under the same name as its source entry. Run: npm run build (npm start
// runs it first). Option: --outdir DIR (default dist/server; the impact bench and a test build the
// same files elsewhere, to run the pass thread as production does).
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Packages stay imports of the production install, except JSON data (the official calendar's
// days): Node needs an import attribute for JSON that esbuild does not keep on an external import.
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.endsWith('.json') ? undefined : { path: args.path, external: true },
    );
  },
};

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const at = process.argv.indexOf('--outdir');
const outdir = at > 0 && process.argv[at + 1] ? resolve(root, process.argv[at + 1]) : join(root, 'dist/server');
const started = performance.now();
await mkdir(outdir, { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    serviceframe: 'cli/run.ts',
    'sqlite-writer-worker': 'adapters/sqlite/store/sqlite-writer-worker.ts',
    'replay-pass-worker': 'adapters/impact/replay-pass-worker.ts',
  },
  bundle: true,
  plugins: [externalPackages],
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir,
  outExtension: { '.js': '.mjs' },
  sourcemap: true,
  logLevel: 'warning',
});
await copyFile(
  join(root, 'adapters/sqlite/store/wal-checkpoint-worker.mjs'),
  join(outdir, 'wal-checkpoint-worker.mjs'),
);
console.log(`${relative(root, outdir)}/ built in ${Math.round(performance.now() - started)} ms`);
