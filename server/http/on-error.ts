import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../context.ts';
import type { Logger } from '../log.ts';
import { problemOf } from './error-status.ts';
import { Problem } from './problem.ts';
import { localizedProblem, readerLocale, saidProblem } from './problem-messages.ts';

/** The one place errors become answers: problem documents for clients, a log line for bugs. */
export function onError(log: Logger): ErrorHandler<AppEnv> {
  return function problemAnswer(error, c) {
    // Every refusal is said in the reader's language (readerLocale); its code stays for programs.
    const say = (problem: Problem) => localizedProblem(problem, readerLocale(c)).response(c.req.path);
    const problem = problemOf(error);
    if (problem) return say(problem);
    if (error instanceof HTTPException) {
      const status = error.status;
      const code = status === 413 ? 'TOO_LARGE' : 'HTTP_ERROR';
      return say(
        error.message
          ? saidProblem(status, 'httpRefused', { message: error.message }, { code })
          : saidProblem(status, status === 413 ? 'bodyTooLarge' : 'httpRefusedPlain', {}, { code }),
      );
    }
    log('error', 'unhandled error', {
      requestId: c.get('requestId'),
      path: c.req.path,
      method: c.req.method,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return say(saidProblem(500, 'internal', {}, { code: 'INTERNAL' }));
  };
}
