// covers: P-2, P-6
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';

const work = mkdtempSync(join(tmpdir(), 'sf-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A copy of the fixture set with one file's text changed. */
function brokenCopy(name: string, file: string, change: (text: string) => string): string {
  const dir = join(work, name);
  cpSync('tests/fixtures/engine', dir, { recursive: true });
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

describe('serviceframe validate', () => {
  it('exits 0 on a valid set', async () => {
    const r = await run('validate', 'tests/fixtures/engine');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/valid/);
  });

  it('reports a syntax error at its line and exits 1', async () => {
    const dir = brokenCopy('syntax', 'forms.yaml', (t) => t.replace('required: true }', 'required: true'));
    const r = await run('validate', dir);
    expect(r.code).toBe(1);
    // at the "{" that is never closed (line 6), not where the parser gave up (line 7)
    expect(r.out).toContain(`${join(dir, 'forms.yaml')}:6:7: this "{" is never closed`);
    expect(r.out.split('\n').at(-1)).toMatch(/^1 error(, \d+ warnings?)?$/);
  });

  it('reports a schema error and an unknown reference at their lines, both in one run', async () => {
    const dir = brokenCopy('schema', 'workflows.yaml', (t) => t.replace('startForm: ticket', 'startForm: tickets'));
    writeFileSync(
      join(dir, 'script.yaml'),
      'apiVersion: serviceframe/v1\nkind: Script\nmetadata: { name: hello }\nspec:\n  lines: [Hello]\n  colour: blue\n',
    );
    const r = await run('validate', dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${join(dir, 'workflows.yaml')}:5:14: unknown Form "tickets"`);
    expect(r.out).toContain(`${join(dir, 'script.yaml')}:6:3: unknown property "colour"`);
    // The fixture calendar follows official data that may lack next year: a warning, counted apart.
    expect(r.out.split('\n').at(-1)).toMatch(/^2 errors(, \d+ warnings?)?$/);
  });

  it('prints its warnings before the summary, on the same stream, and counts them in the singular', async () => {
    // Holidays are given for this year only, so next year (and nothing else) draws a warning.
    const year = new Date().getUTCFullYear();
    const dir = brokenCopy('warning', 'calendar.yaml', (t) =>
      t.replace('official: cn', `days: [ { date: "${year}-01-01", type: holiday } ]\n  years: [${year}]`),
    );
    const lines: string[] = [];
    const code = await main(['validate', dir], {
      out: (l) => lines.push(`out ${l}`),
      err: (l) => lines.push(`err ${l}`),
    });
    expect(code).toBe(0);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(
        `^out ${join(dir, 'calendar.yaml').replace(/[.]/g, '\\.')}:7:\\d+: warning: no holidays are given for ${year + 1}`,
      ),
    );
    expect(lines[1]).toMatch(/^out \d+ files, \d+ definitions: valid \(1 warning\)$/);
  });
});

describe('serviceframe simulate', () => {
  const scenario = (name: string, expectState: string) => `# covers: P-6
apiVersion: serviceframe/v1
kind: Scenario
metadata: { name: ${name} }
spec:
  start: "2026-11-02T09:00:00+08:00"
  steps:
    - as: b1.staff
    - create: { workflow: ticket, ref: t, data: { customerName: Li, phone: "13800138000" } }
    - send: { case: t, event: dispatch, as: b1.lead, data: { technician: b1.tech } }
    - expect: { case: t, state: ${expectState}, assignee: b1.tech }
`;

  it('prints ok for a passing scenario and FAIL with the step, its position and the difference', async () => {
    const good = join(work, 'good.yaml');
    const bad = join(work, 'bad.yaml');
    writeFileSync(good, scenario('dispatch-works', 'work'));
    writeFileSync(bad, scenario('dispatch-wrong', 'vendor'));
    const r = await run('simulate', good, bad, '--definitions', 'tests/fixtures/engine');
    expect(r.code).toBe(1);
    expect(r.out).toContain('ok dispatch-works');
    expect(r.out).toContain(
      `FAIL dispatch-wrong: step 4 (expect) at ${bad}:11:7: state is work.travelling, expected vendor`,
    );
    expect(r.out).toContain('1 passed, 1 failed');
  });

  it('says why in Chinese with --lang zh-CN, from the catalogues (issue 15)', async () => {
    const bad = join(work, 'bad-zh.yaml');
    writeFileSync(bad, scenario('dispatch-wrong', 'vendor'));
    const r = await run('simulate', bad, '--definitions', 'tests/fixtures/engine', '--lang', 'zh-CN');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      new RegExp(`^FAIL dispatch-wrong: 第 4 步（检查结果，${bad}:11:7）：当前状态是 \\S+，应为 \\S+$`, 'm'),
    );
    expect(r.out.split('\n').at(-1)).toBe('通过 0 个，失败 1 个');
    expect(r.out).not.toMatch(/state is|expected|passed/);
    expect((await run('simulate', bad, '--lang', 'fr')).code).toBe(1);
  });
});

describe('serviceframe coverage and diagram', () => {
  it('lists covered and uncovered requirement IDs', async () => {
    const spec = join(work, 'SPEC.md');
    writeFileSync(spec, '- P-6 simulate\n- ZZ-9 nobody covers this\n');
    const r = await run('coverage', '--spec', spec, '--definitions', 'tests/fixtures/engine');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/covered +P-6 +.*tests\/cli\/cli\.test\.ts/);
    expect(r.out).toMatch(/uncovered ZZ-9/);
  });

  it("reads the repository's own requirements list by default, and says so when a list is missing", async () => {
    const ids = readFileSync('docs/requirements.md', 'utf8').match(/^- [A-Z]+-\d+/gm)!;
    expect(ids.length).toBeGreaterThan(50);
    const r = await run('coverage', '--definitions', 'tests/fixtures/engine');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^\\d+ of ${ids.length} requirement IDs covered`, 'm'));
    expect(r.out).toMatch(/^covered +P-6 /m);
    const missing = await run('coverage', '--spec', join(work, 'nope.md'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.md: no such file');
  });

  it('prints a Mermaid state diagram and an SVG with one box per leaf state', async () => {
    const mermaid = await run('diagram', 'ticket', '--definitions', 'tests/fixtures/engine');
    expect(mermaid.code).toBe(0);
    expect(mermaid.out).toMatch(/^stateDiagram-v2/);
    expect(mermaid.out).toContain('open --> vendor: dispatch');
    expect(mermaid.out).toContain('work_fixing --> closed: finish');
    const svg = await run('diagram', 'ticket', '--format', 'svg', '--definitions', 'tests/fixtures/engine');
    expect(svg.out).toMatch(/^<svg /);
    expect(svg.out.match(/<g data-state=/g)).toHaveLength(6);
    expect((await run('diagram', 'nope', '--definitions', 'tests/fixtures/engine')).code).toBe(1);
  });
});

describe('serviceframe schedules', () => {
  it('lists the next runs of every schedule with the data the first unit would get', async () => {
    const r = await run(
      'schedules',
      '--definitions',
      'definitions',
      '--from',
      '2026-09-20T00:00:00+08:00',
      '--count',
      '2',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('monthly-reports: monthly-report, every month, 6 unit(s): sub1, sub2, br1, br2, br3, br4');
    // 1 October is a holiday: the run moves to the first working day
    expect(r.out).toContain('  2026-10  2026-10-08T09:00:00+08:00 data for sub1: {"unit":"sub1","month":"2026-09"}');
    expect(r.out).toContain('  2026-11  2026-11-02T09:00:00+08:00 data for sub1: {"unit":"sub1","month":"2026-10"}');
  });

  it('refuses a time it cannot read', async () => {
    const r = await run('schedules', '--definitions', 'definitions', '--from', 'yesterday');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--from/);
  });
});
