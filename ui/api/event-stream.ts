import type { StreamMessage } from './types.ts';

export interface EventStreamOptions {
  /** Opens the stream; `lastEventId` is the id of the last message seen, for resuming. */
  readonly open: (lastEventId: string | undefined) => Promise<Response>;
  readonly onMessage: (message: StreamMessage) => void;
  readonly signal: AbortSignal;
  /** Wait before reconnecting after the stream ended or failed (the server's `retry:` wins). */
  readonly retryMs: number;
  /** Called when a connection fails; a 401 stops reconnecting (the login expired). */
  readonly onError?: (error: unknown) => void;
}

/**
 * Reads a `text/event-stream` response (the server-sent events format) and reconnects until
 * `signal` aborts. `data` is parsed as JSON when it is JSON, else kept as text.
 */
export async function readEventStream(options: EventStreamOptions): Promise<void> {
  const { signal } = options;
  let lastEventId: string | undefined;
  let retryMs = options.retryMs;
  while (!signal.aborted) {
    try {
      const response = await options.open(lastEventId);
      if (!response.body) throw new Error('the event stream has no body');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const abort = () => void reader.cancel().catch(() => undefined);
      signal.addEventListener('abort', abort, { once: true });
      let buffer = '';
      let event = '';
      let data: string[] = [];
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let newline: number;
          while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
            const line = buffer.slice(0, newline);
            buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
            if (line === '') {
              if (data.length)
                options.onMessage({
                  event: event || 'message',
                  data: parseData(data.join('\n')),
                  ...(lastEventId ? { id: lastEventId } : {}),
                });
              event = '';
              data = [];
              continue;
            }
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') event = text;
            else if (field === 'data') data.push(text);
            else if (field === 'id') lastEventId = text;
            else if (field === 'retry' && /^\d+$/.test(text)) retryMs = Number(text);
          }
        }
      } finally {
        signal.removeEventListener('abort', abort);
      }
    } catch (error) {
      if (signal.aborted) return;
      options.onError?.(error);
      if ((error as { status?: number })?.status === 401) return;
    }
    if (signal.aborted) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, retryMs);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}

function parseData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
