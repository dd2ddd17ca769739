import { LitElement, type PropertyDeclarations } from 'lit';
import type { Locale } from '../../engine/localized.ts';
import type { ApiClient } from '../api/client.ts';
import { appTranslator, type AppTranslate } from '../i18n/app-messages.ts';

/**
 * What the ledger, the scorecards and the monthly report take and keep alike: the client, the
 * language, the time zone and the unit they report on, and the state of their latest load (which a
 * `ReportLoad` writes). Each report adds its own period, its data and its rendering.
 *
 * Lit merges a subclass's `static properties` with these, so a report declares only its own.
 */
export abstract class ReportElement extends LitElement {
  static override properties: PropertyDeclarations = {
    client: { attribute: false },
    locale: { reflect: true },
    timeZone: { attribute: 'time-zone' },
    unit: {},
    loading: { state: true },
    error: { state: true },
  };
  declare client: ApiClient | undefined;
  declare locale: Locale;
  /** IANA time zone for dates and times (the business calendar's); the browser's when unset. */
  declare timeZone: string | undefined;
  declare unit: string | undefined;
  /** True while the latest load is on its way. */
  declare loading: boolean;
  /** Why the latest load failed (an `ApiError` carries the server's problem document); cleared by one that succeeds. */
  declare error: unknown;

  constructor() {
    super();
    this.locale = 'zh-CN';
    this.loading = false;
  }

  protected get t(): AppTranslate {
    return appTranslator(this.locale);
  }
}
