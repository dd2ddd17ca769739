import type { Localized } from '../localized.ts';

export interface NotificationTemplateSpec {
  readonly channels: readonly string[];
  readonly urgent?: boolean;
  readonly subject: Localized;
  readonly body: Localized;
}
