/**
 * jsep has no syntax for `fees[].amount`, so before parsing, an empty `[]` after a name, `]` or `)`
 * becomes `.$` (same length, so jsep's error columns stay true) and `$` is reserved for it.
 * `[]` elsewhere (an empty list literal) and anything inside string literals are left alone.
 */
export const PROJECTION = '$';

export type Prepared = { ok: true; source: string } | { ok: false; column: number; message: string };

export function prepareSource(src: string): Prepared {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (quote) {
      out += ch;
      if (ch === '\\') out += src[++i] ?? '';
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    if (ch === '$') return { ok: false, column: i + 1, message: 'unexpected "$"' };
    if (ch === '[') {
      const close = /^\[\s*\]/.exec(src.slice(i));
      const before = out.trimEnd().slice(-1);
      if (close && /[\w\])]/.test(before)) {
        out += '.$'.padEnd(close[0].length, ' ');
        i += close[0].length - 1;
        continue;
      }
    }
    out += ch;
  }
  return { ok: true, source: out };
}

/** 1-based column of the first `token` outside string literals, for errors jsep's AST cannot place. */
export function locate(src: string, token: string): number {
  if (token.startsWith('"') || token.startsWith("'")) return src.indexOf(token) + 1 || 1;
  const isWord = /^\w+$/.test(token);
  let quote: string | null = null;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      continue;
    }
    if (src.startsWith(token, i)) {
      const before = src[i - 1] ?? ' ';
      const after = src[i + token.length] ?? ' ';
      if (!isWord || (!/\w/.test(before) && !/\w/.test(after))) return i + 1;
    }
  }
  return 1;
}
