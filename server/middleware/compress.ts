import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export type Encoding = 'br' | 'gzip';

/**
 * The encoding to answer in: brotli where the client accepts it, else gzip, else none. A `q=0`
 * refuses an encoding (RFC 9110 12.5.3); other weights are not ranked, as browsers send none.
 */
export function chooseEncoding(acceptEncoding: string | undefined | null): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Set<string>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return undefined;
}

const COMPRESSIBLE =
  /^(text\/(?!event-stream)|application\/(json|problem\+json|javascript|xml|manifest\+json)|image\/svg\+xml)/i;

/**
 * Compresses a body with node's zlib, off the request thread (libuv pool). Brotli at quality 5 for
 * answers made per request (quality 11 costs ~40 ms per 100 KB, worth it only for static files,
 * which `static-files.ts` compresses once).
 */
export async function compressBody(
  body: Uint8Array,
  encoding: Encoding,
  quality: 'fast' | 'best' = 'fast',
): Promise<Uint8Array<ArrayBuffer>> {
  if (encoding === 'gzip') return bytes(await gzipAsync(body, { level: quality === 'best' ? 9 : 6 }));
  return bytes(
    await brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: quality === 'best' ? 11 : 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
      },
    }),
  );
}

/** A node Buffer as the plain byte array a web Response takes. */
export const bytes = (b: Buffer): Uint8Array<ArrayBuffer> =>
  new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength);

export interface CompressOptions {
  /** Bodies smaller than this go as they are: the headers would outweigh the saving. Default 1024. */
  readonly threshold?: number;
}

/**
 * Compresses answers (JSON, HTML, scripts, CSV) with brotli or gzip when the request's
 * `Accept-Encoding` allows, like hono/compress but with brotli, which the web CompressionStream in
 * Node 20 lacks. Leaves alone answers already encoded, event streams (they must flow as written),
 * bodiless answers (HEAD, 204, 304) and small ones.
 */
export function compress(options: CompressOptions = {}): MiddlewareHandler {
  const threshold = options.threshold ?? 1024;
  return async function compressAnswer(c, next) {
    await next();
    const encoding = chooseEncoding(c.req.header('accept-encoding'));
    const res = c.res;
    if (!encoding || !res.body || c.req.method === 'HEAD' || res.headers.has('content-encoding')) return;
    if (!COMPRESSIBLE.test(res.headers.get('content-type') ?? '')) return;
    if (res.headers.get('cache-control')?.includes('no-transform')) return;
    const length = Number(res.headers.get('content-length') ?? NaN);
    if (length < threshold) return;
    const body = new Uint8Array(await res.arrayBuffer());
    if (body.byteLength < threshold) {
      c.res = new Response(body, res);
      return;
    }
    const packed = await compressBody(body, encoding);
    // Hono copies the old answer's headers onto a new one: change them after setting it.
    c.res = new Response(packed, res);
    const headers = c.res.headers;
    headers.append('vary', 'accept-encoding');
    headers.set('content-encoding', encoding);
    headers.set('content-length', String(packed.byteLength));
    // A strong validator names one representation; its compressed form is another (RFC 9110 8.8.3).
    const etag = headers.get('etag');
    if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
  };
}
