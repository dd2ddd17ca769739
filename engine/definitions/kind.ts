import type { Localized } from '../localized.ts';
import type { DefinitionErrorCode } from './definition-error.ts';
import type { Said } from './said.ts';

/** The envelope every definition file shares (Backstage-style). */
export interface Definition<Spec = unknown, Kind extends string = string> {
  readonly apiVersion: 'serviceframe/v1';
  readonly kind: Kind;
  readonly metadata: {
    readonly name: string;
    readonly title?: Localized;
    readonly description?: Localized;
    /** SPEC requirement IDs this definition implements. */
    readonly covers?: readonly string[];
  };
  readonly spec: Spec;
}

/**
 * Reports a problem at a JSON pointer inside the document being checked, in the catalogue's words (say(key, params)).
 */
export type Report = (
  pointer: string,
  code: DefinitionErrorCode | string,
  message: Said,
  options?: { hint?: Said; severity?: 'error' | 'warning' },
) => void;

/** Read-only view of the whole set, for cross-reference checks. */
export interface DefinitionIndex {
  get<S = unknown>(kind: string, name: string): Definition<S> | undefined;
  all<S = unknown>(kind: string): readonly Definition<S>[];
  names(kind: string): string[];
}

/**
 * What the loader needs to know about one kind. `schema` is a JSON Schema (draft 2020-12) of the
 * whole document; `check` runs after every document passed its schema and reports cross-references.
 */
export interface KindDefinition {
  readonly kind: string;
  readonly schema: Record<string, unknown>;
  check?(doc: Definition, index: DefinitionIndex, report: Report): void;
}
