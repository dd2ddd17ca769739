import { Hono } from 'hono';
import { periodOfDates, runImpact } from '../../engine/impact/index.ts';
import type { AppEnv } from '../context.ts';
import { checkedSet } from '../definitions/definition-registry.ts';
import { jsonBody } from '../http/json-body.ts';
import { notFound, Problem } from '../http/problem.ts';
import { impactInputs } from '../impact/impact-inputs.ts';
import { createImpactJobs } from '../impact/impact-jobs.ts';
import type { Services } from '../services.ts';
import { requireAdmin } from './user-routes.ts';

/** Events replayed between two yields to other requests (a few milliseconds of work). */
const SLICE = 200;

/**
 * Policy impact (issue 18, docs/impact.md): POST starts a replay of a recorded period under a
 * candidate set (checked as publishing checks it) and answers 202 with the job; GET follows its
 * progress and holds the report when done; DELETE cancels it. Administrators only; nothing is
 * written to the case store.
 */
export function impactRoutes(services: Services) {
  const app = new Hono<AppEnv>();
  const jobs = createImpactJobs({ now: () => services.clock.now() });
  const admin = (c: { get(key: 'user'): AppEnv['Variables']['user'] }) => requireAdmin(c.get('user'), services.registry.current().org);

  app.post('/', async (c) => {
    admin(c);
    const body = await jsonBody<{ files: { path: string; text: string }[]; from: string; to: string }>(c, 'Impact');
    const paths = new Set<string>();
    body.files.forEach((f, i) => {
      if (paths.has(f.path)) throw new Problem(422, `file ${f.path} is given twice`, { code: 'INVALID_BODY', errors: [{ path: `/files/${i}/path`, message: 'duplicate path' }] });
      paths.add(f.path);
    });
    const candidate = checkedSet(body.files, services.clock.now());
    const period = periodOfDates(body.from, body.to, candidate);
    if (!period.ok) throw new Problem(422, 'the period is not valid', { code: 'INVALID_PERIOD', errors: period.errors });
    const sources = { store: services.store, users: services.storage.users, records: services.storage.records, published: services.registry.current(), version: (v: string) => services.registry.version(v) };
    const job = jobs.start({ from: body.from, to: body.to, candidateVersion: candidate.version, startedBy: c.get('user').username }, async (work) => {
      const inputs = await impactInputs(sources, candidate, period.from, period.to, () => work.checkpoint());
      return runImpact({
        ...inputs,
        every: SLICE,
        async onProgress(p) {
          work.progress(p);
          await work.checkpoint();
        },
      });
    });
    return c.json(job, 202, { location: `/api/definitions/impact/${job.id}` });
  });

  app.get('/:id', (c) => {
    admin(c);
    const job = jobs.get(c.req.param('id'));
    if (!job) throw notFound('impact job');
    return c.json(job);
  });

  app.delete('/:id', (c) => {
    admin(c);
    const job = jobs.cancel(c.req.param('id'));
    if (job === null) throw notFound('impact job');
    return job ? c.json(job) : c.body(null, 204);
  });

  return app;
}
