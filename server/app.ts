import { Hono } from 'hono';
import { ROUTES } from '../contract/routes.ts';
import type { AppEnv } from './context.ts';
import { onError } from './http/on-error.ts';
import { localizedProblem, readerLocale, saidProblem } from './http/problem-messages.ts';
import { mount } from './http/route-contract.ts';
import { securityHeaders } from './http/security-headers.ts';
import { authenticate } from './middleware/authenticate.ts';
import { compress } from './middleware/compress.ts';
import { corsOriginsFromEnv, crossOrigin } from './middleware/cross-origin.ts';
import { idempotency } from './middleware/idempotency.ts';
import { limitBody } from './middleware/limit-body.ts';
import { metricsAccess, metricsTokenFromEnv } from './middleware/metrics-access.ts';
import { observe } from './middleware/observe.ts';
import { requestLog } from './middleware/request-log.ts';
import { passwordChangeGate } from './middleware/password-change-gate.ts';
import { rateLimit, rateLimitFromEnv, type RateLimitOptions } from './middleware/rate-limit.ts';
import { revalidate } from './middleware/revalidate.ts';
import { apiPageRoutes } from './routes/api-page-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { caseRoutes } from './routes/case-routes.ts';
import { definitionRoutes } from './routes/definition-routes.ts';
import { healthRoutes, readyRoutes } from './routes/health-routes.ts';
import { ledgerRoutes } from './routes/ledger-routes.ts';
import { metricsRoutes } from './routes/metrics-routes.ts';
import { migrationRoutes } from './routes/migration-routes.ts';
import { passwordRoutes } from './routes/password-routes.ts';
import { recordRoutes } from './routes/record-routes.ts';
import { reportRoutes } from './routes/report-routes.ts';
import { settingsFromEnv, settingsRoutes, type InstallationSettings } from './routes/settings-routes.ts';
import { staticRoutes } from './routes/static-routes.ts';
import { streamLimitsFromEnv, type StreamLimits } from './live/stream-quota.ts';
import { inboxRoutes } from './routes/inbox-routes.ts';
import { streamRoutes } from './routes/stream-routes.ts';
import { requireAdmin, userRoutes } from './routes/user-routes.ts';
import type { Services } from './services.ts';

// The routes declared `public` (a read by any method, a write by its own), and everything outside /api.
const PUBLIC_ROUTES = new Map(
  ROUTES.filter((r) => r.public).map((r) => [r.path, r.method === 'get' ? undefined : r.method.toUpperCase()]),
);
/** Paths answered without a login. */
const PUBLIC = (path: string, method: string) =>
  !path.startsWith('/api/') || (PUBLIC_ROUTES.has(path) && (PUBLIC_ROUTES.get(path) ?? method) === method);

/**
 * The whole HTTP surface as a Hono app: tests call `app.request(...)`, `startServer` listens.
 * Order: request id and access log → metrics → security headers → compression (when asked) → CORS (listed origins only)
 * → rate limit → body limit → login → password-change gate → idempotency → ETags on API reads → routes; every error
 * ends in `onError` as a problem document.
 */
export interface AppOptions {
  /** Origins allowed to call the API from a browser (default: SERVICEFRAME_CORS_ORIGINS, else none). */
  readonly corsOrigins?: readonly string[];
  /** Requests per second per client address (default: SERVICEFRAME_RATE_LIMIT, else 300). */
  readonly rateLimit?: RateLimitOptions;
  /** Bearer token that may read /metrics besides administrators (default: SERVICEFRAME_METRICS_TOKEN, else none). */
  readonly metricsToken?: string;
  /** Open event streams per user and per client address (default 5 and SERVICEFRAME_STREAMS_PER_ADDRESS, else 50). */
  readonly streamLimits?: StreamLimits;
  /** Where the built UI is (default dist/ui beside the sources; tests build one elsewhere). */
  readonly uiDir?: string;
  /** What pages need of this installation, e.g. the map for addresses (default: from the environment). */
  readonly settings?: InstallationSettings;
}

export function createApp(services: Services, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(onError(services.log));
  // Outside /api too (a wrong method on /metrics, a path under /ui that is not there): a problem document.
  app.notFound((c) =>
    localizedProblem(
      saidProblem(404, 'nothingAt', { method: c.req.method, path: c.req.path }, { code: 'NOT_FOUND' }),
      readerLocale(c),
    ).response(c.req.path),
  );
  app.use('*', ...requestLog(services.log));
  app.use('*', observe(services.metrics));
  app.use('*', securityHeaders());
  // Inside the security headers: they are set on the answer compressed here.
  app.use('*', compress());
  // Closed to other origins unless listed; /ui/* too, since embedding pages load the components as a module (a CORS
  // request).
  const origins = crossOrigin({ origins: options.corsOrigins ?? corsOriginsFromEnv() });
  app.use('/api/*', origins);
  app.use('/ui/*', origins);
  app.use('/api/*', rateLimit({ trustProxy: services.trustProxy, ...(options.rateLimit ?? rateLimitFromEnv()) }));
  // /metrics (token or administrator) reads the whole timer and outbox backlog: a scraper needs a few a
  // minute, a flood of them, even refused ones, would load the server.
  app.use(
    '/metrics',
    rateLimit({
      perSecond: 2,
      burst: 20,
      trustProxy: services.trustProxy,
      ...(options.rateLimit?.now ? { now: options.rateLimit.now } : {}),
    }),
  );
  app.use('/metrics', metricsAccess(services, options.metricsToken ?? metricsTokenFromEnv()));
  app.use(
    '/api/*',
    limitBody(services.bodyLimit, {
      paths: ['/api/definitions', '/api/definitions/impact', '/api/definitions/validate', '/api/definitions/simulate'],
      largeSize: 20 * 1024 * 1024,
    }),
  );
  app.use('/api/*', authenticate(services, { isPublic: PUBLIC }));
  app.use('/api/*', passwordChangeGate());
  app.use('/api/*', idempotency(services));
  app.use('/api/*', revalidate({ skip: (path) => path === '/api/stream' }));

  // Every route of contract/routes.ts, each once; mount refuses to start with one missing or undeclared.
  mount(
    app,
    [
      ...healthRoutes(),
      ...readyRoutes(() => services.ready()),
      ...settingsRoutes(options.settings ?? settingsFromEnv()),
      ...authRoutes(services),
      ...userRoutes(services),
      ...passwordRoutes(services),
      ...migrationRoutes(services),
      ...caseRoutes(services),
      ...inboxRoutes(services),
      ...definitionRoutes(services),
      ...recordRoutes(services),
      ...ledgerRoutes(services),
      ...reportRoutes(services),
      ...streamRoutes(services, options.streamLimits ?? streamLimitsFromEnv()),
      ...apiPageRoutes(),
      ...metricsRoutes(services),
    ],
    { requireAdmin: (c) => requireAdmin(c.get('user'), services.registry.current().org) },
  );
  app.route('/', staticRoutes(options.uiDir !== undefined ? { dir: options.uiDir } : {}));
  app.all('/api/*', (c) => {
    throw saidProblem(404, 'noEndpoint', { method: c.req.method, path: c.req.path }, { code: 'NOT_FOUND' });
  });
  return app;
}
