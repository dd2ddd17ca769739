import { html, nothing } from 'lit';
import type { ManagedUser } from '../api/types.ts';
import type { AppTranslate } from '../i18n/app-messages.ts';

export interface UserTableOptions {
  readonly users: readonly ManagedUser[];
  readonly selected: string | undefined;
  readonly t: AppTranslate;
  /** The user's name in the host's language, or the username when they have none. */
  readonly nameOf: (user: ManagedUser) => string;
  readonly unit: (name: string) => string;
  readonly roleTitle: (name: string) => string;
  readonly select: (user: ManagedUser) => void;
}

/** The users as rows (part `row`, `data-username`); a disabled user's row says so (part `disabled`). */
export function userTable(o: UserTableOptions) {
  const t = o.t;
  return html`<table part="table" class="cards">
    <thead><tr><th scope="col">${t('usersName')}</th><th scope="col">${t('username')}</th><th scope="col">${t('usersUnit')}</th>
      <th scope="col">${t('usersRoles')}</th><th scope="col">${t('usersEmail')}</th><th scope="col">${t('usersMobile')}</th><th scope="col"></th></tr></thead>
    <tbody>${
      o.users.length === 0
        ? html`<tr><td colspan="7" class="muted" part="empty">${t('usersEmpty')}</td></tr>`
        : o.users.map(
            (
              u,
            ) => html`<tr part="row" data-username=${u.username} class=${u.disabled ? 'disabled' : ''} aria-selected=${u.username === o.selected ? 'true' : 'false'} @click=${() => o.select(u)}>
          <td><a href="#" @click=${(e: Event) => {
            e.preventDefault();
            e.stopPropagation();
            o.select(u);
          }}>${o.nameOf(u)}</a></td>
          <td data-label=${t('username')}>${u.username}</td><td data-label=${t('usersUnit')}>${o.unit(u.unit)}</td><td data-label=${t('usersRoles')}>${u.roles.map(o.roleTitle).join(t('usersRoleSeparator'))}</td>
          <td data-label=${t('usersEmail')}>${u.email ?? ''}</td><td data-label=${t('usersMobile')}>${u.mobile ?? ''}</td><td>${u.disabled ? html`<span part="disabled">${t('usersDisabled')}</span>` : nothing}</td></tr>`,
          )
    }</tbody>
  </table>`;
}
