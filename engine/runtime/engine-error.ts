import type { FieldError } from '../forms/form-model.ts';

/** Codes the server maps to HTTP in one place (404, 403, 422, 422, 409, …). */
export const EngineErrorCode = {
  unknownCase: 'UNKNOWN_CASE',
  unknownWorkflow: 'UNKNOWN_WORKFLOW',
  forbidden: 'FORBIDDEN',
  invalidData: 'INVALID_DATA',
  notAllowed: 'NOT_ALLOWED',
  staleVersion: 'STALE_VERSION',
  unknownVersion: 'UNKNOWN_VERSION',
} as const;
export type EngineErrorCode = (typeof EngineErrorCode)[keyof typeof EngineErrorCode];

export type EngineSaidParams = Readonly<
  Record<string, string | number | { readonly zh?: string; readonly en?: string }>
>;

/**
 * A refusal as a catalogue key (server/http/messages, `engine.*`) with parameters; `field` words the
 * field error of that code the same way. The English message stays the error's own.
 */
export interface EngineSaid {
  readonly key: string;
  readonly params: EngineSaidParams;
  readonly field?: { readonly code: string; readonly key: string; readonly params: EngineSaidParams };
}

/** Every rejection of bad input is one of these; none of them has written anything. */
export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly errors: readonly FieldError[] = [],
    /** What people read: a key of the server's refusal catalogue and its parameters (titles as Localized). */
    readonly said?: EngineSaid,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
