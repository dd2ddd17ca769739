import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../context.ts';
import { Problem } from '../http/problem.ts';

/** 413 for bodies over `maxSize`; `larger` paths (publishing definitions) get `largeSize`. */
export function limitBody(maxSize: number, larger: { paths: readonly string[]; largeSize: number }): MiddlewareHandler<AppEnv> {
  const make = (size: number) =>
    bodyLimit({
      maxSize: size,
      onError: () => {
        throw new Problem(413, `the request body is larger than ${size} bytes`, { code: 'TOO_LARGE' });
      },
    });
  const normal = make(maxSize);
  const large = make(larger.largeSize);
  return function limitRequestBody(c, next) {
    return (larger.paths.includes(c.req.path) ? large : normal)(c, next);
  };
}
