import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installed package's folder: the nearest folder above this module with a package.json. The
 * same answer whether this module runs from the sources (server/) or from the build
 * (dist/server/serviceframe.mjs), so files the package ships (dist/ui) are found from either.
 */
export function packageDir(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(from)}`);
    dir = up;
  }
  return dir;
}
