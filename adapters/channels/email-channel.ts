import nodemailer from 'nodemailer';
import type { NotificationChannel } from '../../engine/notify/notification-channel.ts';

export interface EmailChannelOptions {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  readonly secure?: boolean;
  readonly user?: string;
  readonly password?: string;
  readonly from: string;
  /** Milliseconds to wait for a connection or a reply before the attempt counts as failed. */
  readonly timeoutMs?: number;
  /** For servers without STARTTLS in closed networks (and the tests' local server). */
  readonly ignoreTLS?: boolean;
}

/** E-mail over SMTP through nodemailer; the outbox entry's recipient is the address. */
export function emailChannel(options: EmailChannelOptions): NotificationChannel {
  const timeout = options.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure ?? false,
    ignoreTLS: options.ignoreTLS ?? false,
    ...(options.user ? { auth: { user: options.user, pass: options.password ?? '' } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    type: 'email',
    async send(entry) {
      await transport.sendMail({
        from: options.from,
        to: entry.recipient,
        subject: entry.subject,
        text: entry.body,
        // Lets the receiving side recognise a retried delivery of the same notification.
        messageId: `<${entry.id}@serviceframe>`,
        headers: {
          'X-Serviceframe-Notification': entry.id,
          ...(entry.caseId ? { 'X-Serviceframe-Case': entry.caseId } : {}),
        },
      });
    },
    close: () => transport.close(),
  };
}
