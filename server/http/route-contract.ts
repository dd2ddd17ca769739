import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { TObject, TSchema } from 'typebox';
import { nameOf } from '../../contract/named.ts';
import type { AnswerOf, BodyOf, Immutable, JsonStatus, ParamsOf, QueryOf, RouteSpec } from '../../contract/route.ts';
import { ROUTES } from '../../contract/routes.ts';
import type { AppEnv } from '../context.ts';
import type { Locale } from '../../engine/localized.ts';
import type { ProblemField } from './problem.ts';
import {
  isProblemKey,
  localizedField,
  problemText,
  saidField,
  saidProblem,
  type ProblemKey,
  type ProblemParams,
} from './problem-messages.ts';

/** What a handler is given: the request's parts, parsed and valid, and a typed way to answer. */
export interface Request<S extends RouteSpec> {
  readonly params: ParamsOf<S>;
  readonly query: QueryOf<S>;
  /**
   * The JSON body, valid (415, 400 or 422 otherwise). Read when the handler asks, so that what
   * it checks first (an administrator's right, a case the user may see) answers first.
   */
  readonly body: () => Promise<BodyOf<S>>;
  /** A JSON answer whose body the type checker holds to the declared schema of `status`. */
  readonly json: <St extends JsonStatus<S>>(
    status: St,
    body: Immutable<AnswerOf<S, St>>,
    headers?: Readonly<Record<string, string>>,
  ) => Response;
}

export type Handler<S extends RouteSpec> = (c: Context<AppEnv>, request: Request<S>) => Response | Promise<Response>;

/** A declared route with the function that answers it. */
export interface Implemented {
  readonly spec: RouteSpec;
  readonly answer: (c: Context<AppEnv>) => Promise<Response>;
}

/** Binds a declared route to its handler; the request is parsed and validated before the handler runs. */
export function implement<const S extends RouteSpec>(spec: S, handler: Handler<S>): Implemented {
  const query = spec.query ? queryReader(spec.query) : undefined;
  const body = spec.body ? bodyReader(spec.body) : undefined;
  return {
    spec,
    async answer(c) {
      const request = {
        params: c.req.param() as ParamsOf<S>,
        query: (query ? query(c) : {}) as QueryOf<S>,
        body: (body ? () => body(c) : noBody) as () => Promise<BodyOf<S>>,
        // Through the context, so what the handler set on it (a cookie, a header) goes out too.
        json: (status: number, value: unknown, headers?: Readonly<Record<string, string>>) =>
          c.json(value, status as ContentfulStatusCode, headers as Record<string, string>),
      } as unknown as Request<S>;
      return handler(c, request);
    },
  };
}

const noBody = () => Promise.resolve(undefined);

/** `/api/cases/{id}` as Hono writes it: `/api/cases/:id`. */
export const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

export interface MountOptions {
  /** Throws unless the request's user is an administrator: run first on every route declared `admin`. */
  readonly requireAdmin: (c: Context<AppEnv>) => void;
  /** The routes that must be implemented (default: all of contract/routes.ts). */
  readonly declared?: readonly RouteSpec[];
}

/**
 * Registers the routes on the app. Every declared route must be implemented exactly once and
 * nothing undeclared may be: the app does not start otherwise, so the router, the OpenAPI
 * document and the types cannot drift apart. A route declared `admin` refuses anyone else before
 * its query or body is read.
 */
export function mount(app: Hono<AppEnv>, implemented: readonly Implemented[], options: MountOptions): void {
  const declared = options.declared ?? ROUTES;
  const key = (s: RouteSpec) => `${s.method.toUpperCase()} ${s.path}`;
  const wanted = new Set(declared.map(key));
  const seen = new Set<string>();
  for (const r of [...implemented].sort((a, b) => specificity(a.spec.path, b.spec.path))) {
    const k = key(r.spec);
    if (!wanted.has(k)) throw new Error(`${k} is implemented but not declared in contract/routes.ts`);
    if (seen.has(k)) throw new Error(`${k} is implemented twice`);
    seen.add(k);
    const answer = r.spec.admin
      ? (c: Context<AppEnv>) => {
          options.requireAdmin(c);
          return r.answer(c);
        }
      : r.answer;
    app.on(r.spec.method.toUpperCase(), honoPath(r.spec.path), answer);
  }
  const missing = [...wanted].filter((k) => !seen.has(k));
  if (missing.length) throw new Error(`declared but not implemented: ${missing.join(', ')}`);
}

/**
 * Orders paths so that, segment by segment, a fixed name comes before a parameter: Hono answers
 * with the first route that matches, and /api/definitions/impact/{id} must not be taken for a
 * definition's /api/definitions/{kind}/{name}, whatever order the route files list them in.
 */
function specificity(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const px = x[i]!.startsWith('{');
    const py = y[i]!.startsWith('{');
    if (px !== py) return px ? 1 : -1;
  }
  return 0;
}

