// Issue 18 item 1 through the server and the command line: POST/GET/DELETE /api/definitions/impact
// and `serviceframe impact`, on a month recorded by the server's own engine in SQLite. SPEC P-3, P-6, KPI-5.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runningReplayThreads } from '../../adapters/impact/replay-threads.ts';
import { main } from '../../cli/main.ts';
import { VirtualClock } from '../../engine/runtime/clock.ts';
import { counterIds } from '../../engine/runtime/ids.ts';
import { computeScorecard } from '../../engine/scoring/index.ts';
import { openSqliteStore } from '../../adapters/sqlite/store/sqlite-store.ts';
import type { Store } from '../../engine/store/store.ts';
import type { SourceFile } from '../../engine/definitions/index.ts';
import { silentLogger } from '../../server/log.ts';
import { createServices } from '../../server/services.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { openServerStorage } from '../../adapters/sqlite/server/open-sqlite-server-storage.ts';
import { driveMonth, generateMonth } from '../helpers/impact-month.ts';
import { baseFiles, compileFiles, editedFiles, IMPACT_BASE, NOVEMBER, runMonth } from '../helpers/impact-sets.ts';
import { ADMIN_PASSWORD, DEMO_PASSWORD } from './server-support.ts';

const CASES = 240;
const actions = generateMonth({ start: NOVEMBER.from, days: 30, cases: CASES, seed: 7 });
const twelveHoursFiles = editedFiles('sla.yaml', 'duration: 24h', 'duration: 12h');

let dir: string;
let dataDir: string;
let server: RunningServer;
let admin: string;
let actual: Store;
let recorded: Store;

/** Rows of every table a replay could write, counted straight from the file. */
function storedCounts(): Record<string, number> {
  const db = new Database(join(dataDir, 'serviceframe.sqlite'), { readonly: true });
  try {
    return Object.fromEntries(
      ['cases', 'events', 'timers', 'outbox', 'score_facts', 'sf_definition_versions', 'sf_records'].map((t) => [
        t,
        db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number,
      ]),
    );
  } finally {
    db.close();
  }
}

async function api(method: string, path: string, token: string | undefined, body?: unknown) {
  const res = await fetch(server.url + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, text };
}

const files = (list: readonly SourceFile[]) =>
  list.map((f) => ({ path: f.path.slice(IMPACT_BASE.length + 1), text: f.text }));

