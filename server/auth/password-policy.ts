import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { problemText, saidField, saidProblem } from '../http/problem-messages.ts';

export const PASSWORD_MIN_LENGTH = 12;
/** Longer passwords are refused rather than estimated: zxcvbn's matching grows with the length. */
export const PASSWORD_MAX_LENGTH = 256;
/** zxcvbn's 0–4 score; 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
const MIN_SCORE = 3;

/** Why a password is refused; the code is what clients translate (ui/i18n: passwordPolicy…). */
export type PasswordRefusal =
  | { readonly code: 'passwordTooShort'; readonly message: string; readonly min: number }
  | { readonly code: 'passwordTooLong'; readonly message: string; readonly max: number }
  | { readonly code: 'passwordCommon'; readonly message: string }
  | { readonly code: 'passwordPersonal'; readonly message: string }
  | { readonly code: 'passwordGuessable'; readonly message: string };

// Built on first use: loading the dictionaries takes about 200 ms, which a server that never sets
// a password (or a test that never does) should not pay at start.
let estimator: ZxcvbnFactory | undefined;
const estimate = (password: string, inputs: string[]) => {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return estimator.check(password, inputs);
};

/**
 * Checks a password someone chooses (ASVS 2.1): at least 12 characters, and not common or
 * guessable by zxcvbn's estimate with its common and English dictionaries, offline. The user's own
 * username, name and e-mail count as guessable words. Returns undefined when the password may be used.
 */
export function checkPassword(
  password: string,
  about: { readonly username?: string; readonly name?: string | null; readonly email?: string | null } = {},
): PasswordRefusal | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    return {
      code: 'passwordTooShort',
      message: `use at least ${PASSWORD_MIN_LENGTH} characters`,
      min: PASSWORD_MIN_LENGTH,
    };
  if (length > PASSWORD_MAX_LENGTH)
    return {
      code: 'passwordTooLong',
      message: `use at most ${PASSWORD_MAX_LENGTH} characters`,
      max: PASSWORD_MAX_LENGTH,
    };
  const inputs = [about.username, about.name, about.email, about.email?.split('@')[0], 'serviceframe'].filter(
    (s): s is string => typeof s === 'string' && s.length > 0,
  );
  const result = estimate(password, inputs);
  if (result.score >= MIN_SCORE) return undefined;
  const patterns = result.sequence.map((m) => m as { pattern: string; dictionaryName?: string });
  if (patterns.some((m) => m.pattern === 'dictionary' && m.dictionaryName === 'userInputs')) {
    return { code: 'passwordPersonal', message: 'do not build the password from the username, name or e-mail' };
  }
  if (patterns.some((m) => m.pattern === 'dictionary' && m.dictionaryName?.startsWith('passwords'))) {
    return {
      code: 'passwordCommon',
      message: 'this password is, or is built from, a commonly used one; choose another',
    };
  }
  return { code: 'passwordGuessable', message: 'this password is easy to guess; add more uncommon words' };
}

/** Throws 422 with the refusal at `path` (a JSON pointer into the request body) when the password fails the policy. */
export function requireGoodPassword(password: string, path: string, about: Parameters<typeof checkPassword>[1]): void {
  const refused = checkPassword(password, about);
  if (!refused) return;
  const { code, message, ...args } = refused;
  throw saidProblem(
    422,
    'passwordRefused',
    { reason: { zh: problemText(code, 'zh-CN', args), en: message } },
    { code: 'WEAK_PASSWORD', errors: [saidField(path, code, args, { code, ...args })] },
  );
}
