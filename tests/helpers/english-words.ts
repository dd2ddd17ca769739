import { englishIn } from '../e2e/visible-words.ts';

/**
 * What a Chinese refusal may hold in Latin letters, and why: the names of HTTP's own headers and
 * formats a client sets (JSON, Content-Type, Idempotency-Key), the date shapes people type
 * (YYYY-MM-DD), the API's documentation path, and what the request itself named, quoted 「so」 (a
 * username typed, a member of the body, a workflow asked for), as the zh-CN page tour allows quotes of
 * the YAML. Anything else is English developer text.
 */
export const REFUSAL_ALLOWED: readonly (string | RegExp)[] = [
  /Content-Type: application\/json/g,
  /Idempotency-Key/g,
  /\bJSON\b/g,
  /YYYY(-MM(-DD)?)?/g,
  /\/api\/docs|\/metrics/g,
  /「[^」]*」/g,
];

/** The English developer words in a refusal's text meant for a Chinese reader (empty when none). */
export const englishWords = (text: string): string[] => englishIn(text, new Set(), REFUSAL_ALLOWED);
