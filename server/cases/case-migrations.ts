import { randomUUID } from 'node:crypto';
import type { Locale } from '../../engine/localized.ts';
import { localize } from '../../engine/localized.ts';
import {
  applyCases,
  checkMigration,
  migrationMessage,
  planCases,
  selectCases,
  type CaseResult,
  type MigrationFilter,
  type MigrationProblem,
  type MigrationSpec,
  type VersionSide,
} from '../../engine/migration/index.ts';
import type { Actor } from '../../engine/runtime/actor.ts';
import { Problem } from '../http/problem.ts';
import { saidField, saidProblem } from '../http/problem-messages.ts';
import { periodOf } from '../reports/period.ts';
import type { Services } from '../services.ts';
import type { MigrationBatchRow, MigrationCounts } from '../../ports/server-storage.ts';
import { unitsFilter, scopeOf } from '../access/scope.ts';
import type { AuthUser } from '../context.ts';

/** The body of POST /api/cases/migrate (see docs/migration.md). */
export interface MigrateRequest {
  readonly workflow?: string;
  /** A publication number (seq, as GET /api/definitions/versions lists it) or a content version hash. */
  readonly fromVersion?: number | string;
  /** Default: the current version. */
  readonly toVersion?: number | string;
  readonly filter?: {
    readonly unit?: string;
    readonly state?: string;
    readonly createdFrom?: string;
    readonly createdTo?: string;
  };
  readonly stateMapping?: Readonly<Record<string, string>>;
  readonly clocksOnly?: boolean;
  readonly dryRun?: boolean;
  readonly reason?: string;
  /** true: continue the interrupted batch; a batch id: that one. The rest of the body is not read. */
  readonly resume?: boolean | string;
}

/**
 * Migrations of open cases (issue 18) as the server runs them: versions resolved from the
 * published list, the request checked (422 with the member's path, nothing read), the cases
 * selected, then either planned (dry run) or migrated one atomic commit each through the engine.
 * A batch is recorded before its first case so that one cut off by a crash is resumed, not
 * started over; one batch runs at a time.
 */
