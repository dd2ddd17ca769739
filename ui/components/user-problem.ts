import { html } from 'lit';
import type { Locale } from '../../engine/localized.ts';
import { accountTranslator, passwordRefusal } from '../i18n/account-messages.ts';
import type { AppTranslate } from '../i18n/app-messages.ts';
import { errorAlert } from './error-alert.ts';
import { problemFields, type ProblemFields } from './problem-fields.ts';
import type { UserDraft } from './user-draft.ts';
import { userFieldLabel } from './user-fields.ts';

/**
 * A refused user request's errors at their fields. A taken username (409 USER_EXISTS, whose field
 * message the server words only in English) and a password the policy refuses (its code: too
 * short, common, …) are said in the administrator's language.
 */
export function userProblem(
  error: unknown,
  fields: readonly string[],
  draft: UserDraft,
  t: AppTranslate,
  locale: Locale = 'zh-CN',
): ProblemFields {
  const placed = problemFields(inLanguage(error, locale), fields);
  if ((error as { code?: string } | undefined)?.code !== 'USER_EXISTS') return placed;
  const taken = t('usersExists', { username: draft.username });
  return { byField: new Map([...placed.byField, ['username', taken]]), all: [{ field: 'username', message: taken }] };
}

/** The password errors of a refusal worded from their codes; the rest as the server wrote them. */
function inLanguage(error: unknown, locale: Locale): unknown {
  const e = error as { errors?: readonly { path: string; message: string; code?: string }[] } | undefined;
  if (!e?.errors?.some((x) => x.path === '/password')) return error;
  const t = accountTranslator(locale);
  return { ...e, errors: e.errors.map((x) => (x.path === '/password' ? { ...x, message: passwordRefusal(x, t) } : x)) };
}

/** One alert for a refused request: every field error by its field's name, or else what went wrong. */
export function userErrorSummary(
  error: unknown,
  fields: readonly string[],
  draft: UserDraft,
  t: AppTranslate,
  locale: Locale = 'zh-CN',
) {
  const placed = userProblem(error, fields, draft, t, locale);
  if (!placed.all.length) return errorAlert(error, t);
  return html`<div class="alert" role="alert" part="error"><p>${t('usersFixFields')}</p>
    <ul>${placed.all.map((e) => html`<li>${e.field ? `${userFieldLabel(e.field, t)}: ` : ''}${e.message}</li>`)}</ul></div>`;
}
