import { routes } from '../../contract/routes.ts';
import { periodOfDates, runImpact } from '../../engine/impact/index.ts';
import { checkedSet } from '../definitions/definition-registry.ts';
import { notFound, saidField, saidProblem } from '../http/problem-messages.ts';
import { implement } from '../http/route-contract.ts';
import { impactInputs } from '../impact/impact-inputs.ts';
import { createImpactJobs } from '../impact/impact-jobs.ts';
import type { Services } from '../services.ts';

/**
 * Events a pass replays between two progress reports: between two yields to other requests too
 * when a small period's passes run in this thread (a few milliseconds of work).
 */
const EVERY = 200;

/**
 * Policy impact (issue 18, docs/impact.md): POST starts a replay of a recorded period under a
 * candidate set (checked as publishing checks it) and answers 202 with the job; GET follows its
 * progress and holds the report when done; DELETE cancels it. Administrators only; nothing is
 * written to the case store.
 */
export function impactRoutes(services: Services) {
  const jobs = createImpactJobs({ now: () => services.clock.now() });

  // Administrators only: declared `admin`, which mount checks before anything else.
  const start = implement(routes.impact, async (c, { body: read, json }) => {
    const body = await read();
    const paths = new Set<string>();
    body.files.forEach((f, i) => {
      if (paths.has(f.path))
        throw saidProblem(
          422,
          'fileTwice',
          { path: f.path },
          { code: 'INVALID_BODY', errors: [saidField(`/files/${i}/path`, 'field.duplicatePath')] },
        );
      paths.add(f.path);
    });
    const candidate = checkedSet(body.files, services.clock.now());
    const period = periodOfDates(body.from, body.to, candidate);
    if (!period.ok)
      throw saidProblem(422, 'impactPeriodInvalid', {}, { code: 'INVALID_PERIOD', errors: period.errors });
    const sources = {
      store: services.store,
      users: services.storage.users,
      records: services.storage.records,
      published: services.registry.current(),
      version: (v: string) => services.registry.version(v),
    };
    const job = jobs.start(
      { from: body.from, to: body.to, candidateVersion: candidate.version, startedBy: c.get('user').username },
      async (work) => {
        const inputs = await impactInputs(sources, candidate, period.from, period.to, () => work.checkpoint());
        // The passes of a large period run on two worker threads: this thread keeps answering meanwhile.
        return runImpact({
          ...inputs,
          every: EVERY,
          passes: services.impactPasses,
          signal: work.signal,
          async onProgress(p) {
            work.progress(p);
            await work.checkpoint();
          },
        });
      },
    );
    return json(202, job, { location: `/api/definitions/impact/${job.id}` });
  });

  const follow = implement(routes.impactJob, (_c, { params, json }) => {
    const job = jobs.get(params.id);
    if (!job) throw notFound('impact job');
    return json(200, job);
  });

  const cancel = implement(routes.cancelImpact, (c, { params, json }) => {
    const job = jobs.cancel(params.id);
    if (job === null) throw notFound('impact job');
    return job ? json(200, job) : c.body(null, 204);
  });

  return [start, follow, cancel];
}
