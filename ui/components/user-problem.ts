import { html } from 'lit';
import type { AppTranslate } from '../i18n/app-messages.ts';
import { errorAlert } from './error-alert.ts';
import { problemFields, type ProblemFields } from './problem-fields.ts';
import type { UserDraft } from './user-draft.ts';
import { userFieldLabel } from './user-fields.ts';

/**
 * A refused user request's errors at their fields. A taken username (409 USER_EXISTS, whose field
 * message the server words only in English) is said in the administrator's language.
 */
export function userProblem(error: unknown, fields: readonly string[], draft: UserDraft, t: AppTranslate): ProblemFields {
  const placed = problemFields(error, fields);
  if ((error as { code?: string } | undefined)?.code !== 'USER_EXISTS') return placed;
  const taken = t('usersExists', { username: draft.username });
  return { byField: new Map([...placed.byField, ['username', taken]]), all: [{ field: 'username', message: taken }] };
}

/** One alert for a refused request: every field error by its field's name, or else what went wrong. */
export function userErrorSummary(error: unknown, fields: readonly string[], draft: UserDraft, t: AppTranslate) {
  const placed = userProblem(error, fields, draft, t);
  if (!placed.all.length) return errorAlert(error, t);
  return html`<div class="alert" role="alert" part="error"><p>${t('usersFixFields')}</p>
    <ul>${placed.all.map((e) => html`<li>${e.field ? `${userFieldLabel(e.field, t)}: ` : ''}${e.message}</li>`)}</ul></div>`;
}
