import { createHash, randomBytes } from 'node:crypto';

/** A login token: 256 random bits. Only its SHA-256 is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export const SESSION_COOKIE = 'sf_session';

/**
 * Set beside the session cookie, readable by the page and holding no secret: the staff app reads it
 * to know whether a session cookie may exist, and shows the login form at once when not (the session
 * cookie itself is HttpOnly). ui/api/client.ts reads the same name; a test keeps them equal.
 */
export const SIGNED_IN_COOKIE = 'sf_signed_in';
