import jsep from 'jsep';
import type { Registry } from '../registry.ts';
import { readFact } from '../conditions/read-fact.ts';
import { ExpressionError, ExpressionErrorCode } from './expression-error.ts';
import type { ExpressionEnv, ExpressionFunction } from './functions/expression-function.ts';
import { defaultFunctions } from './functions/function-registry.ts';
import { clean, toNumber } from './numbers.ts';
import { locate, prepareSource, PROJECTION } from './prepare-source.ts';
import { Projection, unwrap } from './projection.ts';

export type Scope = Readonly<Record<string, unknown>>;

export interface CompiledExpression {
  readonly ok: true;
  readonly source: string;
  /** Runs the expression; throws ExpressionError (with a code) on a type error at run time. */
  evaluate(scope: Scope, env?: ExpressionEnv): unknown;
  /** The names the expression reads, as paths: "visitFee", "customer.name", "fees[].amount". */
  readonly references: readonly string[];
}

/**
 * Why an expression does not compile, as a key of the validator's catalogues under
 * `expression.reason.` with its parameters (engine/definitions/messages): `message` is its English.
 */
export interface ExpressionReason {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number | readonly string[]>>;
}

export interface ExpressionFailure {
  readonly ok: false;
  readonly code: ExpressionErrorCode;
  readonly message: string;
  readonly reason?: ExpressionReason;
  /** 1-based column in the source. */
  readonly column: number;
}

type Node = { type: string; [key: string]: unknown };
type Ev = (scope: Scope, env: ExpressionEnv) => unknown;

/** Names that could reach an object's machinery; refused even though lookups are own-property only. */
const FORBIDDEN = (name: string) => name === 'constructor' || name === 'prototype' || name.startsWith('__');
const RESERVED: Record<string, Ev> = { now: (_s, env) => env.now };

class Refusal {
  constructor(
    readonly code: ExpressionErrorCode,
    readonly message: string,
    readonly token: string,
    readonly reason: ExpressionReason,
  ) {}
}

const reason = (key: string, params?: ExpressionReason['params']): ExpressionReason =>
  params === undefined ? { key } : { key, params };

/** jsep's English (its descriptions, stable across its versions) as a reason the catalogues word. */
function parserReason(description: string): ExpressionReason | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^Expected (.+) after (.+)$/.exec(description)))
    return reason('expectedAfter', { what: m[1]!, after: m[2]! });
  if ((m = /^Expected (.+)$/.exec(description))) return reason('expected', { what: m[1]! });
  if ((m = /^Unclosed quote after "(.*)"$/.exec(description))) return reason('unclosedQuote', { text: m[1]! });
  if ((m = /^Unclosed (.+)$/.exec(description))) return reason('unclosed', { what: m[1]! });
  if ((m = /^Unexpected "(.+)"$/.exec(description))) return reason('unexpected', { token: m[1]! });
  if ((m = /^Unexpected token (.+)$/.exec(description))) return reason('unexpectedToken', { token: m[1]! });
  if (description === 'Variable names cannot start with a number.') return reason('numberName');
  return undefined;
}

/**
 * Compiles a safe expression into a closure tree: jsep parses, every node is checked against a
 * closed vocabulary (the functions registry, the operators below, member access on own data),
 * and evaluation walks prebuilt closures. Nothing is ever handed to eval or Function.
 */
export function compileExpression(
  src: string,
  functions: Registry<ExpressionFunction> = defaultFunctions,
): CompiledExpression | ExpressionFailure {
  // Before parsing: jsep and the closures it leads to recurse once per level, so a 5,000-term
  // expression overflowed the stack while publishing (a compute) or on every case (a set).
  if (src.length > EXPRESSION_LIMITS.length) {
    return {
      ok: false,
      code: ExpressionErrorCode.tooLarge,
      message: `expression is ${src.length} characters long; at most ${EXPRESSION_LIMITS.length} are allowed (split it into several fields)`,
      reason: reason('tooLong', { length: src.length, max: EXPRESSION_LIMITS.length }),
      column: EXPRESSION_LIMITS.length + 1,
    };
  }
  const prepared = prepareSource(src);
  if (!prepared.ok)
    return {
      ok: false,
      code: ExpressionErrorCode.syntax,
      message: prepared.message,
      reason: reason('unexpectedDollar'),
      column: prepared.column,
    };
  let ast: Node;
  try {
    ast = jsep(prepared.source) as unknown as Node;
  } catch (e) {
    const err = e as { index?: number; description?: string; message: string };
    const message = err.description ?? err.message;
    const why = parserReason(message);
    return {
      ok: false,
      code: ExpressionErrorCode.syntax,
      message,
      ...(why ? { reason: why } : {}),
      column: (err.index ?? 0) + 1,
    };
  }
  if (ast.type === 'Compound' && (ast['body'] as unknown[]).length === 0) {
    return {
      ok: false,
      code: ExpressionErrorCode.syntax,
      message: 'empty expression',
      reason: reason('empty'),
      column: 1,
    };
  }
  const tooDeep = deeperThan(ast, EXPRESSION_LIMITS.depth);
  if (tooDeep) {
    return {
      ok: false,
      code: ExpressionErrorCode.tooLarge,
      message: `expression nests more than ${EXPRESSION_LIMITS.depth} levels deep (split it into several fields)`,
      reason: reason('tooDeep', { depth: EXPRESSION_LIMITS.depth }),
      column: 1,
    };
  }
  const references = new Set<string>();
  try {
    const run = build(ast, functions, references);
    return {
      ok: true,
      source: src,
      references: [...references],
      evaluate: (scope, env = {}) => unwrap(run(scope, env)),
    };
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    return { ok: false, code: e.code, message: e.message, reason: e.reason, column: locate(src, e.token) };
  }
}

