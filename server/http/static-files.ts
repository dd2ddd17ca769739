import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';
import { bytes, chooseEncoding, compressBody, type Encoding } from '../middleware/compress.ts';

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/** Content-hashed chunks never change under their name: a year, and no revalidation (RFC 8246). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else is kept but asked about again each time; the ETag makes that a 304. */
export const REVALIDATE = 'no-cache';

interface StaticFile {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly etag: string;
  readonly type: string;
  readonly mtimeMs: number;
  readonly size: number;
  /** Compressed once, at the best quality, the first time a client asks for that encoding. */
  readonly encoded: Map<Encoding, Promise<Uint8Array<ArrayBuffer>>>;
}

/**
 * The built UI files under one folder, read once (again when a rebuild changes them) with a
 * content hash as their ETag and their brotli and gzip forms kept beside them.
 */
export function staticFiles(dir: string, options: { immutable?: (rel: string) => boolean } = {}) {
  const root = normalize(dir.endsWith(sep) ? dir : dir + sep);
  const immutable = options.immutable ?? (() => false);
  const files = new Map<string, StaticFile>();

  function read(rel: string): StaticFile | null {
    const full = normalize(join(root, rel));
    if (!full.startsWith(root)) return null;
    let stat;
    try {
      stat = statSync(full);
    } catch {
      return null;
    }
    if (!stat.isFile()) return null;
    const known = files.get(full);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known;
    const body = bytes(readFileSync(full));
    const file: StaticFile = {
      body,
      etag: `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      type: TYPES[extname(full)] ?? 'application/octet-stream',
      mtimeMs: stat.mtimeMs,
      size: stat.size,
      encoded: new Map(),
    };
    files.set(full, file);
    return file;
  }

  /**
   * The answer for one file: 304 when the client's copy is current, else the body in the best
   * encoding the client accepts; null when there is no such file under the folder.
   */
  async function answer(
    c: Context,
    rel: string,
    extra: Readonly<Record<string, string>> = {},
  ): Promise<Response | null> {
    const file = read(rel);
    if (!file) return null;
    const headers: Record<string, string> = {
      'content-type': file.type,
      'cache-control': immutable(rel) ? IMMUTABLE : REVALIDATE,
      etag: file.etag,
      vary: 'accept-encoding',
      ...extra,
    };
    if (matches(c.req.header('if-none-match'), file.etag)) {
      const { 'content-type': _type, ...kept } = headers;
      return new Response(null, { status: 304, headers: kept });
    }
    const encoding =
      file.body.byteLength >= 1024 && /^(text|application\/(json|manifest)|image\/svg)/.test(file.type)
        ? chooseEncoding(c.req.header('accept-encoding'))
        : undefined;
    if (!encoding) return new Response(file.body, { status: 200, headers });
    let packed = file.encoded.get(encoding);
    if (!packed) file.encoded.set(encoding, (packed = compressBody(file.body, encoding, 'best')));
    return new Response(await packed, { status: 200, headers: { ...headers, 'content-encoding': encoding } });
  }

  return { answer, has: (rel: string) => read(rel) !== null };
}

/** If-None-Match by weak comparison (RFC 9110 13.1.2): any listed tag with the same opaque value. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const value = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === value);
}
