// Builds the embeddable components and the staff app:
//   dist/ui/serviceframe.js   (served at /ui/serviceframe.js) every element, for embedding
//   dist/ui/app.js            the staff app's entry, one file: the app and the worklist (build-app.mjs)
//   dist/ui/chunks/*-HASH.js  code loaded on demand (the app's pages, the embedding's editor) or
//                             shared by the embedding's entry and its chunks, named by content (served immutable)
//   dist/ui/index.html        (the staff app page, served at /)
//   dist/ui/sw.js             (served at /sw.js) the service worker keeping the app shell offline
//   dist/ui/favicon.svg, embed-example.html, embed-example.js
// Run: npm run build:ui   Options: --outdir DIR, --dev (no minification), --watch
import { build, context } from 'esbuild';
import { buildApp } from './build-app.mjs';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const outdir = resolve(root, option('--outdir') ?? 'dist/ui');
const dev = args.includes('--dev');

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: !dev,
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
  conditions: dev ? ['development'] : ['production'],
};

// The embeddable bundle: every element; the definitions editor and the versions page are imported
// on demand and go to chunks next to it.
const embedOptions = {
  ...common,
  entryPoints: { serviceframe: 'ui/index.ts' },
  outdir,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
};

const APP_ENTRY = 'ui/app/main.ts';

const urlOf = (file) => `/ui/${relative(outdir, resolve(root, file)).split('\\').join('/')}`;

/**
 * The app page, and the service worker with the shell's files: the page, the entry (which holds
 * everything up to the worklist), the favicon. Pages opened later are kept as they are fetched.
 */
async function appShell(metafile) {
  const entry = Object.keys(metafile.outputs).find((f) => f.endsWith('app.js'));
  await copyFile(join(root, 'ui/app/index.html'), join(outdir, 'index.html'));
  const shell = ['/', urlOf(entry), '/ui/favicon.svg'];
  // Chunk names carry content hashes; the entry's name does not, so its content is hashed too.
  const version = createHash('sha256')
    .update(shell.join('\n'))
    .update(await readFile(resolve(root, entry)))
    .digest('hex')
    .slice(0, 12);
  await build({
    absWorkingDir: root,
    entryPoints: ['ui/app/sw.ts'],
    outfile: join(outdir, 'sw.js'),
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: !dev,
    logLevel: 'warning',
    define: { SHELL_FILES: JSON.stringify(shell), SHELL_VERSION: JSON.stringify(version) },
  });
}

async function pages(metafile) {
  await mkdir(outdir, { recursive: true });
  if (metafile) await appShell(metafile);
  else await copyFile(join(root, 'ui/app/index.html'), join(outdir, 'index.html'));
  await copyFile(join(root, 'ui/app/favicon.svg'), join(outdir, 'favicon.svg'));
  await copyFile(join(root, 'ui/embed-example.html'), join(outdir, 'embed-example.html'));
  await copyFile(join(root, 'ui/embed-example.js'), join(outdir, 'embed-example.js'));
}

if (args.includes('--watch')) {
  // While developing: one build of both entries with shared chunks (app.js imports them); the
  // one-file app of a release build is not needed to try changes.
  const ctx = await context({ ...embedOptions, entryPoints: { ...embedOptions.entryPoints, app: APP_ENTRY } });
  await pages();
  await ctx.watch();
  console.log(`watching; writing to ${relative(root, outdir)}/`);
} else {
  const started = performance.now();
  const [result, app] = await Promise.all([
    build(embedOptions),
    buildApp({ root, outdir, entry: APP_ENTRY, options: common }),
  ]);
  await pages(app.app);
  const size = (await stat(join(outdir, 'serviceframe.js'))).size;
  const inputs = new Set([result.metafile, app.app, app.pages].flatMap((m) => Object.keys(m.inputs))).size;
  console.log(
    `${relative(root, outdir)}/serviceframe.js ${(size / 1024).toFixed(0)} KiB from ${inputs} modules in ${Math.round(performance.now() - started)} ms`,
  );
}
