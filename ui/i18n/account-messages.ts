import type { Locale } from '../../engine/localized.ts';
import { catalogueTranslator } from './translate.ts';

/**
 * Words of one's own account in the staff app: changing the password (also when an administrator's
 * reset requires it), why a password is refused (the server's codes, server/auth/password-policy.ts),
 * logging out with unsent work on a shared browser, and a form queued while offline.
 */
const zhCN = {
  changePassword: '修改密码',
  changePasswordTitle: '修改密码',
  changePasswordRequired: '管理员重置了您的密码。请先设置一个只有您知道的新密码，然后才能继续使用。',
  currentPassword: '当前密码',
  newPassword: '新密码',
  repeatPassword: '再次输入新密码',
  passwordRules: '至少 {min} 个字符；不要使用常见密码，也不要用用户名、姓名或邮箱组成。',
  passwordsDiffer: '两次输入的新密码不一致',
  passwordChanged: '密码已修改。您在其他设备上的登录已退出。',
  savePassword: '保存新密码',
  wrongPassword: '当前密码不正确',
  passwordTooShort: '密码太短：至少需要 {min} 个字符',
  passwordTooLong: '密码太长：最多 {max} 个字符',
  passwordCommon: '这是常见密码或由常见密码变化而来，容易被猜中，请换一个',
  passwordPersonal: '不要用用户名、姓名或邮箱组成密码',
  passwordGuessable: '密码太容易被猜中：请用几个不常见的词组合',
  passwordUnchanged: '新密码不能与当前密码相同',
  tooManyAttempts: '尝试次数过多，请稍后再试。',
  logoutUnsentTitle: '还有未发送的内容',
  logoutUnsent: '此浏览器中还有您的{what}。退出后它们将被删除，下一位使用者看不到，也不会替您发送。',
  logoutUnsentRequests: ' {n} 项待发送操作',
  logoutUnsentDrafts: ' {n} 份未提交的草稿',
  logoutAnyway: '仍然退出并删除',
  logoutStay: '留下（联网后发送）',
  formQueued: '已保存到离线待发送队列，联网后自动提交。此表单已锁定，不会重复提交。',
  formQueuedAlready: '这份表单已在待发送队列中，不会重复提交。',
  formAnother: '再填写一份',
};

type AccountMessageKey = keyof typeof zhCN;

const en: Record<AccountMessageKey, string> = {
  changePassword: 'Change password',
  changePasswordTitle: 'Change your password',
  changePasswordRequired: 'An administrator reset your password. Choose a new one that only you know before you go on.',
  currentPassword: 'Current password',
  newPassword: 'New password',
  repeatPassword: 'New password again',
  passwordRules: 'At least {min} characters; not a common password, and not made of your username, name or e-mail.',
  passwordsDiffer: 'The two new passwords differ',
  passwordChanged: 'Your password was changed. Your logins on other devices have ended.',
  savePassword: 'Save new password',
  wrongPassword: 'The current password is wrong',
  passwordTooShort: 'Too short: use at least {min} characters',
  passwordTooLong: 'Too long: use at most {max} characters',
  passwordCommon: 'This is, or is built from, a common password and is easy to guess; choose another',
  passwordPersonal: 'Do not build the password from your username, name or e-mail',
  passwordGuessable: 'This password is easy to guess: combine several uncommon words',
  passwordUnchanged: 'The new password must differ from the current one',
  tooManyAttempts: 'Too many attempts: wait a while and try again.',
  logoutUnsentTitle: 'Unsent work',
  logoutUnsent:
    'This browser still holds {what} of yours. Logging out deletes them: the next person will neither see them nor send them for you.',
  logoutUnsentRequests: '{n} action(s) waiting to be sent',
  logoutUnsentDrafts: '{n} unsubmitted draft(s)',
  logoutAnyway: 'Log out and delete them',
  logoutStay: 'Stay (send when online)',
  formQueued:
    'Saved in the offline outbox; it will be submitted when the network is back. This form is locked so it is not submitted twice.',
  formQueuedAlready: 'This form is already waiting in the outbox; it will not be submitted twice.',
  formAnother: 'Fill in another',
};

const catalogues: Record<Locale, Record<AccountMessageKey, string>> = { 'zh-CN': zhCN, en };

export type AccountTranslate = (key: AccountMessageKey, params?: Record<string, string | number>) => string;

export function accountTranslator(locale: Locale): AccountTranslate {
  return catalogueTranslator(catalogues, locale);
}

export const accountCatalogues = catalogues;

/** The policy's refusal codes the server sends at a password field; others show the server's own message. */
const REFUSALS = [
  'wrongPassword',
  'passwordTooShort',
  'passwordTooLong',
  'passwordCommon',
  'passwordPersonal',
  'passwordGuessable',
  'passwordUnchanged',
] as const;

/** A password field's error in the reader's language, from the server's code and its arguments (min, max). */
export function passwordRefusal(
  error: { readonly code?: string; readonly message: string; readonly [arg: string]: unknown },
  t: AccountTranslate,
): string {
  const code = REFUSALS.find((c) => c === error.code);
  if (!code) return error.message;
  return t(code, { min: Number(error['min'] ?? 12), max: Number(error['max'] ?? 256) });
}
