/**
 * A fake of the HTTP API for component tests: routes by "METHOD /path", records every request,
 * answers problem documents like the server, and serves GET /api/stream as a stream the test
 * writes server-sent events into.
 */
export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Headers;
  readonly body: unknown;
}

type Handler = (request: Recorded) => Response | Promise<Response> | unknown;

export function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export function problem(status: number, detail: string, errors?: { path: string; message: string }[]) {
  const titles: Record<number, string> = {
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    422: 'Unprocessable Content',
  };
  return new Response(
    JSON.stringify({
      type: 'about:blank',
      title: titles[status] ?? 'Error',
      status,
      detail,
      ...(errors ? { errors } : {}),
    }),
    {
      status,
      headers: { 'content-type': 'application/problem+json' },
    },
  );
}

export function fakeApi(routes: Record<string, Handler>) {
  const requests: Recorded[] = [];
  const streams: ReadableStreamDefaultController<Uint8Array>[] = [];
  const encoder = new TextEncoder();
  let offline = false;
  const fetchImpl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://fake.test');
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const request: Recorded = { method, path: url.pathname, query: url.searchParams, headers, body };
    requests.push(request);
    if (offline) throw new TypeError('Failed to fetch');
    if (method === 'GET' && url.pathname === '/api/stream') {
      const stream = new ReadableStream<Uint8Array>({ start: (c) => void streams.push(c) });
      init.signal?.addEventListener('abort', () => {
        try {
          stream.cancel().catch(() => undefined);
        } catch {
          /* locked */
        }
      });
      return new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    }
    const handler = routes[`${method} ${url.pathname}`];
    if (!handler) return problem(404, `no route ${method} ${url.pathname}`);
    const answer = await handler(request);
    return answer instanceof Response ? answer : json(answer);
  }) as typeof fetch;
  return {
    fetch: fetchImpl,
    requests,
    /** Requests to one path (and method, GET by default). */
    calls: (path: string, method = 'GET') => requests.filter((r) => r.path === path && r.method === method),
    /** Writes one server-sent event into every open stream. */
    emit(event: string, data: unknown) {
      for (const c of streams) {
        try {
          c.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        } catch {
          /* closed */
        }
      }
    },
    get openStreams() {
      return streams.length;
    },
    setOffline(value: boolean) {
      offline = value;
    },
  };
}

/**
 * Waits until `check` returns (or resolves to) something truthy, polling, or fails after `ms` —
 * a deadline for a condition, never a fixed wait: it returns as soon as the condition holds, and
 * the deadline is generous because a machine kept busy by other work is slow, not wrong.
 */
export async function until<T>(check: () => T | Promise<T>, what: string, ms = 8000): Promise<NonNullable<Awaited<T>>> {
  const start = performance.now();
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<Awaited<T>>;
    if (performance.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
