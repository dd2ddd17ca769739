import { InvalidCursorError } from './store-errors.ts';

/** listCases reads newest first: by (updatedAt DESC, id DESC). A cursor is the last key read. */
export interface ListKey {
  readonly updatedAt: number;
  readonly id: string;
}

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 200;

export function listLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIST_LIMIT;
  return Math.min(MAX_LIST_LIMIT, Math.max(1, Math.floor(limit)));
}

/**
 * Opaque to callers (base64url of JSON) so that the key's shape can change. Because the next page
 * starts strictly after the last key read, a case updated between two pages moves to the top
 * and is not repeated; pages never overlap.
 */
export function encodeCursor(key: ListKey): string {
  return Buffer.from(JSON.stringify([key.updatedAt, key.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): ListKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(cursor);
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw new InvalidCursorError(cursor);
  const [updatedAt, id] = parsed as unknown[];
  if (typeof updatedAt !== 'number' || !Number.isFinite(updatedAt) || typeof id !== 'string') {
    throw new InvalidCursorError(cursor);
  }
  return { updatedAt, id };
}
