import type { NotificationChannel } from './notification-channel.ts';

/** The in-app inbox: the entry is stored already, so delivery only marks it sent; the server lists them. */
export function inappChannel(): NotificationChannel {
  return { type: 'inapp', send: async () => {} };
}
