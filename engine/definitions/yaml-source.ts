import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { say, type Said, type SaidKey } from './said.ts';
import { unclosedBracket } from './unclosed-bracket.ts';
import type { SourcePosition } from './source-position.ts';

/** One YAML document of a file, with what is needed to turn a JSON pointer back into a position. */
export interface SourceDocument {
  readonly file: string;
  readonly value: unknown;
  /** Position of the node at `pointer`; for a missing node, the nearest existing parent. */
  positionOf(pointer: string, options?: { key?: boolean }): SourcePosition;
}

export interface SyntaxProblem {
  readonly at: SourcePosition;
  /** The catalogue's words; a parser error by its code, with the parser's English text as `detail`. */
  readonly said: Said;
}

/** Parses every document of a file keeping source ranges (the `yaml` package's LineCounter). */
export function parseYamlSource(
  file: string,
  text: string,
): { documents: SourceDocument[]; problems: SyntaxProblem[] } {
  const lineCounter = new LineCounter();
  // merge: YAML '<<' merge keys let administrators reuse a block (e.g. a common allow list).
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const list = Array.isArray(docs) ? docs : [];
  const problems: SyntaxProblem[] = [];
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const documents: SourceDocument[] = [];
  for (const doc of list) {
    // One unclosed bracket makes the parser complain where it gave up, often lines later, and again
    // for what follows: say it once, at the bracket.
    const bracket = doc.errors.length ? unclosedBracket(text, doc.range[0], doc.errors[0]!.pos[0]) : undefined;
    if (bracket)
      problems.push({
        at: at(bracket.offset),
        said: say('unclosedBracket', { open: bracket.open, close: bracket.close }),
      });
    else
      for (const error of doc.errors)
        problems.push({ at: at(error.pos[0]), said: parserSaid(error.code, firstLine(error.message)) });
    if (doc.errors.length > 0 || doc.contents === null) continue;
    try {
      documents.push(sourceDocument(file, doc, at));
    } catch (error) {
      // toJS refuses alias bombs ("billion laughs") and the like by throwing; that is a problem
      // of the file, reported at the document's start, not a crash of whoever is validating.
      problems.push({
        at: at(doc.range[0]),
        said: say('yaml.aliases', { detail: firstLine((error as Error).message) }),
      });
    }
  }
  return { documents, problems };
}

/**
 * A parser error in the catalogue's words by its code (yaml's ErrorCode), the parser's English as
 * `detail` (the en entry); a stack overflow on thousands of nested brackets is said as what it is.
 */
function parserSaid(code: string, detail: string): Said {
  if (detail.includes('Maximum call stack')) return say('yaml.tooDeep');
  const key = `yaml.${code}`;
  return say(YAML_CODES.has(code) ? (key as SaidKey) : 'yaml.other', { detail });
}

const YAML_CODES = new Set([
  'ALIAS_PROPS',
  'BAD_ALIAS',
  'BAD_DIRECTIVE',
  'BAD_DQ_ESCAPE',
  'BAD_INDENT',
  'BAD_PROP_ORDER',
  'BAD_SCALAR_START',
  'BLOCK_AS_IMPLICIT_KEY',
  'BLOCK_IN_FLOW',
  'DUPLICATE_KEY',
  'KEY_OVER_1024_CHARS',
  'MISSING_CHAR',
  'MULTILINE_IMPLICIT_KEY',
  'MULTIPLE_ANCHORS',
  'MULTIPLE_DOCS',
  'MULTIPLE_TAGS',
  'NON_STRING_KEY',
  'RESOURCE_EXHAUSTION',
  'TAB_AS_INDENT',
  'TAG_RESOLVE_FAILED',
  'UNEXPECTED_TOKEN',
  'BAD_COLLECTION_TYPE',
]);

function sourceDocument(file: string, doc: Document, at: (offset: number) => SourcePosition): SourceDocument {
  const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  return {
    file,
    value,
    positionOf(pointer, options) {
      const { node, keyNode } = walk(doc.contents as Node | null, pointer);
      const target = options?.key && keyNode ? keyNode : node;
      return at(target?.range?.[0] ?? 0);
    },
  };
}

/** Follows a JSON pointer through the YAML AST, stopping at the deepest node that exists. */
function walk(root: Node | null, pointer: string): { node: Node | null; keyNode: Node | null } {
  let node = root;
  let keyNode: Node | null = null;
  for (const token of splitPointer(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === token);
      if (!pair) break;
      keyNode = pair.key as Node;
      node = (pair.value as Node | null) ?? keyNode;
    } else if (isSeq(node)) {
      const child = node.items[Number(token)] as Node | undefined;
      if (!child) break;
      keyNode = child;
      node = child;
    } else break;
  }
  return { node, keyNode };
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function joinPointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => '/' + String(t).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
