import { css, html, nothing, type PropertyValues } from 'lit';
import { localize } from '../../engine/localized.ts';
import type { ManagedUser, UserChange } from '../api/types.ts';
import { ApiElement } from './api-element.ts';
import { loginExpired } from './case-format.ts';
import { errorAlert } from './error-alert.ts';
import { organizationRoles, type OrganizationRole } from './organization-roles.ts';
import { tableCards } from './phone-styles.ts';
import { sfBaseStyles } from './sf-base-styles.ts';
import { draftOf, emptyDraft, newUserBody, userChange, type UserDraft, type UserField } from './user-draft.ts';
import { userFields } from './user-fields.ts';
import { userErrorSummary, userProblem } from './user-problem.ts';
import { userTable } from './user-table.ts';

const NEW_FIELDS: readonly UserField[] = ['username', 'password', 'name', 'unit', 'roles', 'email', 'mobile'];
const EDIT_FIELDS: readonly UserField[] = ['name', 'unit', 'roles', 'email', 'mobile', 'password'];

/**
 * Users for administrators: the list (filtered by name, username or unit), a new user, and one
 * user's name, unit, roles, contact, password reset and disabling. A refused request puts each of
 * the problem document's errors at its field and keeps what was typed.
 *
 * Properties in: `client`, `locale`. Events out: `sf-login-expired` on 401.
 * `confirmDisable` asks before a user is disabled (window.confirm; replaceable, e.g. in tests).
 */
export class SfUsers extends ApiElement {
  static override styles = [
    sfBaseStyles,
    tableCards,
    css`
      tr[data-username] { cursor: pointer; }
      tr[data-username]:hover, tr[aria-selected='true'] { background: var(--sf-row-hover, #f1f3f4); }
      tr.disabled td { color: var(--_muted); }
      section { margin-block: 1rem; }
      form.user { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.75rem; align-items: start; }
      .field { display: flex; flex-direction: column; gap: 0.125rem; }
      fieldset.field { grid-column: 1 / -1; flex-flow: row wrap; gap: 0.25rem 1rem; border: var(--_line); border-radius: var(--_radius); }
      .field .error { margin: 0; font-size: 0.875em; }
      .actions { grid-column: 1 / -1; display: flex; gap: 0.5rem; }
      .alert ul { margin: 0; padding-inline-start: 1.25rem; }
    `,
  ];

  static override properties = {
    users: { state: true },
    roles: { state: true },
    q: { state: true },
    selected: { state: true },
    newDraft: { state: true },
    editDraft: { state: true },
    newError: { state: true },
    editError: { state: true },
    loadError: { state: true },
    notice: { state: true },
    busy: { state: true },
  };
  declare users: readonly ManagedUser[];
  declare roles: readonly OrganizationRole[];
  declare q: string;
  declare selected: string | undefined;
  declare newDraft: UserDraft;
  declare editDraft: UserDraft | undefined;
  /** The chosen user as the edit form started, so a save sends only what was changed since (in whatever language). */
  private editBase: UserDraft | undefined;
  declare newError: unknown;
  declare editError: unknown;
  declare loadError: unknown;
  declare notice: string | undefined;
  declare busy: boolean;
  /** Asks before disabling (which logs the user out everywhere); replaceable like sf-case's printPage. */
  confirmDisable: (message: string) => boolean = (message) => window.confirm(message);

