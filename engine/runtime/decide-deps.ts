import type { Directory } from './actor.ts';
import type { IdSource } from './action-context.ts';
import type { CompiledSet } from './compiled-set.ts';

/** What a pure decision is given: the definitions its case runs on, the users, the time, ids. */
export interface DecideDeps {
  readonly set: CompiledSet;
  readonly directory: Directory;
  readonly now: number;
  readonly ids: IdSource;
}
