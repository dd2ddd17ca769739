import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SourceFile } from './load-definitions.ts';

/** Every *.yaml / *.yml file under `dir`, sorted, with paths as the user wrote them (relative to cwd). */
export function readDefinitionFiles(dir: string, options: { exclude?: (path: string) => boolean } = {}): SourceFile[] {
  const out: SourceFile[] = [];
  const visit = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'node_modules' && !name.startsWith('.')) visit(full);
      } else if (/\.ya?ml$/.test(name) && !options.exclude?.(full)) {
        const shown = relative(process.cwd(), full) || full;
        out.push({ path: shown.startsWith('..') ? full : shown, text: readFileSync(full, 'utf8') });
      }
    }
  };
  visit(dir);
  return out;
}
