// covers: P-2, P-6
// Every shell command the README and docs/ show (```sh blocks) is run here as written, from the
// repository root, and must succeed; a command no runner knows fails this test, so a new command in
// the docs needs a way to run it. Commands named inline (`serviceframe backup FILE [--force]`) must
// name a real command and only options its usage lists.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { servingUrl } from '../helpers/serving-url.ts';

interface DocCommand {
  readonly where: string;
  readonly line: string;
}

const docFiles = [
  'README.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f)),
];

/** Lines of ```sh blocks, with `\` continuations joined and trailing `# comments` removed. */
function shellCommands(): DocCommand[] {
  const out: DocCommand[] = [];
  for (const file of docFiles) {
    const lines = readFileSync(file, 'utf8').split('\n');
    let inSh = false;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!;
      if (/^```/.test(text)) {
        inSh = !inSh && /^```(sh|bash|shell)\s*$/.test(text);
        continue;
      }
      if (!inSh || text.trim() === '' || text.trim().startsWith('#')) continue;
      let line = text;
      const start = i;
      while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + ' ' + lines[++i]!.trim();
      out.push({ where: `${file}:${start + 1}`, line: line.replace(/\s+#\s.*$/, '').trim() });
    }
  }
  return out;
}

const work = mkdtempSync(join(tmpdir(), 'sf-docs-'));
let server: { child: ChildProcess; url: string; line: string } | undefined;
afterAll(async () => {
  await stopServer();
  rmSync(work, { recursive: true, force: true });
});

function bash(line: string, env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  const child = spawn('bash', ['-o', 'pipefail', '-c', line], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

/**
 * Starts `npm start` as the docs show it, on a free port and a scratch data directory, after
 * stopping the one started before; resolves with its URL.
 */
async function npmStart(line: string): Promise<string> {
  await stopServer();
  const child = spawn('bash', ['-c', line], {
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: join(work, `data-${++starts}`),
      SERVICEFRAME_ADMIN_PASSWORD: 'docs-admin-password',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const url = await servingUrl(child, line);
  server = { child, url, line };
  return url;
}
let starts = 0;

async function stopServer(): Promise<void> {
  const running = server;
  server = undefined;
  if (!running?.child.pid || running.child.exitCode !== null) return;
  const exited = new Promise((resolve) => running.child.once('exit', resolve));
  // npm start runs the server as its child: the process group of the npm we started goes.
  process.kill(-running.child.pid, 'SIGTERM');
  await exited;
}

// `curl -f`: an HTTP error answer fails the command (the docs' `curl -s` would print it and succeed).
const strictCurl = 'curl() { command curl -f "$@"; }; ';
const atServer = (line: string) => line.replace(/(https?:\/\/)?(localhost|127\.0\.0\.1):3000/g, server!.url);

/** What each kind of documented command needs to run; the first that matches runs it. */
const runners: { readonly pattern: RegExp; run(line: string): Promise<void> }[] = [
  {
    // `npm test` is what runs this test; running it again from here would recurse.
    pattern: /^npm test$/,
    async run() {},
  },
  {
    // `npm install` made the node_modules this test runs from; `npm ls` checks it installed every
    // dependency of package.json, without touching the shared tree.
    pattern: /^(?:[A-Z_]+=\S+ )*(?:npm install && )?npm start$/,
    async run(line) {
      if (line.includes('npm install')) {
        const ls = await bash('npm ls --depth=0 --omit=dev');
        expect(ls.code, ls.out).toBe(0);
      }
      const url = await npmStart(line.replace('npm install && ', ''));
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
      expect((await fetch(url)).status).toBe(200);
    },
  },
  {
    // The API examples log in as a demo user, so they address a server started as the tour's first
    // step says (the docs' port 3000 may be taken on this machine: the address is the one it got).
    pattern: /^(TOKEN=\$\()?curl /,
    async run(line) {
      const tour = readFileSync('README.md', 'utf8').match(/`(SERVICEFRAME_DEMO=1 [^`]*npm start)`/)![1]!;
      if (server?.line !== tour) await npmStart(tour);
      const r = await bash(
        `${strictCurl}${atServer(line)}${line.startsWith('TOKEN=') ? ' && printf "%s" "$TOKEN"' : ''}`,
        tokenEnv,
      );
      expect(r.code, r.out).toBe(0);
      expect(r.out.trim()).not.toBe('');
      if (line.startsWith('TOKEN=')) tokenEnv.TOKEN = r.out.trim();
    },
  },
  {
    pattern: /^npx serviceframe /,
    async run(line) {
      const r = await bash(line);
      expect(r.code, `${line}\n${r.out}`).toBe(0);
    },
  },
];
const tokenEnv: Record<string, string> = {};

describe('the commands of the README and docs/', () => {
  const commands = shellCommands();

  it('are found (the README shows at least the quick start, the API tour and the policy commands)', () => {
    expect(commands.map((c) => c.line)).toEqual(
      expect.arrayContaining(['npm test', 'npx serviceframe validate', 'npx serviceframe coverage']),
    );
    const unknown = commands.filter((c) => !runners.some((r) => r.pattern.test(c.line)));
    expect(
      unknown.map((c) => `${c.where}: ${c.line}`),
      'commands no runner of this test knows how to run',
    ).toEqual([]);
  });

  for (const command of commands) {
    it(`${command.where}: ${command.line.slice(0, 90)}`, async () => {
      await runners.find((r) => r.pattern.test(command.line))!.run(command.line);
    }, 120_000);
  }

  it('name, inline, only real commands and options', async () => {
    const usage: string[] = [];
    await main(['help'], { out: () => {}, err: (l) => usage.push(l) });
    const usages = usage
      .join('\n')
      .split('\n')
      .map((l) => l.trim());
    const problems: string[] = [];
    for (const file of docFiles) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/`(?:npx )?serviceframe ([a-z][a-z-]*)([^`]*)`/g)) {
        const line = text.slice(0, m.index).split('\n').length;
        const own = usages.find((u) => u.startsWith(`${m[1]} `));
        if (!own) {
          problems.push(`${file}:${line}: no command "${m[1]}"`);
          continue;
        }
        for (const option of m[2]!.match(/--[a-z-]+/g) ?? [])
          if (!own.includes(option)) problems.push(`${file}:${line}: ${m[1]} has no ${option}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
