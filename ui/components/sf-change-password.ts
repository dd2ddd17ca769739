import { LitElement, css, html, nothing } from 'lit';
import type { Locale } from '../../engine/localized.ts';
import type { ApiClient } from '../api/client.ts';
import { accountTranslator, passwordRefusal, type AccountTranslate } from '../i18n/account-messages.ts';
import { appTranslator } from '../i18n/app-messages.ts';
import { describeError } from './case-format.ts';
import { sfBaseStyles } from './sf-base-styles.ts';

/**
 * The server's minimum (server/auth/password-policy.ts); the browser checks it first so a short one is said at once.
 */
const MIN = 12;

type Field = 'currentPassword' | 'newPassword' | 'repeat';

/**
 * One's own password: the current one, the new one twice. POST /api/me/password; a refusal puts
 * the server's reason (policy code) at its field in the user's language and keeps what was typed.
 * With `required` (an administrator reset the password) it says why it is shown before anything else.
 *
 * Properties in: `client`, `locale`, `username` (for password managers), `required`.
 * Event out: `sf-password-changed` after the server accepted the new password.
 */
export class SfChangePassword extends LitElement {
  static override properties = {
    client: { attribute: false },
    locale: {},
    username: {},
    required: { type: Boolean },
    values: { state: true },
    errors: { state: true },
    failure: { state: true },
    busy: { state: true },
  };
  static override styles = [
    sfBaseStyles,
    css`
      form { display: grid; gap: var(--_gap); max-width: 28rem; }
      label { display: grid; gap: 0.25rem; }
      .error { color: var(--_error); margin: 0; }
      .hint { color: var(--_muted); margin: 0; }
      .notice { margin: 0; }
    `,
  ];
  declare client: ApiClient | undefined;
  declare locale: Locale;
  declare username: string | undefined;
  declare required: boolean;
  declare values: Record<Field, string>;
  declare errors: Partial<Record<Field, string>>;
  declare failure: string | undefined;
  declare busy: boolean;

  constructor() {
    super();
    this.locale = 'zh-CN';
    this.required = false;
    this.values = { currentPassword: '', newPassword: '', repeat: '' };
    this.errors = {};
    this.busy = false;
  }

  private get t(): AccountTranslate {
    return accountTranslator(this.locale);
  }

  private async save(e: Event) {
    e.preventDefault();
    const t = this.t;
    const { currentPassword, newPassword, repeat } = this.values;
    const errors: Partial<Record<Field, string>> = {};
    if ([...newPassword].length < MIN) errors.newPassword = t('passwordTooShort', { min: MIN });
    if (repeat !== newPassword) errors.repeat = t('passwordsDiffer');
    this.errors = errors;
    this.failure = undefined;
    if (Object.keys(errors).length || !this.client) return this.focusFirstError();
    this.busy = true;
    try {
      await this.client.request('POST', '/api/me/password', { body: { currentPassword, newPassword } });
      this.values = { currentPassword: '', newPassword: '', repeat: '' };
      this.dispatchEvent(new CustomEvent('sf-password-changed', { bubbles: true, composed: true }));
    } catch (error) {
      const problem = error as {
        status?: number;
        errors?: readonly { path: string; message: string; code?: string }[];
      };
      const placed: Partial<Record<Field, string>> = {};
      for (const fe of problem.errors ?? []) {
        const field =
          fe.path === '/currentPassword' ? 'currentPassword' : fe.path === '/newPassword' ? 'newPassword' : undefined;
        if (field) placed[field] = passwordRefusal(fe, t);
      }
      this.errors = placed;
      if (!Object.keys(placed).length)
        this.failure = problem.status === 429 ? t('tooManyAttempts') : describeError(error, appTranslator(this.locale));
      await this.focusFirstError();
    } finally {
      this.busy = false;
    }
  }

  private async focusFirstError() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
  }

  private input(field: Field, label: string, autocomplete: string) {
    const error = this.errors[field];
    return html`<label>${label}
        <input type="password" name=${field} autocomplete=${autocomplete} required minlength=${field === 'currentPassword' ? nothing : MIN}
          .value=${this.values[field]} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${field}-error` : nothing}
          @input=${(e: InputEvent) => (this.values = { ...this.values, [field]: (e.target as HTMLInputElement).value })} /></label>
      ${error ? html`<p class="error" id=${`${field}-error`} part="field-error">${error}</p>` : nothing}`;
  }

  override render() {
    const t = this.t;
    return html`<form part="form" @submit=${(e: Event) => void this.save(e)} aria-labelledby="title" novalidate>
      <h2 id="title">${t('changePasswordTitle')}</h2>
      ${this.required ? html`<p class="notice" role="status" part="required">${t('changePasswordRequired')}</p>` : nothing}
      ${this.failure ? html`<div class="alert" role="alert" part="error">${this.failure}</div>` : nothing}
      <input type="text" name="username" autocomplete="username" .value=${this.username ?? ''} hidden />
      ${this.input('currentPassword', t('currentPassword'), 'current-password')}
      ${this.input('newPassword', t('newPassword'), 'new-password')}
      <p class="hint" part="hint">${t('passwordRules', { min: MIN })}</p>
      ${this.input('repeat', t('repeatPassword'), 'new-password')}
      <p><button type="submit" class="primary" ?disabled=${this.busy}>${t('savePassword')}</button></p>
    </form>`;
  }
}

if (!customElements.get('sf-change-password')) customElements.define('sf-change-password', SfChangePassword);

declare global {
  interface HTMLElementTagNameMap {
    'sf-change-password': SfChangePassword;
  }
}
