// The staff app's build (used by ui/build.mjs): app.js in one file before the first screen, the
// pages it opens later in content-hashed chunks.
//
// app.js holds everything the login form and the worklist need (what ui/app/main.ts imports
// statically), so the page asks for one script rather than a dozen shared chunks that a slow phone
// must request, compile and link one by one before it can show the login form (ui.firstWorklist).
// Every module imported with `import()` (the case page, forms, reports, the editor…) is an entry
// of a second build, split into chunks named by their content. A module that both need is taken
// from app.js, which exports it under a name made from its path (`$` and a hash), so each module
// exists once on the page: one Lit, one drafts store, one cache of workflow views.
//
// Three passes: (1) which modules app.js holds and which it imports on demand, nothing written;
// (2) the pages, each module of app.js replaced by a stand-in that re-exports it from app.js;
// (3) app.js, exporting the modules the pages took and importing each page by its file name.
import { build, transform } from 'esbuild';
import { init, parse } from 'es-module-lexer';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

const posix = (path) => path.split('\\').join('/');
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Builds `app.js` and the pages' chunks under `outdir` with esbuild `options` (bundle, format,
 * minify… as for the rest of the UI); answers both builds' metafiles.
 */
export async function buildApp({ root, outdir, entry, options }) {
  const abs = (path) => resolve(root, path);
  const lazy = new Set();
  const pass = await build({
    ...options,
    entryPoints: { app: entry },
    outdir,
    write: false,
    metafile: true,
    plugins: [dynamicImports(async (path) => (lazy.add(path), { path, external: true }))],
  });
  const inApp = new Set(Object.keys(pass.metafile.inputs).map(abs));
  const exported = await exportNames(root, pass.metafile.inputs);
  const nameOf = (path) =>
    `$${createHash('sha256')
      .update(posix(relative(root, path)))
      .digest('hex')
      .slice(0, 8)}`;

  const taken = new Map();
  const fromApp = {
    name: 'serviceframe-from-app',
    setup(b) {
      // esbuild matches the paths itself: no call into this script for the pages' own modules.
      b.onLoad({ filter: new RegExp(`^(${[...inApp].map(escape).join('|')})$`) }, (a) => {
        const name = nameOf(a.path);
        taken.set(a.path, name);
        const names = exported.get(a.path) ?? [];
        const named = names.filter((n) => n !== 'default');
        return {
          contents: [
            `import { ${name} as m } from 'serviceframe:app';`,
            named.length ? `export const { ${named.join(', ')} } = m;` : '',
            names.includes('default') ? 'export default m.default;' : '',
          ].join('\n'),
          loader: 'js',
        };
      });
      // Every chunk is in chunks/, app.js beside that folder.
      b.onResolve({ filter: /^serviceframe:app$/ }, () => ({ path: '../app.js', external: true }));
    },
  };
  const pages = await build({
    ...options,
    entryPoints: [...lazy],
    outdir,
    entryNames: 'chunks/[name]-[hash]',
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    metafile: true,
    plugins: [fromApp],
  });
  const pageFile = new Map();
  for (const [file, out] of Object.entries(pages.metafile.outputs))
    if (out.entryPoint) pageFile.set(abs(out.entryPoint), `./${posix(relative(outdir, abs(file)))}`);

  const contents = [
    `import ${JSON.stringify(abs(entry))};`,
    ...[...taken]
      .sort((a, b) => a[1].localeCompare(b[1]))
      .map(([path, name]) => `export * as ${name} from ${JSON.stringify(path)};`),
  ].join('\n');
  const app = await build({
    ...options,
    stdin: { contents, resolveDir: root, sourcefile: 'app-entry.js', loader: 'js' },
    outfile: join(outdir, 'app.js'),
    metafile: true,
    plugins: [
      dynamicImports((path, a) => {
        const file = pageFile.get(path);
        return file ? { path: file, external: true } : { errors: [{ text: `no chunk was built for ${a.path}` }] };
      }),
    ],
  });
  return { app: app.metafile, pages: pages.metafile };
}

/** A plugin answering every `import()` with `answer(resolvedPath, args)`. */
function dynamicImports(answer) {
  return {
    name: 'serviceframe-dynamic-imports',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (a) => {
        if (a.kind !== 'dynamic-import' || a.pluginData === 'resolving') return undefined;
        const found = await b.resolve(a.path, { kind: a.kind, resolveDir: a.resolveDir, pluginData: 'resolving' });
        if (found.errors.length) return { errors: found.errors };
        return answer(found.path, a);
      });
    },
  };
}

/**
 * The names each module of a build exports, `export * from` followed through the build's own
 * resolution of the specifier (the metafile's inputs), read with es-module-lexer.
 */
async function exportNames(root, inputs) {
  await init;
  const own = new Map();
  for (const [rel, input] of Object.entries(inputs)) {
    const source = await readFile(resolve(root, rel), 'utf8');
    const js = /\.[cm]?tsx?$/.test(rel) ? (await transform(source, { loader: 'ts', format: 'esm' })).code : source;
    const [imports, exports] = parse(js);
    const stars = imports
      .filter((i) => i.n !== undefined && /^export\s*\*\s*from/.test(js.slice(i.ss, i.se)))
      .map((i) => input.imports.find((x) => x.original === i.n)?.path)
      .filter((path) => path !== undefined);
    own.set(rel, { names: exports.map((e) => e.n), stars });
  }
  const all = (rel, seen) => {
    if (seen.has(rel) || !own.has(rel)) return [];
    seen.add(rel);
    const { names, stars } = own.get(rel);
    // `export *` passes on every name but the default.
    return [...names, ...stars.flatMap((star) => all(star, seen).filter((n) => n !== 'default'))];
  };
  return new Map([...own.keys()].map((rel) => [resolve(root, rel), [...new Set(all(rel, new Set()))]]));
}
