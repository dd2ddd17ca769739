import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** What the server reads at each scrape: counts kept by the database, not rows loaded to count. */
export interface ScrapeFigures {
  readonly casesByState: readonly { workflow: string; state: string; count: number }[];
  readonly timersDue: number;
  readonly outboxBacklog: number;
  readonly streamClients: number;
}

/**
 * The server's Prometheus metrics, on prom-client: requests and their latency per route, the
 * process's own figures (CPU, memory, event-loop delay, GC, handles) and, per scrape, the
 * business gauges. One registry per server, so servers started side by side in one process
 * (tests) do not mix their figures.
 */
export interface Metrics {
  observe(method: string, route: string, status: number, seconds: number): void;
  /** The Prometheus text with these figures as the gauges' values. */
  render(figures: ScrapeFigures): Promise<string>;
  readonly contentType: string;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'serviceframe_' });
  const registers = [registry];
  const requests = new Counter({
    name: 'serviceframe_http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'serviceframe_http_request_duration_seconds',
    help: 'Time to answer, by method and route.',
    labelNames: ['method', 'route'] as const,
    buckets: BUCKETS,
    registers,
  });
  const cases = new Gauge({
    name: 'serviceframe_cases',
    help: 'Cases by workflow and state.',
    labelNames: ['workflow', 'state'] as const,
    registers,
  });
  const timersDue = new Gauge({
    name: 'serviceframe_timers_due',
    help: 'Timers due now and not yet fired.',
    registers,
  });
  const backlog = new Gauge({
    name: 'serviceframe_outbox_backlog',
    help: 'Notifications queued or waiting for a retry.',
    registers,
  });
  const streams = new Gauge({
    name: 'serviceframe_stream_clients',
    help: 'Open server-sent event streams.',
    registers,
  });

  // The labelled children of each method, route and status seen, looked up once rather than per
  // request (prom-client otherwise hashes the label object on every call).
  const children = new Map<
    string,
    { count: ReturnType<typeof requests.labels>; time: ReturnType<typeof duration.labels> }
  >();
  return {
    contentType: registry.contentType,
    observe(method, route, status, seconds) {
      const key = `${method} ${status} ${route}`;
      let child = children.get(key);
      if (!child)
        children.set(
          key,
          (child = { count: requests.labels(method, route, String(status)), time: duration.labels(method, route) }),
        );
      child.count.inc();
      child.time.observe(seconds);
    },
    async render(figures) {
      cases.reset();
      for (const s of figures.casesByState) cases.set({ workflow: s.workflow, state: s.state }, s.count);
      timersDue.set(figures.timersDue);
      backlog.set(figures.outboxBacklog);
      streams.set(figures.streamClients);
      return registry.metrics();
    },
  };
}
