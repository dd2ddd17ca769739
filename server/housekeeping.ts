import type { Services } from './services.ts';

/**
 * How long an Idempotency-Key is remembered: a client retrying a lost answer does so within
 * minutes; a day covers a laptop that was offline overnight (the staff app's outbox) while the
 * table stays the size of a day's POSTs instead of growing for ever.
 */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3_600_000;
/** How often the scheduler runs housekeeping (and once at start). */
export const HOUSEKEEPING_EVERY_MS = 3_600_000;

export interface HousekeepingReport {
  readonly sessions: number;
  readonly idempotencyKeys: number;
}

/** Deletes sessions past their expiry and Idempotency-Keys older than the retention. */
export async function housekeeping(services: Pick<Services, 'storage'>, now: number): Promise<HousekeepingReport> {
  const sessions = await services.storage.sessions.deleteExpired(now);
  const idempotencyKeys = await services.storage.idempotency.forgetBefore(now - IDEMPOTENCY_RETENTION_MS);
  return { sessions, idempotencyKeys };
}
