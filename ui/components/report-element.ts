import type { PropertyDeclarations } from 'lit';
import { ApiElement } from './api-element.ts';

/**
 * What the ledger, the scorecards and the monthly report take and keep alike besides what every
 * API element takes: the unit they report on, and the state of their latest load (which a
 * `ReportLoad` writes). Each report adds its own period, its data and its rendering.
 */
export abstract class ReportElement extends ApiElement {
  static override properties: PropertyDeclarations = {
    unit: {},
    loading: { state: true },
    error: { state: true },
  };
  declare unit: string | undefined;
  /** True while the latest load is on its way. */
  declare loading: boolean;
  /** Why the latest load failed (an `ApiError` carries the server's problem document); cleared by one that succeeds. */
  declare error: unknown;

  constructor() {
    super();
    this.loading = false;
  }
}
