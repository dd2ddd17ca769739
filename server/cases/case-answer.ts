import type { Actor } from '../../engine/runtime/actor.ts';
import type { CaseRecord } from '../../engine/runtime/case-record.ts';
import { scopeOf } from '../access/scope.ts';
import type { AuthUser } from '../context.ts';
import type { Services } from '../services.ts';
import { caseViewJson } from './case-view.ts';
import { customerCaseView } from './customer-view.ts';

/**
 * A case as the answer to `user`: a customer (the portal) gets the customer view, never the
 * staff's. Every answer that shows one case goes through here: the case routes, and a repeat with
 * an Idempotency-Key, which rebuilds its answer from the case.
 */
export async function caseAnswer(
  services: Services,
  record: CaseRecord,
  user: AuthUser,
  actor: Actor,
  status: number,
  headers?: Record<string, string>,
): Promise<Response> {
  const text =
    scopeOf(user, services.registry.current().org).customer !== null
      ? JSON.stringify(await customerCaseView(services, record, actor, user.locale))
      : await caseViewJson(services, record, actor, user.locale);
  return new Response(text, { status, headers: { 'content-type': 'application/json', ...headers } });
}
