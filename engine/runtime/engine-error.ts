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

/** Every rejection of bad input is one of these; none of them has written anything. */
export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