/**
 * How large an expression may be. Far above what a definition needs (the seed's longest is under
 * 200 characters and 10 levels), far below what overflows the stack when it is parsed or run.
 */
export const EXPRESSION_LIMITS = { length: 2000, depth: 64 } as const;

/** Whether the tree goes deeper than `limit`; walks with its own stack, so any depth is safe. */
function deeperThan(root: Node, limit: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return true;
    if (node === null || typeof node !== 'object') continue;
    for (const value of Object.values(node as object)) {
      if (Array.isArray(value)) for (const item of value) stack.push([item, depth + 1]);
      else if (value !== null && typeof value === 'object') stack.push([value, depth + 1]);
    }
  }
  return false;
}

function build(node: Node, functions: Registry<ExpressionFunction>, refs: Set<string>): Ev {
  const sub = (n: unknown) => build(n as Node, functions, refs);
  switch (node.type) {
    case 'Literal': {
      const value = node['value'];
      return () => value;
    }
    case 'Identifier': {
      const name = node['name'] as string;
      refuseForbidden(name, name);
      const reserved = RESERVED[name];
      if (reserved) return reserved;
      refs.add(name);
      return (scope) => readFact(scope, name);
    }
    case 'MemberExpression': {
      const key = memberKey(node);
      const path = referencePath(node);
      const object = path === undefined ? sub(node['object']) : build(node['object'] as Node, functions, new Set());
      if (path !== undefined) refs.add(path);
      return (scope, env) => member(object(scope, env), key);
    }
    case 'CallExpression': {
      const callee = node['callee'] as Node;
      const name = callee.type === 'Identifier' ? (callee['name'] as string) : undefined;
      const fn = name === undefined ? undefined : functions.get(name);
      if (!fn) {
        const known = `known: ${functions.known().join(', ')}`;
        const names = functions.known();
        if (name !== undefined)
          throw new Refusal(
            ExpressionErrorCode.unknownFunction,
            `unknown function ${name}() (${known})`,
            name,
            reason('unknownFunction', { name, known: names }),
          );
        const method =
          callee.type === 'MemberExpression' && !callee['computed']
            ? ((callee['property'] as Node)['name'] as string)
            : '(';
        throw new Refusal(
          ExpressionErrorCode.unknownFunction,
          `methods cannot be called; call a function instead (${known})`,
          method,
          reason('method', { known: names }),
        );
      }
      const args = (node['arguments'] as Node[]).map(sub);
      if (args.length < fn.minArgs || (fn.maxArgs !== undefined && args.length > fn.maxArgs)) {
        const expected =
          fn.maxArgs === fn.minArgs
            ? `${fn.minArgs}`
            : fn.maxArgs === undefined
              ? `at least ${fn.minArgs}`
              : `${fn.minArgs} to ${fn.maxArgs}`;
        const counts = { name: fn.name, min: fn.minArgs, max: fn.maxArgs ?? '', got: args.length };
        throw new Refusal(
          ExpressionErrorCode.arity,
          `${fn.name}() takes ${expected} argument(s), got ${args.length}: ${fn.description}`,
          fn.name,
          reason(fn.maxArgs === fn.minArgs ? 'arity' : fn.maxArgs === undefined ? 'arityAtLeast' : 'arityBetween', {
            ...counts,
            description: fn.description,
          }),
        );
      }
      return (scope, env) =>
        fn.call(
          args.map((a) => unwrap(a(scope, env))),
          env,
        );
    }
    case 'BinaryExpression': {
      const op = node['operator'] as string;
      const impl = BINARY[op];
      if (!impl)
        throw new Refusal(
          ExpressionErrorCode.forbidden,
          `operator "${op}" is not allowed (use + - * / % == != < <= > >= && ||)`,
          op,
          reason('binaryOperator', { op }),
        );
      const left = sub(node['left']),
        right = sub(node['right']);
      if (op === '&&') return (s, e) => Boolean(left(s, e)) && Boolean(right(s, e));
      if (op === '||') return (s, e) => Boolean(left(s, e)) || Boolean(right(s, e));
      return (s, e) => impl(unwrap(left(s, e)), unwrap(right(s, e)));
    }
    case 'UnaryExpression': {
      const op = node['operator'] as string;
      const arg = sub(node['argument']);
      if (op === '!') return (s, e) => !arg(s, e);
      if (op === '-') return (s, e) => -toNumber(arg(s, e), '-') + 0;
      if (op === '+') return (s, e) => toNumber(arg(s, e), '+');
      throw new Refusal(
        ExpressionErrorCode.forbidden,
        `operator "${op}" is not allowed`,
        op,
        reason('operator', { op }),
      );
    }
    case 'ConditionalExpression': {
      const test = sub(node['test']),
        then = sub(node['consequent']),
        otherwise = sub(node['alternate']);
      return (s, e) => (test(s, e) ? then(s, e) : otherwise(s, e));
    }
    case 'ArrayExpression': {
      const items = (node['elements'] as (Node | null)[]).map((n) => (n ? sub(n) : () => undefined));
      return (s, e) => items.map((i) => unwrap(i(s, e)));
    }
    case 'ThisExpression':
      throw new Refusal(
        ExpressionErrorCode.forbidden,
        '"this" is not allowed',
        'this',
        reason('notAllowed', { name: 'this' }),
      );
    case 'Compound':
      throw new Refusal(
        ExpressionErrorCode.syntax,
        'one expression only (no "," or ";" between expressions)',
        ',',
        reason('oneOnly'),
      );
    default:
      throw new Refusal(
        ExpressionErrorCode.forbidden,
        `${node.type} is not allowed`,
        '',
        reason('node', { type: node.type }),
      );
  }
}

