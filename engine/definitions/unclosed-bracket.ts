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
  try {
    visitFlows(text, before, (node) => {
      const start = node.start;
      if (start.offset < from || start.offset >= before || (found && found.offset > start.offset)) return;
      const map = start.source === '{';
      const closed = node.end.some((t) => t.type === (map ? 'flow-map-end' : 'flow-seq-end'));
      if (!closed) found = { offset: start.offset, open: map ? '{' : '[', close: map ? '}' : ']' };
    });
  } catch (error) {
    // Brackets nested deeper than the stack (CST.visit recurses): the parser's own position stands.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  return found;
}

function visitFlows(text: string, before: number, visit: (node: CST.FlowCollection) => void): void {
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document' || token.offset > before) continue;
    CST.visit(token, (item) => {
      for (const node of [item.key, item.value]) if (node?.type === 'flow-collection') visit(node);
    });
  }
}
