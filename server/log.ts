import { AsyncLocalStorage } from 'node:async_hooks';
import { pino } from 'pino';

/** Structured logs: one JSON object a line; errors on stderr, the rest on stdout. */
export type Logger = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

/**
 * The request being answered (middleware/request-log.ts runs each request inside it), so every
 * line logged while answering it — by a route, the engine's writer, the error handler — carries
 * its id without each caller passing it along.
 */
export const requestScope = new AsyncLocalStorage<{ readonly requestId: string }>();

/** Lines as `{"level":"info","time":"…","requestId":"…",…fields,"message":"…"}`, written by pino. */
export function pinoLogger(streams: { out: NodeJS.WritableStream; err: NodeJS.WritableStream } = { out: process.stdout, err: process.stderr }): Logger {
  const logger = pino(
    {
      messageKey: 'message',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const scope = requestScope.getStore();
        return scope ? { requestId: scope.requestId } : {};
      },
    },
    pino.multistream(
      [
        { level: 'info', stream: streams.out },
        { level: 'error', stream: streams.err },
      ],
      { dedupe: true },
    ),
  );
  return (level, message, fields) => logger[level](fields ?? {}, message);
}

export const jsonLogger: Logger = pinoLogger();

export const silentLogger: Logger = () => {};
