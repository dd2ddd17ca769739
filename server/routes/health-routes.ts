import { routes } from '../../contract/routes.ts';
import { saidProblem } from '../http/problem-messages.ts';
import { implement } from '../http/route-contract.ts';

/**
 * Liveness: the process answers. Stays 200 while the database is away, so nothing restarts a node that only waits for
 * it.
 */
export function healthRoutes() {
  return [implement(routes.health, (_c, { json }) => json(200, { status: 'ok' }))];
}

/**
 * Readiness: 200 while this node can reach its database, 503 (a problem document) while it cannot,
 * so a load balancer sends requests to the nodes that can answer them.
 */
export function readyRoutes(ready: () => Promise<void>) {
  return [
    implement(routes.ready, async (_c, { json }) => {
      try {
        await ready();
      } catch {
        throw saidProblem(503, 'notReady', {}, { code: 'NOT_READY', headers: { 'retry-after': '1' } });
      }
      return json(200, { status: 'ready' }, { 'cache-control': 'no-store' });
    }),
  ];
}
