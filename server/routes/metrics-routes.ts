import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import type { Services } from '../services.ts';

/** GET /metrics: request counts and latency, cases by state, due timers, outbox backlog. */
export function metricsRoutes(services: Services) {
  const app = new Hono<AppEnv>();
  app.get('/metrics', async (c) => {
    const now = services.clock.now();
    // Cases by state come from the projections, which trail the commits by a batch.
    await services.projector.flush();
    const [byState, due, backlog] = await Promise.all([
      services.storage.projections.casesByState(),
      services.store.dueTimers(now, 100_000),
      services.store.pendingOutbox(Number.MAX_SAFE_INTEGER, 100_000),
    ]);
    const text = services.metrics.render([
      { name: 'serviceframe_cases', help: 'Cases by workflow and state.', samples: byState.map((s) => ({ labels: { workflow: s.workflow, state: s.state }, value: s.count })) },
      { name: 'serviceframe_timers_due', help: 'Timers due now and not yet fired.', samples: [{ value: due.length }] },
      { name: 'serviceframe_outbox_backlog', help: 'Notifications queued or waiting for a retry.', samples: [{ value: backlog.length }] },
      { name: 'serviceframe_stream_clients', help: 'Open server-sent event streams.', samples: [{ value: services.hub.size }] },
    ]);
    return c.body(text, 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  return app;
}
