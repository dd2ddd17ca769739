import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../context.ts';
import { saidProblem } from '../http/problem-messages.ts';

/** 413 for bodies over `maxSize`; `larger` paths (publishing definitions) get `largeSize`. */
export function limitBody(
  maxSize: number,
  larger: { paths: readonly string[]; largeSize: number },
): MiddlewareHandler<AppEnv> {
  const tooLarge = (size: number) => saidProblem(413, 'bodyLargerThan', { size }, { code: 'TOO_LARGE' });
  const make = (size: number) =>
    bodyLimit({
      maxSize: size,
      onError: () => {
        throw tooLarge(size);
      },
    });
  const normal = make(maxSize);
  const large = make(larger.largeSize);
  return function limitRequestBody(c, next) {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const isLarge = larger.paths.includes(c.req.path);
    const size = isLarge ? larger.largeSize : maxSize;
    // A body with a Content-Length (and no Transfer-Encoding) is exactly that long: Node's HTTP
    // parser reads no more. Checked from the header alone, as hono's bodyLimit does, but without
    // touching the body first, which made the node server build a web Request and stream for
    // every request. Chunked bodies go through bodyLimit, which counts the bytes as they come.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (parseInt(length, 10) > size) throw tooLarge(size);
      return next();
    }
    return (isLarge ? large : normal)(c, next);
  };
}
