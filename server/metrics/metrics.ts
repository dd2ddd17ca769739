const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Request counts and latency per route, in memory, written out in Prometheus text format. */
export interface Metrics {
  observe(method: string, route: string, status: number, seconds: number): void;
  render(gauges: readonly Gauge[]): string;
}

export interface Gauge {
  readonly name: string;
  readonly help: string;
  readonly samples: readonly { labels?: Record<string, string>; value: number }[];
}

export function createMetrics(): Metrics {
  const counts = new Map<string, number>();
  const histograms = new Map<string, { buckets: number[]; sum: number; count: number }>();
  // The label text of each method, route and status seen, written once rather than per request.
  const keys = new Map<string, { count: string; histogram: string }>();
  return {
    observe(method, route, status, seconds) {
      const seen = `${method} ${status} ${route}`;
      let key = keys.get(seen);
      if (!key) keys.set(seen, (key = { count: labels({ method, route, status: String(status) }), histogram: labels({ method, route }) }));
      counts.set(key.count, (counts.get(key.count) ?? 0) + 1);
      let h = histograms.get(key.histogram);
      if (!h) histograms.set(key.histogram, (h = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 }));
      for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) h.buckets[i]!++;
      h.sum += seconds;
      h.count++;
    },
    render(gauges) {
      const out: string[] = [];
      out.push('# HELP serviceframe_http_requests_total HTTP requests answered, by method, route and status.', '# TYPE serviceframe_http_requests_total counter');
      for (const [k, v] of counts) out.push(`serviceframe_http_requests_total{${k}} ${v}`);
      out.push('# HELP serviceframe_http_request_duration_seconds Time to answer, by method and route.', '# TYPE serviceframe_http_request_duration_seconds histogram');
      for (const [k, h] of histograms) {
        BUCKETS.forEach((b, i) => out.push(`serviceframe_http_request_duration_seconds_bucket{${k},le="${b}"} ${h.buckets[i]}`));
        out.push(`serviceframe_http_request_duration_seconds_bucket{${k},le="+Inf"} ${h.count}`);
        out.push(`serviceframe_http_request_duration_seconds_sum{${k}} ${h.sum}`, `serviceframe_http_request_duration_seconds_count{${k}} ${h.count}`);
      }
      for (const g of gauges) {
        out.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`);
        for (const s of g.samples) out.push(`${g.name}${s.labels ? `{${labels(s.labels)}}` : ''} ${s.value}`);
      }
      return out.join('\n') + '\n';
    },
  };
}

function labels(l: Record<string, string>): string {
  return Object.entries(l).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',');
}
