import { CST, Parser } from 'yaml';

export interface UnclosedBracket {
  /** Offset of the `{` or `[` in the text. */
  readonly offset: number;
  readonly open: '{' | '[';
  readonly close: '}' | ']';
}

/**
 * The flow map or sequence (`{ … }`, `[ … ]`) opened in [from, before) that never closes, nearest to
 * `before` (the inner one when they nest): what a parse error at `before` is really about. Only
 * called for a document that failed to parse, so the second pass over its text costs nothing
 * in the common case.
 */
export function unclosedBracket(text: string, from: number, before: number): UnclosedBracket | undefined {
  let found: UnclosedBracket | undefined;
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document' || token.offset > before) continue;
    CST.visit(token, (item) => {
      for (const node of [item.key, item.value]) {
        if (node?.type !== 'flow-collection') continue;
        const start = node.start;
        if (start.offset < from || start.offset >= before || (found && found.offset > start.offset)) continue;
        const map = start.source === '{';
        const closed = node.end.some((t) => t.type === (map ? 'flow-map-end' : 'flow-seq-end'));
        if (!closed) found = { offset: start.offset, open: map ? '{' : '[', close: map ? '}' : ']' };
      }
    });
  }
  return found;
}
