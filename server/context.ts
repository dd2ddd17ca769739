import type { Env } from 'hono';
import type { RequestIdVariables } from 'hono/request-id';

/** The logged-in user as routes see them (never the password hash). */
export interface AuthUser {
  readonly username: string;
  readonly name: string | null;
  readonly unit: string;
  readonly roles: readonly string[];
  readonly admin: boolean;
  /**
   * The language this request is read in: the request's Accept-Language when it names Chinese or
   * English (the app sends the one chosen on screen), else the user's saved language. Every answer
   * a person reads (titles, labels, notes) is said in it.
   */
  readonly locale: 'zh-CN' | 'en';
  /** The language the user saved (what GET /api/me answers), whatever this request asked for. */
  readonly savedLocale?: 'zh-CN' | 'en';
  readonly email: string | null;
  readonly mobile: string | null;
  /** An administrator reset the password: only GET /api/me, POST /api/me/password and logout are open. */
  readonly mustChangePassword: boolean;
  /** The hash of the token this request came with (for logout). */
  readonly tokenHash: string;
}

/**
 * What a POST's answer is about, so a repeat with its Idempotency-Key can rebuild the answer
 * rather than the store keeping it (see middleware/idempotency.ts): a case at a version.
 */
export interface IdempotentOutcome {
  readonly case: string;
  readonly version: number;
}

export interface AppEnv extends Env {
  Variables: { user: AuthUser; outcome?: IdempotentOutcome } & RequestIdVariables;
}