// Bodies: unknown fields refused (the schemas say so), no conversion. strict: false because the
// schemas carry OpenAPI's `format`s, which only the contract test checks.
const bodies = new Ajv2020({ allErrors: true, strict: false });
// Query strings are text: each value becomes the declared type first ("5" → 5, "true" → true).
const queries = new Ajv2020({ allErrors: true, strict: false, coerceTypes: true });

/** ajv keywords the catalogue words by their limit (`field.minLength`…); others by `field.invalid`. */
const WORDED = new Set([
  'type',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'format',
  'pattern',
]);

/** A field problem of ajv's `e`; a query's parameters are named without the leading slash of a body's pointers. */
function fieldOf(e: ErrorObject, prefix: string, query = false): ProblemField {
  const at = (path: string) => (query ? path.replace(/^\//, '') : path);
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    return saidField(
      at(`${prefix}${e.instancePath}/${extra}`),
      'field.unknown',
      { name: extra },
      { code: 'unknownField' },
    );
  }
  if (e.keyword === 'required') {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    return saidField(
      at(`${prefix}${e.instancePath}/${missing}`),
      'field.required',
      { name: missing },
      { code: 'required' },
    );
  }
  const key = (WORDED.has(e.keyword) ? `field.${e.keyword}` : 'field.invalid') as ProblemKey;
  return saidField(
    at(`${prefix}${e.instancePath}`),
    key,
    { message: e.message ?? 'invalid', ...keywordParams(e) },
    { code: e.keyword },
  );
}

/** What a keyword's Chinese names: its limit, the type or format expected (in words), the values allowed. */
function keywordParams(e: ErrorObject): ProblemParams {
  const p = e.params as {
    limit?: number;
    type?: string;
    format?: string;
    allowedValues?: unknown[];
    allowedValue?: unknown;
    pattern?: string;
  };
  const word = (kind: 'jsonType' | 'jsonFormat', name: string | undefined) => {
    const key = `${kind}.${name ?? ''}`;
    return isProblemKey(key) ? { zh: problemText(key, 'zh-CN'), en: problemText(key, 'en') } : (name ?? '');
  };
  return {
    limit: p.limit ?? '',
    type: word('jsonType', p.type?.split(',')[0]),
    format: word('jsonFormat', p.format),
    values: (p.allowedValues ?? []).map((v) => JSON.stringify(v)).join(problemText('_list', 'zh-CN')),
    value: p.allowedValue === undefined ? '' : JSON.stringify(p.allowedValue),
    pattern: p.pattern ?? '',
  };
}

/**
 * The request's JSON body, checked against its schema: 415 unless JSON, 400 when malformed,
 * 422 with every field problem. The body-size limit runs before this, as middleware.
 */
function bodyReader(schema: TSchema): (c: Context<AppEnv>) => Promise<unknown> {
  const validate: ValidateFunction = bodies.compile(schema);
  const name = nameOf(schema) ?? 'body';
  return async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/(.+\+)?json\b/i.test(type))
      throw saidProblem(415, 'bodyNotJson', {}, { code: 'UNSUPPORTED_MEDIA_TYPE' });
    const text = await c.req.text();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw saidProblem(400, 'malformedJson', { reason: (e as Error).message }, { code: 'MALFORMED_JSON' });
    }
    if (!validate(value))
      throw saidProblem(
        422,
        'bodyInvalid',
        { name },
        { code: 'INVALID_BODY', errors: (validate.errors ?? []).map((e) => fieldOf(e, '')) },
      );
    return value;
  };
}

/**
 * The query string as the declared types: 400 INVALID_QUERY naming each parameter that is not.
 * Parameters the declaration does not name are ignored (a cache-buster, a tracking tag), and a
 * boolean may also be written 1 or 0.
 */
function queryReader(schema: TObject): (c: Context<AppEnv>) => Record<string, unknown> {
  const validate = queries.compile(schema);
  const booleans = Object.entries(schema.properties)
    .filter(([, s]) => (s as { type?: unknown }).type === 'boolean')
    .map(([k]) => k);
  return (c) => {
    const value: Record<string, unknown> = { ...c.req.query() };
    for (const k of booleans) if (value[k] === '1' || value[k] === '0') value[k] = value[k] === '1';
    if (!validate(value)) {
      const errors = (validate.errors ?? []).map((e) => fieldOf(e, '', true));
      const list = (locale: Locale) =>
        errors
          .map((e) => localizedField(e, locale))
          .map((e) => problemText('fieldSaid', locale, { path: e.path, message: e.message }))
          .join(problemText('_clauses', locale));
      throw saidProblem(
        400,
        'queryInvalid',
        { list: { zh: list('zh-CN'), en: list('en') } },
        {
          code: 'INVALID_QUERY',
          errors,
        },
      );
    }
    return value;
  };
}
