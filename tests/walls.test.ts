// The walls between the core, its adapters and the composition (issue 17 item 5, ARCHITECTURE.md):
// engine/ is the core and names no adapter, no composition and no database, mail or HTTP library;
// ports/ holds the interfaces the server owns and the adapters implement (types only, over the
// core's); adapters/ implement the core's interfaces and those of ports/ and never reach up into
// server/ or the command line; server/ and cli/ compose the two, and inside server/ only the files
// that choose adapters import them.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Import {
  file: string;
  line: number;
  specifier: string;
  /** `import type …` / `export type …`: gone once compiled, so no runtime dependency. */
  typeOnly: boolean;
}

const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|mjs)$/.test(e.name) ? [path] : [];
  });
}

/** Static imports and re-exports (one or several lines), side-effect imports and dynamic import(). */
function importsOf(file: string, text: string): Import[] {
  const found: Import[] = [];
  const add = (index: number, specifier: string, typeOnly: boolean) =>
    found.push({ file, line: text.slice(0, index).split('\n').length, specifier, typeOnly });
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^;'"]*?\bfrom\s+['"]([^'"]+)['"]/gm))
    add(m.index, m[2]!, m[1] !== undefined);
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) add(m.index, m[1]!, false);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) add(m.index, m[1]!, false);
  return found.sort((a, b) => a.line - b.line);
}

/** The folder of the repository a relative specifier lands in ('engine', 'server', …), or the package's name. */
function targetOf(i: Import): { folder?: string; path?: string; pkg?: string } {
  if (!i.specifier.startsWith('.')) {
    const parts = i.specifier.split('/');
    return { pkg: i.specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]! };
  }
  const path = relative(root, normalize(join(root, dirname(i.file), i.specifier))).replaceAll('\\', '/');
  return { folder: path.split('/')[0]!, path };
}

const show = (i: Import) => `${i.file}:${i.line}: ${i.specifier}`;

/** Libraries that are I/O the core is given through its interfaces, never imports. */
const NOT_IN_CORE = new Set([
  'better-sqlite3',
  'pg',
  'nodemailer',
  'hono',
  '@hono/node-server',
  'pino',
  'prom-client',
  'tsx',
  'node:worker_threads',
  'node:child_process',
  'node:http',
  'node:https',
  'node:net',
]);

function coreViolations(imports: Import[]): string[] {
  return imports
    .filter((i) => {
      const t = targetOf(i);
      if (t.pkg !== undefined) return NOT_IN_CORE.has(t.pkg);
      return ['ports', 'adapters', 'server', 'cli', 'ui', 'bench', 'tests'].includes(t.folder!);
    })
    .map(show);
}

/**
 * The server's storage and cluster interfaces are in ports/, where the server and the adapters
 * both reach them: an adapter names nothing of server/.
 */
function adapterViolations(imports: Import[]): string[] {
  return imports.filter((i) => ['server', 'cli', 'ui', 'bench', 'tests'].includes(targetOf(i).folder ?? '')).map(show);
}

/** ports/ is types over the core's types: it imports only engine/, as types, and exports no value. */
function portViolations(imports: Import[]): string[] {
  return imports
    .filter((i) => {
      const folder = targetOf(i).folder;
      return !i.typeOnly || (folder !== 'engine' && folder !== 'ports');
    })
    .map(show);
}

const portValues = (file: string, text: string) =>
  [...text.matchAll(/^export\s+(?:default\s+)?(?:async\s+)?(?:const|let|var|function|class|enum)\b/gm)].map(
    (m) => `${file}:${text.slice(0, m.index).split('\n').length}`,
  );

/**
 * The two databases' adapters stand apart: neither imports the other or the other's driver, and
 * PostgreSQL's names nothing called sqlite. What both need (rows and their conversions) is in
 * adapters/rows/, which names neither. Only adapters/copy-data/, which moves an SQLite
 * installation into PostgreSQL, uses both.
 */
