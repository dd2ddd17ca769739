import { html, nothing } from 'lit';
import { localize, type Locale } from '../../engine/localized.ts';
import type { AppMessageKey, AppTranslate } from '../i18n/app-messages.ts';
import type { OrganizationRole } from './organization-roles.ts';
import { PASSWORD_MIN, toggleRole, type UserDraft, type UserField } from './user-draft.ts';

export interface UserFieldsOptions {
  /** Prefix of the inputs' ids: the new-user and the edit form share one shadow root. */
  readonly id: string;
  readonly fields: readonly UserField[];
  readonly draft: UserDraft;
  /** Field → message, shown under the field and linked to it with aria-describedby. */
  readonly errors: ReadonlyMap<string, string>;
  readonly units: readonly { name: string; title: string }[];
  readonly roles: readonly OrganizationRole[];
  readonly locale: Locale;
  readonly t: AppTranslate;
  /** Whether a password must be typed (a new user) or may be left empty (a reset). */
  readonly passwordRequired: boolean;
  readonly change: (patch: Partial<UserDraft>) => void;
}

const labels: Record<UserField, AppMessageKey> = {
  username: 'username',
  password: 'password',
  name: 'usersName',
  unit: 'usersUnit',
  roles: 'usersRoles',
  email: 'usersEmail',
  mobile: 'usersMobile',
};

export const userFieldLabel = (field: string, t: AppTranslate) =>
  field in labels ? t(labels[field as UserField]) : field;

/**
 * The inputs of a user, each with its error beside it. Values come from the draft and every input
 * writes back to it at once, so a refused request leaves everything as it was typed.
 */
export function userFields(o: UserFieldsOptions) {
  return o.fields.map((field) => {
    const id = `${o.id}-${field}`;
    const error = o.errors.get(field);
    const described = error ? `${id}-error` : nothing;
    const invalid = error ? 'true' : 'false';
    const message = error ? html`<p class="error" id=${`${id}-error`} part="field-error">${error}</p>` : nothing;
    const text = (e: Event) => o.change({ [field]: (e.target as HTMLInputElement | HTMLSelectElement).value });
    if (field === 'unit') {
      return html`<div class="field" data-field="unit"><label for=${id}>${o.t('usersUnit')}</label>
        <select id=${id} name="unit" required aria-invalid=${invalid} aria-describedby=${described} @change=${text}>
          <option value="" ?selected=${!o.draft.unit}>—</option>
          ${o.units.map((u) => html`<option value=${u.name} ?selected=${u.name === o.draft.unit}>${u.title}</option>`)}
          ${o.draft.unit && !o.units.some((u) => u.name === o.draft.unit) ? html`<option value=${o.draft.unit} selected>${o.draft.unit}</option>` : nothing}
        </select>${message}</div>`;
    }
    if (field === 'roles') {
      // Roles the user holds that the Organization no longer lists are shown too, so they can be taken away.
      const names = [...o.roles.map((r) => r.name), ...o.draft.roles.filter((r) => !o.roles.some((x) => x.name === r))];
      const title = (name: string) => {
        const role = o.roles.find((r) => r.name === name);
        return role?.title !== undefined ? localize(role.title, o.locale) : name;
      };
      return html`<fieldset class="field" data-field="roles" aria-invalid=${invalid} aria-describedby=${described}><legend>${o.t('usersRoles')}</legend>
        ${names.map(
          (
            name,
          ) => html`<label class="choice"><input type="checkbox" name="roles" value=${name} .checked=${o.draft.roles.includes(name)}
          @change=${(e: Event) => o.change({ roles: toggleRole(o.draft.roles, name, (e.target as HTMLInputElement).checked) })} />${title(name)}</label>`,
        )}
        ${message}</fieldset>`;
    }
    const attrs = {
      username: { type: 'text', autocomplete: 'off', required: true, pattern: '[A-Za-z0-9._@\\-]{1,64}' },
      password: { type: 'password', autocomplete: 'new-password', required: o.passwordRequired, pattern: undefined },
      name: { type: 'text', autocomplete: 'off', required: false, pattern: undefined },
      email: { type: 'email', autocomplete: 'off', required: false, pattern: undefined },
      mobile: { type: 'tel', autocomplete: 'off', required: false, pattern: undefined },
    }[field];
    const label = field === 'password' && !o.passwordRequired ? o.t('usersNewPassword') : o.t(labels[field]);
    return html`<div class="field" data-field=${field}><label for=${id}>${label}</label>
      <input id=${id} name=${field} type=${attrs.type} autocomplete=${attrs.autocomplete} ?required=${attrs.required} pattern=${attrs.pattern ?? nothing}
        minlength=${field === 'password' ? PASSWORD_MIN : nothing} .value=${o.draft[field]} aria-invalid=${invalid} aria-describedby=${described}
        @input=${text} />
      ${field === 'password' ? html`<small class="muted">${o.t('usersPasswordHint', { min: PASSWORD_MIN })}</small>` : nothing}${message}</div>`;
  });
}
