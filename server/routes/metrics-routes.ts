import { routes } from '../../contract/routes.ts';
import { implement } from '../http/route-contract.ts';
import type { Services } from '../services.ts';

/** GET /metrics: request counts and latency, the process's figures, cases by state, due timers, outbox backlog. */
export function metricsRoutes(services: Services) {
  const metrics = implement(routes.metrics, async (c) => {
    const now = services.clock.now();
    // Cases by state come from the projections, which trail the commits by a batch.
    await services.projector.flush();
    const [casesByState, due, queued] = await Promise.all([
      services.storage.projections.casesByState(),
      services.store.backlog(now),
      // Everything queued or waiting for a retry, however far off the retry is.
      services.store.backlog(Number.MAX_SAFE_INTEGER),
    ]);
    const text = await services.metrics.render({
      casesByState,
      timersDue: due.timersDue,
      outboxBacklog: queued.outboxReady,
      streamClients: services.hub.size,
    });
    return c.body(text, 200, { 'content-type': services.metrics.contentType });
  });
  return [metrics];
}