/** Refuses a name no expression may reach (a prototype's or the global's), quoting it as written. */
function refuseForbidden(name: string, written: string): void {
  if (FORBIDDEN(name))
    throw new Refusal(
      ExpressionErrorCode.forbidden,
      `"${name}" is not allowed`,
      written,
      reason('notAllowed', { name }),
    );
}

/** The key a member access reads: a name, a literal index or string, or the projection marker. */
function memberKey(node: Node): string | number {
  const property = node['property'] as Node;
  if (!node['computed']) {
    const name = property['name'] as string;
    refuseForbidden(name, name);
    return name;
  }
  const value = property.type === 'Literal' ? property['value'] : undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string') {
    refuseForbidden(value, property['raw'] as string);
    return value;
  }
  throw new Refusal(
    ExpressionErrorCode.forbidden,
    'an index must be a literal number or text, or [] for every element',
    '[',
    reason('index'),
  );
}

/** "customer.name", "fees[].amount" for plain chains of names; undefined when the chain starts elsewhere. */
function referencePath(node: Node): string | undefined {
  if (node.type === 'Identifier') return RESERVED[node['name'] as string] ? undefined : (node['name'] as string);
  if (node.type !== 'MemberExpression') return undefined;
  const base = referencePath(node['object'] as Node);
  if (base === undefined) return undefined;
  const key = memberKey(node);
  if (key === PROJECTION || typeof key === 'number') return `${base}[]`;
  return `${base}.${key}`;
}

function member(object: unknown, key: string | number): unknown {
  if (object instanceof Projection) {
    const out: unknown[] = [];
    for (const item of object.items) {
      const v = member(item, key);
      if (v instanceof Projection) out.push(...v.items);
      else out.push(v);
    }
    return new Projection(out);
  }
  if (key === PROJECTION) {
    if (object === undefined || object === null) return new Projection([]);
    if (Array.isArray(object)) return new Projection(object);
    throw new ExpressionError(ExpressionErrorCode.type, '[] needs a list');
  }
  if ((typeof object === 'object' && object !== null) || typeof object === 'string') {
    return Object.hasOwn(object as object, key) ? (object as Record<string | number, unknown>)[key] : undefined;
  }
  return undefined;
}

const strictEqual = (a: unknown, b: unknown) => a === b || (a == null && b == null);
function compare(test: (a: number | string, b: number | string) => boolean) {
  return (a: unknown, b: unknown) =>
    ((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')) &&
    test(a, b);
}
function arithmetic(op: string, f: (a: number, b: number) => number) {
  return (a: unknown, b: unknown) => clean(f(toNumber(a, op), toNumber(b, op)));
}
function divide(op: string, f: (a: number, b: number) => number) {
  return (a: unknown, b: unknown) => {
    const d = toNumber(b, op);
    if (d === 0) throw new ExpressionError(ExpressionErrorCode.divisionByZero, `division by zero in "${op}"`);
    return clean(f(toNumber(a, op), d));
  };
}
const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

const BINARY: Record<string, (a: unknown, b: unknown) => unknown> = {
  '+': (a, b) =>
    typeof a === 'string' || typeof b === 'string' ? text(a) + text(b) : clean(toNumber(a, '+') + toNumber(b, '+')),
  '-': arithmetic('-', (a, b) => a - b),
  '*': arithmetic('*', (a, b) => a * b),
  '/': divide('/', (a, b) => a / b),
  '%': divide('%', (a, b) => a % b),
  // No coercion: "1" == 1 is false; missing and null are equal.
  '==': strictEqual,
  '===': strictEqual,
  '!=': (a, b) => !strictEqual(a, b),
  '!==': (a, b) => !strictEqual(a, b),
  '<': compare((a, b) => a < b),
  '<=': compare((a, b) => a <= b),
  '>': compare((a, b) => a > b),
  '>=': compare((a, b) => a >= b),
  '&&': () => undefined, // short-circuited in build()
  '||': () => undefined,
};
