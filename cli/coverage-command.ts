import { existsSync, readFileSync } from 'node:fs';
import { readDefinitionFiles } from '../engine/definitions/index.ts';
import { parseArgs, type Command } from './command.ts';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_REQUIREMENTS = 'docs/requirements.md';
const ID = /\b[A-Z]{1,5}-\d+\b/g;

export const coverageCommand: Command = {
  name: 'coverage',
  usage:
    'coverage [--spec FILE] [--definitions DIR]   requirement IDs (default: docs/requirements.md) covered by `# covers:` lines in scenarios and tests',
  async run(args, io) {
    const { options } = parseArgs(args);
    const defsDir =
      typeof options.get('definitions') === 'string' ? (options.get('definitions') as string) : 'definitions';
    // The repository's own list, so that a clone answers without anything beside it.
    const specFile = typeof options.get('spec') === 'string' ? (options.get('spec') as string) : DEFAULT_REQUIREMENTS;
    if (!existsSync(specFile)) {
      io.err(`${specFile}: no such file (a requirements list: lines starting with "- ID")`);
      return 1;
    }
    const covered = new Map<string, Set<string>>();
    const add = (id: string, where: string) => covered.set(id, (covered.get(id) ?? new Set()).add(where));
    const scenarioDir = join(defsDir, 'scenarios');
    for (const f of existsSync(scenarioDir) ? readDefinitionFiles(scenarioDir) : []) {
      for (const id of coversIn(f.text)) add(id, f.path);
    }
    // What a scenario cannot show (the browser, the HTTP server) is shown by tests with the same comment.
    for (const f of existsSync('tests') ? listFiles('tests', /\.(ts|mjs|js)$/) : []) {
      for (const id of coversIn(readFileSync(f, 'utf8'))) add(id, f);
    }
    const all = [
      ...new Set(
        readFileSync(specFile, 'utf8')
          .match(/^- ([A-Z]+-\d+)/gm)
          ?.map((l) => l.slice(2)) ?? [],
      ),
    ];
    const outOfScope = outOfScopeIds();
    const ids = all.length ? all : [...covered.keys()].sort();
    for (const id of ids) {
      const where = covered.get(id);
      if (where) io.out(`covered   ${id}  ${[...where].join(', ')}`);
      else if (outOfScope.has(id)) io.out(`excluded  ${id}  ${outOfScope.get(id)}`);
      else io.out(`uncovered ${id}`);
    }
    const n = ids.filter((id) => covered.has(id)).length;
    io.out(
      `${n} of ${ids.length} requirement IDs covered${outOfScope.size ? `, ${[...outOfScope.keys()].filter((k) => ids.includes(k) && !covered.has(k)).length} out of scope (README)` : ''}`,
    );
    return 0;
  },
};

function coversIn(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /(?:#|\/\/|\*)\s*covers:\s*(.*)$/.exec(line);
    if (m) out.push(...(m[1]!.match(ID) ?? []));
  }
  return out;
}

/** The README lists what is out of scope as lines `- ID: reason` under a heading containing "Out of scope". */
function outOfScopeIds(): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync('README.md')) return out;
  const text = readFileSync('README.md', 'utf8');
  const section = /#+ [^\n]*Out of scope[^\n]*\n([\s\S]*?)(?=\n#|$)/i.exec(text);
  for (const m of section?.[1]?.matchAll(/^- \**([A-Z]+-\d+)\**:?\s*(.*)$/gm) ?? []) out.set(m[1]!, m[2]!);
  return out;
}

function listFiles(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full, pattern));
    else if (pattern.test(name)) out.push(full);
  }
  return out;
}
