import type { CaseRecord } from '../../engine/runtime/case-record.ts';
import { scopeOf, seesCase } from '../access/scope.ts';
import type { AuthUser } from '../context.ts';
import { notFound } from '../http/problem-messages.ts';
import type { Services } from '../services.ts';

/**
 * The case if this user may see it; otherwise 404, exactly as for a case that does not exist.
 * `ref` is the case's id or its human number (BX-2026-00001): an id is looked for first.
 */
export async function visibleCase(services: Services, user: AuthUser, ref: string): Promise<CaseRecord> {
  const record = (await services.store.getCase(ref)) ?? (await caseByNumber(services, ref));
  if (!record || !seesCase(scopeOf(user, services.registry.current().org), record)) throw notFound('case');
  return record;
}

async function caseByNumber(services: Services, number: string): Promise<CaseRecord | undefined> {
  const id = await services.store.caseIdByNumber(number);
  return id === undefined ? undefined : services.store.getCase(id);
}