export function createCaseMigrations(services: Services) {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  };

  async function side(value: number | string | undefined, path: string, locale: Locale): Promise<VersionSide> {
    const reg = services.registry;
    if (value === undefined) return { set: reg.current(), seq: reg.currentRow().seq };
    const refuse = () => {
      const m = migrationMessage('versionUnknown', { version: String(value) }, locale);
      return new Problem(422, m.message, { code: 'INVALID_MIGRATION', errors: [{ path, ...m }] });
    };
    if (typeof value === 'number' || /^\d+$/.test(value)) {
      const row = await services.storage.versions.get(Number(value));
      const set = row && reg.version(row.version);
      if (!row || !set) throw refuse();
      return { set, seq: row.seq };
    }
    const set = reg.version(value);
    if (!set) throw refuse();
    const rows = (await services.storage.versions.list()).filter((r) => r.version === value);
    return { set, seq: rows.at(-1)?.seq ?? 0 };
  }

  function filterOf(body: MigrateRequest, user: AuthUser, timeZone: string): MigrationFilter {
    const f = body.filter ?? {};
    const org = services.registry.current().org;
    const at = (name: 'createdFrom' | 'createdTo') => {
      const v = f[name];
      if (v === undefined) return undefined;
      try {
        const p = periodOf(name === 'createdFrom' ? { from: v } : { to: v }, timeZone, services.clock.now());
        return name === 'createdFrom' ? p.from : p.to;
      } catch (e) {
        // The period's refusal (said by periodOf) as this body's: 422 at the filter's member.
        if (!(e instanceof Problem)) throw e;
        throw new Problem(e.status === 400 ? 422 : e.status, e.detail, {
          ...(e.options.said ? { said: e.options.said } : {}),
          code: 'INVALID_BODY',
          errors: [saidField(`/filter/${name}`, 'field.dayMonthOrInstant')],
        });
      }
    };
    let units: readonly string[] | undefined;
    if (f.unit !== undefined) {
      if (!org.unit(f.unit))
        throw saidProblem(
          422,
          'migrationNoUnit',
          { unit: f.unit },
          { code: 'INVALID_BODY', errors: [saidField('/filter/unit', 'field.notAUnit')] },
        );
      units = unitsFilter(scopeOf(user, org), org, f.unit);
    }
    const createdFrom = at('createdFrom');
    const createdTo = at('createdTo');
    return {
      ...(units !== undefined ? { units } : {}),
      ...(f.state !== undefined ? { state: f.state } : {}),
      ...(createdFrom !== undefined ? { createdFrom } : {}),
      ...(createdTo !== undefined ? { createdTo } : {}),
    };
  }

  function refuseIf(problems: readonly MigrationProblem[]): void {
    if (problems.length === 0) return;
    throw new Problem(422, problems.map((p) => p.message).join('; '), {
      code: 'INVALID_MIGRATION',
      errors: problems.map((p) => ({ ...p })),
    });
  }

  function answer(
    spec: MigrationSpec,
    options: {
      batch: string | null;
      dryRun: boolean;
      resumed: boolean;
      filter: MigrateRequest['filter'];
      locale: Locale;
    },
    results: readonly CaseResult[],
  ) {
    const counts: { -readonly [K in keyof MigrationCounts]: number } = {
      selected: results.length,
      migrate: 0,
      migrated: 0,
      alreadyMigrated: 0,
      refused: 0,
      unchanged: 0,
      skipped: 0,
    };
    for (const r of results) counts[r.outcome] += 1;
    const wf = spec.to.set.workflows.get(spec.workflow);
    return {
      batch: options.batch,
      dryRun: options.dryRun,
      resumed: options.resumed,
      workflow: spec.workflow,
      workflowTitle: wf ? localize(wf.title, options.locale) : spec.workflow,
      from: { seq: spec.from.seq, version: spec.from.set.version },
      to: { seq: spec.to.seq, version: spec.to.set.version },
      clocksOnly: spec.clocksOnly,
      reason: spec.reason,
      stateMapping: spec.stateMapping,
      filter: options.filter ?? {},
      counts,
      cases: results,
    };
  }

  async function run(spec: MigrationSpec, batch: MigrationBatchRow, actor: Actor, locale: Locale, resumed: boolean) {
    const io = {
      store: services.store,
      commit: (c: Parameters<typeof services.engine.commitChange>[0]) => services.engine.commitChange(c),
      now: () => services.clock.now(),
    };
    const results = await applyCases(io, spec, batch.caseIds, {
      actor: { username: actor.username, unit: actor.unit },
      locale,
      batch: batch.id,
    });
    const body = answer(
      spec,
      { batch: batch.id, dryRun: false, resumed, filter: batch.request.filter, locale },
      results,
    );
    await services.storage.migrations.finish(batch.id, services.clock.now(), body.counts);
    services.log('info', 'case migration finished', {
      batch: batch.id,
      workflow: spec.workflow,
      from: spec.from.seq,
      to: spec.to.seq,
      ...body.counts,
    });
    return body;
  }

  return {
    /** POST /api/cases/migrate. */
    /** `locale`: the reader's (the request's Accept-Language, else the user's own). */
    migrate: (body: MigrateRequest, user: AuthUser, locale: Locale = user.locale ?? 'zh-CN') =>
      serial(async () => {
        const actor = await services.users.actorOf(user);
        if (body.resume !== undefined && body.resume !== false) return resume(body.resume, actor, locale);
        const missing: MigrationProblem[] = [];
        for (const member of ['workflow', 'fromVersion'] as const) {
          if (body[member] === undefined)
            missing.push({ path: `/${member}`, ...migrationMessage('required', { member }, locale) });
        }
        refuseIf(missing);
        const spec: MigrationSpec = {
          workflow: body.workflow!,
          from: await side(body.fromVersion, '/fromVersion', locale),
          to: await side(body.toVersion, '/toVersion', locale),
          stateMapping: body.stateMapping ?? {},
          clocksOnly: body.clocksOnly ?? false,
          reason: body.reason ?? '',
        };
        refuseIf(checkMigration(spec, locale));
        const timeZone = spec.to.set.calendarForUnit(spec.to.set.org.root)?.timeZone ?? 'Asia/Shanghai';
        const filter = filterOf(body, user, timeZone);
        const cases = await selectCases(services.store, spec, filter);
        const io = { store: services.store, commit: async () => {}, now: () => services.clock.now() };
        if (body.dryRun) {
          const plans = await planCases(io, spec, cases, {
            actor: { username: actor.username, unit: actor.unit },
            locale,
            batch: null,
          });
          return answer(
            spec,
            { batch: null, dryRun: true, resumed: false, filter: body.filter, locale },
            plans.map(({ commit: _c, ...rest }) => rest),
          );
        }
        const open = await services.storage.migrations.unfinished();
        if (open.length > 0) {
          const m = migrationMessage('unfinishedBatch', { batch: open[0]!.id, workflow: open[0]!.workflow }, locale);
          throw new Problem(409, m.message, {
            code: 'MIGRATION_UNFINISHED',
            errors: [{ path: '/resume', ...m }],
            extra: { batch: open[0]!.id },
          });
        }
        const batch: MigrationBatchRow = {
          id: `mig-${randomUUID()}`,
          workflow: spec.workflow,
          request: {
            fromVersion: spec.from.set.version,
            toVersion: spec.to.set.version,
            fromSeq: spec.from.seq,
            toSeq: spec.to.seq,
            filter: body.filter ?? {},
            stateMapping: spec.stateMapping,
            clocksOnly: spec.clocksOnly,
            reason: spec.reason,
          },
          caseIds: cases.map((c) => c.id),
          startedBy: user.username,
          startedAt: services.clock.now(),
          finishedAt: null,
          counts: null,
        };
        await services.storage.migrations.add(batch);
        return run(spec, batch, actor, locale, false);
      }),
    /** GET /api/cases/migrations: the batches, newest first, without their case lists. */
    async list(limit = 50) {
      return (await services.storage.migrations.list(limit)).map(({ caseIds, ...rest }) => ({
        ...rest,
        cases: caseIds.length,
        startedAt: new Date(rest.startedAt).toISOString(),
        finishedAt: rest.finishedAt === null ? null : new Date(rest.finishedAt).toISOString(),
      }));
    },
  };

  async function resume(which: true | string, actor: Actor, locale: Locale) {
    const open = await services.storage.migrations.unfinished();
    const batch = which === true ? open[0] : open.find((b) => b.id === which);
    if (!batch) {
      const m = migrationMessage('noUnfinishedBatch', {}, locale);
      throw new Problem(404, m.message, { code: 'NOT_FOUND', errors: [{ path: '/resume', ...m }] });
    }
    const r = batch.request;
    const from = services.registry.version(r.fromVersion);
    const to = services.registry.version(r.toVersion);
    if (!from || !to)
      throw saidProblem(409, 'migrationVersionsGone', { batch: batch.id }, { code: 'MIGRATION_VERSIONS_GONE' });
    const spec: MigrationSpec = {
      workflow: batch.workflow,
      from: { set: from, seq: r.fromSeq },
      to: { set: to, seq: r.toSeq },
      stateMapping: r.stateMapping,
      clocksOnly: r.clocksOnly,
      reason: r.reason,
    };
    return run(spec, batch, actor, locale, true);
  }
}

export type CaseMigrations = ReturnType<typeof createCaseMigrations>;
