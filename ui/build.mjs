// Builds the embeddable components and the staff app into one ES module:
//   dist/ui/serviceframe.js   (served at /ui/serviceframe.js)
//   dist/ui/index.html        (the staff app page, served at /)
//   dist/ui/embed-example.html, embed-example.js
// Run: npm run build:ui   Options: --outdir DIR, --dev (no minification), --watch
import { build, context } from 'esbuild';
import { copyFile, mkdir, stat } from 'node:fs/promises';
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
  entryPoints: { serviceframe: 'ui/index.ts' },
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

async function pages() {
  await mkdir(outdir, { recursive: true });
  await copyFile(join(root, 'ui/app/index.html'), join(outdir, 'index.html'));
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
  await pages();
  const size = (await stat(join(outdir, 'serviceframe.js'))).size;
  const inputs = Object.keys(result.metafile.inputs).length;
  console.log(`${relative(root, outdir)}/serviceframe.js ${(size / 1024).toFixed(0)} KiB from ${inputs} modules in ${Math.round(performance.now() - started)} ms`);
}
