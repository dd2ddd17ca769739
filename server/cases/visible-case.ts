import type { CaseRecord } from '../../engine/runtime/case-record.ts';
import { scopeOf, seesCase } from '../access/scope.ts';
import type { AuthUser } from '../context.ts';
import { notFound } from '../http/problem.ts';
import type { Services } from '../services.ts';

/** The case if this user may see it; otherwise 404, exactly as for a case that does not exist. */
export async function visibleCase(services: Services, user: AuthUser, id: string): Promise<CaseRecord> {
  const record = await services.store.getCase(id);
  if (!record || !seesCase(scopeOf(user, services.registry.current().org), record)) throw notFound('case');
  return record;
}