const DRIVERS: Record<string, string> = { sqlite: 'better-sqlite3', postgres: 'pg' };
const SEPARATE = new Set(['sqlite', 'postgres', 'rows']);
const adapterOf = (path: string) => (path.startsWith('adapters/') ? path.split('/')[1] : undefined);

function crossAdapterViolations(imports: Import[]): string[] {
  return imports
    .filter((i) => {
      const from = adapterOf(i.file.replaceAll('\\', '/'));
      if (from === undefined || !SEPARATE.has(from)) return false;
      if (from === 'postgres' && /sqlite/i.test(i.specifier)) return true;
      const t = targetOf(i);
      if (t.pkg !== undefined) return Object.values(DRIVERS).includes(t.pkg) && DRIVERS[from] !== t.pkg;
      const to = adapterOf(t.path!);
      return to !== undefined && to !== from && to !== 'rows';
    })
    .map(show);
}

/** Where the server chooses its adapters: the database from DATABASE_URL, the channels from the environment. */
const SERVER_COMPOSITION = new Set(['server/storage/open-backend.ts', 'server/start.ts']);

function serverViolations(imports: Import[]): string[] {
  return imports
    .filter((i) => targetOf(i).folder === 'adapters' && !SERVER_COMPOSITION.has(i.file.replaceAll('\\', '/')))
    .map(show);
}

const importsUnder = (dir: string) =>
  sources(dir).flatMap((file) => importsOf(file, readFileSync(join(root, file), 'utf8')));