  constructor() {
    super();
    this.users = [];
    this.roles = [];
    this.q = '';
    this.newDraft = emptyDraft;
    this.busy = false;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('client') && this.client) {
      void this.load();
    }
  }

  /** Reads the list again (after every change, so it shows what the server keeps). */
  async load(): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      // The rows show together with the role titles: never a role's id while its title is on its way.
      const [users, roles] = await Promise.all([client.users(), organizationRoles(client)]);
      if (client !== this.client) return;
      this.roles = roles;
      this.users = users;
      this.loadError = undefined;
    } catch (error) {
      this.failed('loadError', error);
    }
  }

  private failed(key: 'loadError' | 'newError' | 'editError', error: unknown) {
    this[key] = error;
    loginExpired(this, error);
  }

  private get selectedUser(): ManagedUser | undefined {
    return this.users.find((u) => u.username === this.selected);
  }

  private select(user: ManagedUser) {
    this.selected = user.username;
    this.editBase = this.editDraft = draftOf(user, this.locale);
    this.editError = undefined;
    this.notice = undefined;
  }

  private async create(e: Event) {
    e.preventDefault();
    const client = this.client;
    if (!client || this.busy) return;
    this.busy = true;
    try {
      const created = await client.createUser(newUserBody(this.newDraft));
      this.newDraft = emptyDraft;
      this.newError = undefined;
      this.notice = this.t('usersCreated', { username: created.username });
      await this.load();
    } catch (error) {
      this.failed('newError', error);
    } finally {
      this.busy = false;
    }
  }

  private async save(e: Event) {
    e.preventDefault();
    const user = this.selectedUser;
    const draft = this.editDraft;
    const base = this.editBase;
    if (!user || !draft || !base) return;
    const change = userChange(base, draft);
    if (Object.keys(change).length === 0) {
      this.notice = this.t('usersNothingChanged');
      return;
    }
    if (!(await this.patch(user, change, 'usersSaved'))) return;
    const saved = this.selectedUser;
    if (saved && this.selected === user.username) this.editBase = this.editDraft = draftOf(saved, this.locale);
  }

  private async setDisabled(user: ManagedUser, disabled: boolean) {
    if (disabled && !this.confirmDisable(this.t('usersConfirmDisable', { username: user.username }))) return;
    await this.patch(user, { disabled }, disabled ? 'usersDisabledNotice' : 'usersEnabledNotice');
  }

  private async patch(
    user: ManagedUser,
    change: UserChange,
    done: 'usersSaved' | 'usersDisabledNotice' | 'usersEnabledNotice',
  ) {
    const client = this.client;
    if (!client || this.busy) return false;
    this.busy = true;
    try {
      await client.updateUser(user.username, change);
      this.editError = undefined;
      this.notice = this.t(done, { username: user.username });
      await this.load();
      return true;
    } catch (error) {
      this.failed('editError', error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  private shown(): readonly ManagedUser[] {
    const q = this.q.trim().toLowerCase();
    if (!q) return this.users;
    return this.users.filter((u) =>
      [this.nameOf(u), u.username, u.unit, this.names.unit(u.unit)].some((s) => s.toLowerCase().includes(q)),
    );
  }

  private nameOf(u: ManagedUser): string {
    return u.name !== undefined && u.name !== null && localize(u.name, this.locale)
      ? localize(u.name, this.locale)
      : u.username;
  }

  private roleTitle(name: string): string {
    const role = this.roles.find((r) => r.name === name);
    return role?.title !== undefined ? localize(role.title, this.locale) : name;
  }

  override render() {
    const t = this.t;
    const user = this.selectedUser;
    return html`
      <div class="toolbar" part="toolbar"><label>${t('usersFilter')}
        <input name="q" type="search" .value=${this.q} @input=${(e: Event) => (this.q = (e.target as HTMLInputElement).value)} /></label></div>
      ${errorAlert(this.loadError, t)}
      ${this.notice ? html`<p class="notice" role="status" part="notice">${this.notice}</p>` : nothing}
      ${userTable({ users: this.shown(), selected: this.selected, t, nameOf: (u) => this.nameOf(u), unit: (u) => this.names.unit(u), roleTitle: (r) => this.roleTitle(r), select: (u) => this.select(u) })}
      ${user && this.editDraft ? this.renderEdit(user, this.editDraft) : nothing}
      <section part="new"><h3>${t('usersNew')}</h3>
        ${userErrorSummary(this.newError, NEW_FIELDS, this.newDraft, t, this.locale)}
        <form class="user" @submit=${(e: Event) => void this.create(e)}>
          ${this.fields('new', NEW_FIELDS, this.newDraft, this.newError, true, (patch) => (this.newDraft = { ...this.newDraft, ...patch }))}
          <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${t('usersCreate')}</button></div>
        </form></section>
    `;
  }

  private renderEdit(user: ManagedUser, draft: UserDraft) {
    const t = this.t;
    return html`<section part="edit" data-username=${user.username}><h3>${this.nameOf(user)} <span class="muted">${user.username}</span>
        ${user.disabled ? html`<span class="muted">· ${t('usersDisabled')}</span>` : nothing}</h3>
      ${userErrorSummary(this.editError, EDIT_FIELDS, draft, t, this.locale)}
      <form class="user" @submit=${(e: Event) => void this.save(e)}>
        ${this.fields('edit', EDIT_FIELDS, draft, this.editError, false, (patch) => (this.editDraft = { ...draft, ...patch }))}
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.busy}>${t('usersSave')}</button>
          <button type="button" part=${user.disabled ? 'enable' : 'disable'} ?disabled=${this.busy} @click=${() => void this.setDisabled(user, !user.disabled)}>${user.disabled ? t('usersEnable') : t('usersDisable')}</button>
          <button type="button" @click=${() => {
            this.selected = undefined;
            this.editDraft = undefined;
            this.editError = undefined;
          }}>${t('close')}</button>
        </div></form></section>`;
  }

  private fields(
    id: string,
    fields: readonly UserField[],
    draft: UserDraft,
    error: unknown,
    passwordRequired: boolean,
    change: (patch: Partial<UserDraft>) => void,
  ) {
    const placed = userProblem(error, fields, draft, this.t, this.locale);
    return userFields({
      id,
      fields,
      draft,
      errors: placed.byField,
      units: this.names.units(),
      roles: this.roles,
      locale: this.locale,
      t: this.t,
      passwordRequired,
      change,
    });
  }
}

if (!customElements.get('sf-users')) customElements.define('sf-users', SfUsers);

declare global {
  interface HTMLElementTagNameMap {
    'sf-users': SfUsers;
  }
}
