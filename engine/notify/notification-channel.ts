import { createRegistry, type Registry } from '../registry.ts';
import type { OutboxRecord } from '../store/store.ts';

/**
 * One way of delivering an outbox entry. `send` resolves when the other side accepted it and
 * rejects with a readable error otherwise; it never decides about retries (deliverOutbox does).
 */
export interface NotificationChannel {
  readonly type: string;
  send(entry: OutboxRecord): Promise<void>;
  close?(): Promise<void> | void;
}

export type ChannelRegistry = Registry<NotificationChannel>;

export function createChannels(channels: readonly NotificationChannel[]): ChannelRegistry {
  const registry = createRegistry<NotificationChannel>();
  for (const c of channels) registry.register(c.type, c);
  return registry;
}