describe('the walls between core, adapters and composition', () => {
  it('reads imports of every form, and the rules catch what they forbid', () => {
    const sample = [
      "import type Database from 'better-sqlite3';",
      "export { openSqliteStore } from '../../adapters/sqlite/store/sqlite-store.ts';",
      'import {',
      '  a,',
      "} from '../../server/app.ts';",
      "const m = await import('../../cli/main.ts');",
      "import { compareBinary } from './binary-order.ts';",
    ].join('\n');
    const imports = importsOf('engine/store/x.ts', sample);
    expect(imports.map((i) => [i.line, i.specifier, i.typeOnly])).toEqual([
      [1, 'better-sqlite3', true],
      [2, '../../adapters/sqlite/store/sqlite-store.ts', false],
      [3, '../../server/app.ts', false],
      [6, '../../cli/main.ts', false],
      [7, './binary-order.ts', false],
    ]);
    expect(coreViolations(imports)).toHaveLength(4);
    const adapter = importsOf(
      'adapters/sqlite/server/x.ts',
      [
        "import type { UserStore } from '../../../ports/server-storage.ts';",
        "import type { UserRow } from '../../../server/storage/server-storage.ts';",
        "import { soloBus } from '../../../server/cluster/solo-bus.ts';",
        "import type { Services } from '../../../server/services.ts';",
        "import { main } from '../../../cli/main.ts';",
      ].join('\n'),
    );
    expect(adapterViolations(adapter)).toEqual([
      'adapters/sqlite/server/x.ts:2: ../../../server/storage/server-storage.ts',
      'adapters/sqlite/server/x.ts:3: ../../../server/cluster/solo-bus.ts',
      'adapters/sqlite/server/x.ts:4: ../../../server/services.ts',
      'adapters/sqlite/server/x.ts:5: ../../../cli/main.ts',
    ]);
    const port = [
      "import type { CaseRecord } from '../engine/runtime/case-record.ts';",
      "import type { CaseChange } from './cluster-bus.ts';",
      "import { compareBinary } from '../engine/store/binary-order.ts';",
      "import type { Services } from '../server/services.ts';",
      "import type { Pool } from 'pg';",
      'export interface Bus { publish(): void }',
      'export const soloBus: Bus = { publish() {} };',
      'export function caseChangeOf() {}',
    ].join('\n');
    expect(portViolations(importsOf('ports/x.ts', port))).toEqual([
      'ports/x.ts:3: ../engine/store/binary-order.ts',
      'ports/x.ts:4: ../server/services.ts',
      'ports/x.ts:5: pg',
    ]);
    expect(portValues('ports/x.ts', port)).toEqual(['ports/x.ts:7', 'ports/x.ts:8']);
    const crossing = (file: string, lines: string[]) => crossAdapterViolations(importsOf(file, lines.join('\n')));
    expect(
      crossing('adapters/postgres/store/x.ts', [
        "import { eventOf } from '../../rows/engine-rows.ts';",
        "import pg from 'pg';",
        "export { timerOf } from '../../sqlite/store/sqlite-rows.ts';",
        "import Database from 'better-sqlite3';",
        "import { x } from '../../../engine/store/sqlite-order.ts';",
      ]),
    ).toEqual([
      'adapters/postgres/store/x.ts:3: ../../sqlite/store/sqlite-rows.ts',
      'adapters/postgres/store/x.ts:4: better-sqlite3',
      'adapters/postgres/store/x.ts:5: ../../../engine/store/sqlite-order.ts',
    ]);
    expect(
      crossing('adapters/sqlite/server/x.ts', [
        "import type Database from 'better-sqlite3';",
        "import { userOf } from '../../rows/user-rows.ts';",
        "import type { PostgresConnection } from '../../postgres/connection.ts';",
      ]),
    ).toEqual(['adapters/sqlite/server/x.ts:3: ../../postgres/connection.ts']);
    expect(
      crossing('adapters/rows/x.ts', ["import { flagOf } from './column-values.ts';", "import pg from 'pg';"]),
    ).toEqual(['adapters/rows/x.ts:2: pg']);
    expect(
      crossing('adapters/copy-data/x.ts', [
        "import Database from 'better-sqlite3';",
        "import { openPostgres } from '../postgres/connection.ts';",
      ]),
    ).toEqual([]);
    expect(
      serverViolations(
        importsOf(
          'server/routes/x.ts',
          "import { openSqliteStore } from '../../adapters/sqlite/store/sqlite-store.ts';",
        ),
      ),
    ).toHaveLength(1);
  });

  it('keeps engine/ free of adapters, composition and database, mail or HTTP libraries', () => {
    const imports = importsUnder('engine');
    expect(imports.length).toBeGreaterThan(500);
    expect(coreViolations(imports)).toEqual([]);
  });

  it('keeps adapters/ below the composition: nothing of server/ or cli/, the interfaces they implement from ports/', () => {
    const imports = importsUnder('adapters');
    expect(imports.some((i) => i.specifier === 'better-sqlite3')).toBe(true);
    expect(imports.some((i) => targetOf(i).folder === 'ports')).toBe(true);
    expect(adapterViolations(imports)).toEqual([]);
  });

  it('keeps ports/ to types over the core: it imports only engine/ types and exports no value', () => {
    const files = sources('ports');
    expect(files.length).toBeGreaterThan(1);
    expect(portViolations(importsUnder('ports'))).toEqual([]);
    expect(files.flatMap((file) => portValues(file, readFileSync(join(root, file), 'utf8')))).toEqual([]);
  });

  it('keeps the SQLite and PostgreSQL adapters apart, sharing only adapters/rows/', () => {
    const imports = importsUnder('adapters');
    expect(imports.some((i) => i.file.startsWith('adapters/rows/'))).toBe(true);
    expect(
      imports.some((i) => i.specifier.endsWith('/rows/engine-rows.ts') && i.file.startsWith('adapters/postgres/')),
    ).toBe(true);
    expect(crossAdapterViolations(imports)).toEqual([]);
  });

  it('lets only the server files that choose adapters import them', () => {
    const imports = importsUnder('server');
    expect(imports.filter((i) => targetOf(i).folder === 'adapters').length).toBeGreaterThan(0);
    expect(serverViolations(imports)).toEqual([]);
  });

  it('keeps ui/ off the adapters, their ports and the composition', () => {
    const found = importsUnder('ui')
      .filter((i) => ['ports', 'adapters', 'server', 'cli'].includes(targetOf(i).folder ?? ''))
      .map(show);
    expect(found).toEqual([]);
  });
});
