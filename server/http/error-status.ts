import { EngineError, EngineErrorCode } from '../../engine/runtime/engine-error.ts';
import { InvalidCursorError, StoreWriterStoppedError } from '../../engine/store/index.ts';
import { Problem } from './problem.ts';

/** Engine error codes → HTTP status: the one place this mapping lives. */
const ENGINE_STATUS: Record<EngineErrorCode, number> = {
  [EngineErrorCode.unknownCase]: 404,
  [EngineErrorCode.unknownWorkflow]: 422,
  [EngineErrorCode.forbidden]: 403,
  [EngineErrorCode.invalidData]: 422,
  [EngineErrorCode.notAllowed]: 422,
  [EngineErrorCode.staleVersion]: 409,
  [EngineErrorCode.unknownVersion]: 500,
};

/** Any error a route lets through, as a Problem; undefined for a bug (a 500). */
export function problemOf(error: unknown): Problem | undefined {
  if (error instanceof Problem) return error;
  if (error instanceof EngineError) {
    const status = ENGINE_STATUS[error.code];
    if (status === 500) return undefined;
    // A case the engine cannot find reads exactly like one the user may not see.
    if (error.code === EngineErrorCode.unknownCase) return new Problem(404, 'no such case', { code: 'NOT_FOUND' });
    return new Problem(status, error.message, {
      code: error.code,
      ...(error.errors.length ? { errors: error.errors.map((e) => ({ path: e.path, message: e.message, code: e.code })) } : {}),
    });
  }
  if (error instanceof InvalidCursorError) return new Problem(400, 'invalid cursor: pass back the `next` value of a previous page', { code: 'INVALID_CURSOR' });
  // The server cannot write until it is restarted; whether this request's change was written is unknown.
  if (error instanceof StoreWriterStoppedError) return new Problem(503, 'the server cannot save changes until it is restarted; reload to see whether this one was saved', { code: error.code });
  return undefined;
}
