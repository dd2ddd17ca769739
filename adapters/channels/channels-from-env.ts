import { emailChannel } from './email-channel.ts';
import { inappChannel } from '../../engine/notify/inapp-channel.ts';
import {
  createChannels,
  type ChannelRegistry,
  type NotificationChannel,
} from '../../engine/notify/notification-channel.ts';
import { smsChannel } from './sms-channel.ts';

/**
 * Channels configured by environment variables: SMTP_HOST, SMTP_PORT (587), SMTP_SECURE (1 for
 * TLS from the start), SMTP_USER, SMTP_PASSWORD, SMTP_FROM; SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN.
 * The in-app inbox is always there. A channel left unconfigured keeps its notifications queued
 * with an error saying so, until it is configured.
 */
export function channelsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): ChannelRegistry {
  const list: NotificationChannel[] = [inappChannel()];
  if (env['SMTP_HOST']) {
    list.push(
      emailChannel({
        host: env['SMTP_HOST'],
        port: Number(env['SMTP_PORT'] ?? 587),
        secure: env['SMTP_SECURE'] === '1',
        ...(env['SMTP_USER'] ? { user: env['SMTP_USER'], password: env['SMTP_PASSWORD'] ?? '' } : {}),
        from: env['SMTP_FROM'] ?? 'serviceframe@localhost',
      }),
    );
  }
  if (env['SMS_GATEWAY_URL'])
    list.push(
      smsChannel({
        url: env['SMS_GATEWAY_URL'],
        ...(env['SMS_GATEWAY_TOKEN'] ? { token: env['SMS_GATEWAY_TOKEN'] } : {}),
      }),
    );
  return createChannels(list);
}
