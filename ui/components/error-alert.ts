import { html, nothing } from 'lit';
import type { AppTranslate } from '../i18n/app-messages.ts';
import { describeError } from './case-format.ts';

/**
 * A failed request as people read it (part `error`, announced as an alert); nothing without one.
 * One function, so that the parts embedders style and the wording stay alike across the elements.
 */
export function errorAlert(error: unknown, t: AppTranslate) {
  return error ? html`<div class="alert" role="alert" part="error">${describeError(error, t)}</div>` : nothing;
}
