import { pino } from 'pino';

/** Structured logs: one JSON object a line; errors on stderr, the rest on stdout. */
export type Logger = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

/** Lines as `{"level":"info","time":"…",…fields,"message":"…"}`, written by pino. */
export function pinoLogger(
  streams: { out: NodeJS.WritableStream; err: NodeJS.WritableStream } = { out: process.stdout, err: process.stderr },
): Logger {
  const logger = pino(
    {
      messageKey: 'message',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
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
