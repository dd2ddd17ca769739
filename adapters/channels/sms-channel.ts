import type { NotificationChannel } from '../../engine/notify/notification-channel.ts';

export interface SmsChannelOptions {
  /** The gateway's endpoint; receives POST application/json {id, to, text, subject, caseId}. */
  readonly url: string;
  /** Sent as `Authorization: Bearer TOKEN` when given. */
  readonly token?: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/**
 * SMS through a configurable HTTP gateway. Any 2xx answer is delivery; anything else (or no
 * answer) is an error with the status and the start of the body. The notification id travels as
 * `Idempotency-Key`, so a gateway that honours it drops a retried duplicate.
 */
export function smsChannel(options: SmsChannelOptions): NotificationChannel {
  const doFetch = options.fetch ?? fetch;
  return {
    type: 'sms',
    async send(entry) {
      const response = await doFetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': entry.id,
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: JSON.stringify({
          id: entry.id,
          to: entry.recipient,
          text: entry.body,
          subject: entry.subject,
          caseId: entry.caseId,
        }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      if (!response.ok) {
        const text = (await response.text().catch(() => '')).slice(0, 200);
        throw new Error(`SMS gateway answered HTTP ${response.status}${text ? `: ${text}` : ''}`);
      }
    },
  };
}
