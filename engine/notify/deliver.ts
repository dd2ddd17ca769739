import type { OutboxRecord, Store } from '../store/store.ts';
import type { ChannelRegistry } from './notification-channel.ts';

export interface DeliveryOptions {
  /** Entries taken per call (default 100). */
  readonly batch?: number;
  /** First retry delay; doubles per attempt (default 30 s). */
  readonly retryBaseMs?: number;
  /** Longest retry delay (default 1 h): a notification is retried forever, never dropped. */
  readonly retryMaxMs?: number;
}

export interface DeliveryReport {
  readonly sent: string[];
  readonly failed: { readonly id: string; readonly error: string; readonly retryAt: number }[];
}

/** Delay before the next attempt after `attempts` failed ones: base * 2^(attempts-1), capped. */
export function retryDelay(attempts: number, baseMs = 30_000, maxMs = 3_600_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
}

// Entries being sent in this process, per store: a second concurrent call leaves them alone.
const inFlight = new WeakMap<Store, Set<string>>();

/**
 * Delivers what the outbox holds for `now`, oldest first, at least once: each entry is sent
 * through its channel and marked sent; a failure (including no channel of that type) keeps it,
 * counting the attempt, recording the error and setting the next try with exponential back-off.
 * An entry marked sent is never returned by the store again, so it is never sent twice by design
 * (a crash between send and mark can repeat one; channels pass the id on for the other side).
 */
export async function deliverOutbox(
  store: Store,
  channels: ChannelRegistry,
  now: number,
  options: DeliveryOptions = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: [], failed: [] };
  let busy = inFlight.get(store);
  if (!busy) inFlight.set(store, (busy = new Set()));
  const pending = await store.pendingOutbox(now, options.batch ?? 100);
  const seen = new Set<string>();
  for (const entry of pending) {
    if (seen.has(entry.id) || busy.has(entry.id) || entry.status === 'sent') continue;
    seen.add(entry.id);
    busy.add(entry.id);
    try {
      await deliverOne(store, channels, entry, now, options, report);
    } finally {
      busy.delete(entry.id);
    }
  }
  return report;
}

async function deliverOne(
  store: Store,
  channels: ChannelRegistry,
  entry: OutboxRecord,
  now: number,
  options: DeliveryOptions,
  report: DeliveryReport,
): Promise<void> {
  const attempts = entry.attempts + 1;
  let error: string | null = null;
  const channel = channels.get(entry.channel);
  if (!channel) {
    error = `no '${entry.channel}' channel is configured (configured: ${channels.known().join(', ') || 'none'})`;
  } else {
    try {
      await channel.send(entry);
    } catch (e) {
      error = describe(e);
    }
  }
  if (error === null) {
    await store.updateOutbox(entry.id, {
      status: 'sent',
      attempts,
      lastError: null,
      sentAt: now,
      notBefore: entry.notBefore,
    });
    report.sent.push(entry.id);
    return;
  }
  const retryAt = now + retryDelay(attempts, options.retryBaseMs, options.retryMaxMs);
  await store.updateOutbox(entry.id, {
    status: 'failed',
    attempts,
    lastError: error,
    sentAt: null,
    notBefore: retryAt,
  });
  report.failed.push({ id: entry.id, error, retryAt });
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as Error & { code?: unknown }).code;
    const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
    return `${typeof code === 'string' ? `${code} ` : ''}${e.message}${cause}`.slice(0, 500);
  }
  return String(e).slice(0, 500);
}
