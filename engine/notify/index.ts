export { queueNotification } from './queue-notification.ts';
export { renderTemplate } from './render-template.ts';
export type { NotificationTemplateSpec } from './template-model.ts';
export { notificationTemplateKind, TEMPLATE_ROOTS } from './notification-template-kind.ts';
export { createChannels, type ChannelRegistry, type NotificationChannel } from './notification-channel.ts';
export { inappChannel } from './inapp-channel.ts';
export { deliverOutbox, retryDelay, type DeliveryOptions, type DeliveryReport } from './deliver.ts';