async function finished(id: string) {
  return vi.waitFor(
    async () => {
      const job = await api('GET', `/api/definitions/impact/${id}`, admin);
      if (job.body.status === 'running') throw new Error('still running');
      return job.body;
    },
    { timeout: 60_000, interval: 50 },
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sf-impact-'));
  dataDir = join(dir, 'data');
  const defs = join(dir, 'definitions');
  cpSync(IMPACT_BASE, defs, { recursive: true });
  // The month recorded by the server's services (engine, records writer, projections) on the
  // installation's SQLite file, on a virtual clock running through November.
  const file = join(dataDir, 'serviceframe.sqlite');
  mkdirSync(dataDir, { recursive: true });
  const clock = new VirtualClock(NOVEMBER.from);
  const store = openSqliteStore(file);
  const storage = openServerStorage(file);
  const services = await createServices({
    store,
    storage,
    clock,
    ids: counterIds(),
    initialFiles: baseFiles,
    adminPassword: ADMIN_PASSWORD,
    demoPassword: DEMO_PASSWORD,
  });
  const actor = (username: string) => {
    const u = services.users.directory().user(username)!;
    return { username, unit: u.unit, roles: u.roles };
  };
  await driveMonth(
    actions,
    { engine: services.engine, store: services.store, now: () => clock.now(), setTime: (t) => clock.set(t), actor },
    NOVEMBER.to,
  );
  await services.projector.flush();
  await storage.close();
  await store.close();
  // What really happens when the month runs under 12 hours from its start, and under 24 as recorded.
  actual = await runMonth(compileFiles(twelveHoursFiles), actions, NOVEMBER.to);
  recorded = await runMonth(compileFiles(baseFiles()), actions, NOVEMBER.to);
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    definitionsDir: defs,
    adminPassword: ADMIN_PASSWORD,
    demoPassword: DEMO_PASSWORD,
    log: silentLogger,
    schedulerIntervalMs: 60_000,
  });
  admin = (await api('POST', '/api/auth/login', undefined, { username: 'admin', password: ADMIN_PASSWORD })).body.token;
}, 180_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/definitions/impact on a real server (issue 18)', () => {
  it('reports the extra breaches of a 12-hour promise per branch and the points they cost, as the month run under it has them, writing nothing', async () => {
    const before = storedCounts();
    const started = await api('POST', '/api/definitions/impact', admin, {
      files: files(twelveHoursFiles),
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(started.status, started.text).toBe(202);
    expect(started.body).toMatchObject({
      status: 'running',
      from: '2026-11-01',
      to: '2026-11-30',
      startedBy: 'admin',
      candidateVersion: compileFiles(twelveHoursFiles).version,
    });
    const job = await finished(started.body.id);
    expect(job.status).toBe('done');
    expect(job.progress.done).toBe(job.progress.total);
    const report = job.report;
    expect(report.cases).toBe(2 * CASES);
    expect(report.events).toBe(5 * CASES);
    const card = compileFiles(twelveHoursFiles).scorecards.get('branch-service')!;
    const [actualFacts, recordedFacts] = [await actual.scoreFacts({}), await recorded.scoreFacts({})];
    const breached = async (s: Store, unit: string) =>
      (await s.scanCases(undefined, 10_000))
        .filter((c) => c.unit === unit && c.clocks['on-site']?.breached)
        .map((c) => c.id);
    for (const unit of ['b1', 'b2', 'b3', 'b4']) {
      const was = await breached(recorded, unit);
      const extra = (await breached(actual, unit)).filter((id) => !was.includes(id)).sort();
      expect(extra.length, unit).toBeGreaterThan(3);
      const group = report.groups.find(
        (g: { unit: string; workflow: string }) => g.unit === unit && g.workflow === 'repair',
      );
      expect(group.breaches.gained.map((b: { caseId: string }) => b.caseId).sort()).toEqual(extra);
      const points = report.scorecards.find((s: { unit: string }) => s.unit === unit);
      expect(points.months).toEqual([
        {
          period: '2026-11',
          before: computeScorecard(card, recordedFacts, unit, '2026-11').total,
          after: computeScorecard(card, actualFacts, unit, '2026-11').total,
        },
      ]);
      const timeliness = points.categories.find((c: { category: string }) => c.category === 'timeliness');
      expect(timeliness.lost.map((p: { caseId: string }) => p.caseId).sort()).toEqual(extra);
      expect(timeliness.title).toEqual({ zh: '及时性', en: 'Timeliness' });
    }
    expect(storedCounts()).toEqual(before);
  });

  it('gives the same report on the command line, read-only, in Chinese by default', async () => {
    const cli = join(dir, 'candidate');
    cpSync(IMPACT_BASE, cli, { recursive: true });
    writeFileSync(join(cli, 'sla.yaml'), twelveHoursFiles.find((f) => f.path.endsWith('sla.yaml'))!.text);
    const run = async (...extra: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(
        ['impact', cli, '--from', '2026-11-01', '--to', '2026-11-30', '--data', dataDir, ...extra],
        { out: (l) => out.push(l), err: (l) => err.push(l) },
      );
      return { code, out, err };
    };
    const before = storedCounts();
    const json = await run('--json');
    expect(json.code, json.err.join('\n')).toBe(0);
    const viaApi = await finished(
      (
        await api('POST', '/api/definitions/impact', admin, {
          files: files(twelveHoursFiles),
          from: '2026-11-01',
          to: '2026-11-30',
        })
      ).body.id,
    );
    expect(JSON.parse(json.out.join('\n'))).toEqual(viaApi.report);
    const text = await run();
    expect(text.code).toBe(0);
    expect(text.out[0]).toBe(`影响报告：2026-11-01 至 2026-11-30（候选版本 ${viaApi.report.candidateVersion}）`);
    expect(text.out.join('\n')).toContain('一分部 · 报修');
    expect(text.out.join('\n')).toMatch(/新增超时 \d+ 个/);
    const english = await run('--locale', 'en');
    expect(english.out.join('\n')).toMatch(/Branch 1 · Repair \(\d+ cases\)/);
    expect(storedCounts()).toEqual(before);
  });

  it('shows the events a role change would refuse', async () => {
    const changed = editedFiles(
      'workflows.yaml',
      'allow: [ { role: lead, unit: same } ]',
      'allow: [ { role: manager } ]',
    );
    const started = await api('POST', '/api/definitions/impact', admin, {
      files: files(changed),
      from: '2026-11-01',
      to: '2026-11-30',
    });
    const job = await finished(started.body.id);
    const roots = job.report.refused.filter((r: { followsRefusal: boolean }) => !r.followsRefusal);
    expect(roots).toHaveLength(CASES);
    expect(roots[0]).toMatchObject({
      type: 'dispatch',
      kind: 'role',
      code: 'FORBIDDEN',
      title: { zh: '派工', en: 'Dispatch' },
      unitTitle: expect.anything(),
      alsoBefore: false,
    });
    expect(roots[0].actorName).toMatch(/^[甲乙丙丁]二$/);
  });

  it('answers a set that does not validate with the errors publishing gives', async () => {
    const broken = editedFiles('sla.yaml', 'duration: 24h', 'duration: 12hours');
    const impact = await api('POST', '/api/definitions/impact', admin, {
      files: files(broken),
      from: '2026-11-01',
      to: '2026-11-30',
    });
    const publish = await api('POST', '/api/definitions', admin, { files: files(broken) });
    expect(impact.status).toBe(422);
    expect(impact.body.code).toBe('INVALID_DEFINITIONS');
    expect(impact.body.errors.length).toBeGreaterThan(0);
    expect(impact.body.errors[0]).toMatchObject({
      file: 'sla.yaml',
      line: expect.any(Number),
      column: expect.any(Number),
    });
    expect(impact.body.errors).toEqual(publish.body.errors);
    const badDates = await api('POST', '/api/definitions/impact', admin, {
      files: files(baseFiles()),
      from: '2026-11-31',
      to: '2026-11-01',
    });
    expect(badDates.status).toBe(422);
    expect(badDates.body.errors.map((e: { path: string }) => e.path)).toEqual(['/from']);
  });

  it('says so when the period has no case', async () => {
    const started = await api('POST', '/api/definitions/impact', admin, {
      files: files(twelveHoursFiles),
      from: '2026-10-01',
      to: '2026-10-31',
    });
    const job = await finished(started.body.id);
    expect(job.report).toMatchObject({ empty: true, cases: 0, events: 0, groups: [], refused: [] });
  });

  it('reports progress, keeps answering other requests while it runs, and can be cancelled', async () => {
    const started = await api('POST', '/api/definitions/impact', admin, {
      files: files(twelveHoursFiles),
      from: '2026-11-01',
      to: '2026-11-30',
    });
    const id = started.body.id;
    const health = await api('GET', '/api/health', undefined);
    expect(health.body).toEqual({ status: 'ok' });
    const cancelled = await api('DELETE', `/api/definitions/impact/${id}`, admin);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const later = await api('GET', `/api/definitions/impact/${id}`, admin);
    expect(later.body.status).toBe('cancelled');
    // Its replay threads, if it had started them, are stopped.
    await expect.poll(() => runningReplayThreads(), { timeout: 30_000 }).toBe(0);
    expect(later.body.report).toBeUndefined();
    // An ended job is forgotten on DELETE; then it is not found.
    expect((await api('DELETE', `/api/definitions/impact/${id}`, admin)).status).toBe(204);
    expect((await api('GET', `/api/definitions/impact/${id}`, admin)).status).toBe(404);
    // A run left alone reports how far it got on the way.
    const again = await api('POST', '/api/definitions/impact', admin, {
      files: files(twelveHoursFiles),
      from: '2026-11-01',
      to: '2026-11-30',
    });
    const seen = await vi.waitFor(
      async () => {
        const job = (await api('GET', `/api/definitions/impact/${again.body.id}`, admin)).body;
        if (!(job.progress.done > 0)) throw new Error('no progress yet');
        return job;
      },
      { timeout: 60_000, interval: 5 },
    );
    expect(seen.progress.total).toBe(2 * 5 * CASES);
    expect((await finished(again.body.id)).status).toBe('done');
  });

  it('is for administrators only', async () => {
    const lead = (await api('POST', '/api/auth/login', undefined, { username: 'b1.lead', password: DEMO_PASSWORD }))
      .body.token;
    expect(
      (
        await api('POST', '/api/definitions/impact', lead, {
          files: files(twelveHoursFiles),
          from: '2026-11-01',
          to: '2026-11-30',
        })
      ).status,
    ).toBe(403);
    expect((await api('GET', '/api/definitions/impact/imp-x', lead)).status).toBe(403);
  });
});
