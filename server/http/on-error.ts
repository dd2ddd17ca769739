import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../context.ts';
import type { Logger } from '../log.ts';
import { problemOf } from './error-status.ts';
import { Problem } from './problem.ts';
import { localizedProblem } from './problem-messages.ts';

/** The one place errors become answers: problem documents for clients, a log line for bugs. */
export function onError(log: Logger): ErrorHandler<AppEnv> {
  return function problemAnswer(error, c) {
    const problem = problemOf(error);
    // Refusals with a message people read are said in the user's language (the detail for programs stays English
    // otherwise).
    if (problem) return localizedProblem(problem, c.get('user')?.locale ?? 'zh-CN').response(c.req.path);
    if (error instanceof HTTPException) {
      const status = error.status;
      return new Problem(
        status,
        error.message || (status === 413 ? 'the request body is too large' : 'request refused'),
        { code: status === 413 ? 'TOO_LARGE' : 'HTTP_ERROR' },
      ).response(c.req.path);
    }
    log('error', 'unhandled error', {
      requestId: c.get('requestId'),
      path: c.req.path,
      method: c.req.method,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return new Problem(500, 'something went wrong on the server; it has been logged', { code: 'INTERNAL' }).response(
      c.req.path,
    );
  };
}
