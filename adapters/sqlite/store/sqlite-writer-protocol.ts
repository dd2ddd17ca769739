import type { SqliteConnectionOptions } from './sqlite-connection.ts';
import type { OutboxChange } from './sqlite-writer.ts';
import type { WireError } from './store-error-wire.ts';

/** What the writer thread is started with. */
export interface WriterThreadData {
  readonly file: string;
  readonly options: SqliteConnectionOptions;
  /** URL of the TypeScript module the .mjs entry imports once it has registered tsx. */
  readonly module: string;
}

/**
 * Requests to the writer thread. Each commit, update and close is one request, answered in the
 * order sent: 'commits' carries several (a JSON array of Commit: one string is copied between
 * threads far more cheaply than an object graph is cloned).
 */
export type ToWriter =
  | { readonly kind: 'commits'; readonly json: string }
  | { readonly kind: 'updateOutbox'; readonly id: string; readonly change: OutboxChange }
  | { readonly kind: 'close' };

/**
 * The next `count` requests are done (after their transaction's COMMIT, for commits); `errors`
 * lists those that failed, by their index among the `count`.
 */
export interface FromWriter {
  readonly count: number;
  readonly errors?: readonly (readonly [number, WireError])[];
}
