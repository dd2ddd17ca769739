// The engine's pure modules import a few CommonJS packages (ajv, ajv-formats, validator, stdnum).
// Browsers load only ES modules and the dev server's node resolution does not convert CommonJS,
// so each of these is served as one ES module bundled by esbuild, with Node's interop semantics:
// the default export is `module.exports` and its keys are also named exports.
// A new CommonJS dependency of engine/ shows up in the browser as "does not provide an export
// named …": add its import specifier to the list in web-test-runner.config.mjs.
import { build } from 'esbuild';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const PREFIX = '/__cjs/';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function cjsInterop(specifiers) {
  const bundles = new Map();
  const bundle = async (specifier) => {
    const names = Object.keys(require(specifier)).filter(
      (n) => IDENTIFIER.test(n) && n !== 'default' && n !== '__esModule',
    );
    const contents =
      `const m = require(${JSON.stringify(specifier)});\nexport default m;\n` +
      (names.length ? `export const { ${names.join(', ')} } = m;\n` : '');
    const result = await build({
      stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    return result.outputFiles[0].text;
  };
  return {
    name: 'cjs-interop',
    resolveImport({ source }) {
      if (specifiers.includes(source)) return `${PREFIX}${encodeURIComponent(source)}.js`;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return;
      const specifier = decodeURIComponent(context.path.slice(PREFIX.length, -'.js'.length));
      if (!specifiers.includes(specifier)) return;
      if (!bundles.has(specifier)) bundles.set(specifier, bundle(specifier));
      return { body: await bundles.get(specifier), type: 'js' };
    },
  };
}
