// Builds the embeddable components and the staff app:
//   dist/ui/serviceframe.js   (served at /ui/serviceframe.js) every element, for embedding
//   dist/ui/app.js            the staff app's entry: the app and the worklist; pages load as chunks
//   dist/ui/chunks/*-HASH.js  code shared or loaded on demand, named by content (served immutable)
//   dist/ui/index.html        (the staff app page, served at /) with the entry's chunks preloaded
//   dist/ui/sw.js             (served at /sw.js) the service worker keeping the app shell offline
//   dist/ui/favicon.svg, embed-example.html, embed-example.js
// Run: npm run build:ui   Options: --outdir DIR, --dev (no minification), --watch
import { build, context } from 'esbuild';
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

const options = {
  absWorkingDir: root,
  entryPoints: { serviceframe: 'ui/index.ts', app: 'ui/app/main.ts' },
  bundle: true,
  format: 'esm',
  // The definitions editor is imported on demand: its code goes to a chunk next to the bundle.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'browser',
  target: 'es2022',
  outdir,
  minify: !dev,
  sourcemap: true,
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
  conditions: dev ? ['development'] : ['production'],
};

/** The chunks a built entry imports statically, transitively (what the page needs before it runs). */
function staticClosure(metafile, entry) {
  const seen = new Set();
  const visit = (file) => {
    for (const i of metafile.outputs[file]?.imports ?? []) {
      if (i.kind === 'import-statement' && !seen.has(i.path)) {
        seen.add(i.path);
        visit(i.path);
      }
    }
  };
  visit(entry);
  return [...seen];
}

const urlOf = (file) => `/ui/${relative(outdir, resolve(root, file)).split('\\').join('/')}`;

/**
 * The app page with its entry's chunks preloaded (no waterfall: app.js, then what it imports),
 * and the service worker with the shell's files: the page, the entry, those chunks, the favicon.
 */
async function appShell(metafile) {
  const entry = Object.keys(metafile.outputs).find((f) => metafile.outputs[f].entryPoint === 'ui/app/main.ts');
  const chunks = staticClosure(metafile, entry).map(urlOf);
  const preload = chunks.map((url) => `<link rel="modulepreload" href="${url}" />`).join('\n    ');
  const page = (await readFile(join(root, 'ui/app/index.html'), 'utf8')).replace('<!-- sf:preload -->', preload);
  await writeFile(join(outdir, 'index.html'), page);
  const shell = ['/', urlOf(entry), ...chunks, '/ui/favicon.svg'];
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
  const ctx = await context(options);
  await pages();
  await ctx.watch();
  console.log(`watching; writing to ${relative(root, outdir)}/`);
} else {
  const started = performance.now();
  const result = await build(options);
  await pages(result.metafile);
  const size = (await stat(join(outdir, 'serviceframe.js'))).size;
  const inputs = Object.keys(result.metafile.inputs).length;
  console.log(
    `${relative(root, outdir)}/serviceframe.js ${(size / 1024).toFixed(0)} KiB from ${inputs} modules in ${Math.round(performance.now() - started)} ms`,
  );
}
