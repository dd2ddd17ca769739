#!/usr/bin/env node
// The package bin. A development checkout has tsx (a devDependency) and runs the TypeScript
// sources, so an edit applies at once; a production install (`npm ci --omit=dev`) has no tsx and
// runs the JavaScript that `npm run build` wrote to dist/server (`npm start` builds first).
function resolves(specifier) {
  try {
    import.meta.resolve(specifier);
    return true;
  } catch {
    return false;
  }
}

if (resolves('tsx/esm/api')) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/run.ts');
} else {
  await import('../dist/server/serviceframe.mjs');
}
