/** Thrown by compileForm for a definition the Form kind's check would have rejected. */
export class FormCompileError extends Error {
  readonly code = 'FORM_INVALID';
  constructor(
    readonly pointer: string,
    message: string,
    readonly hint?: string,
  ) {
    super(`${pointer}: ${message}${hint ? ` (${hint})` : ''}`);
    this.name = 'FormCompileError';
  }
}
