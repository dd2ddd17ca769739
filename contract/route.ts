import type { Static, TObject, TSchema } from 'typebox';

export type Method = 'get' | 'post' | 'patch' | 'delete';

/** An answer's body by media type; `null` for an answer without a body (204). */
export type Content = Readonly<Record<string, TSchema>> | null;

/**
 * One endpoint, declared once: the router registers it, the request is validated with its schemas,
 * the OpenAPI document describes it, and the server's and the browser's types are read from it.
 * Path parameters are the `{name}`s of `path` (strings); `query` types the query string (its values
 * are converted to the declared types before validation); `body` is a named schema.
 */
export interface RouteSpec {
  readonly method: Method;
  /** As OpenAPI writes it: /api/cases/{id}. */
  readonly path: string;
  readonly summary: string;
  /** Answered without a login. */
  readonly public?: boolean;
  /** Administrators only. */
  readonly admin?: boolean;
  readonly query?: TObject;
  readonly body?: TSchema;
  /** The success answers by status. */
  readonly answers: Readonly<Record<number, Content>>;
  /** The problem answers (application/problem+json) a client should expect. */
  readonly errors: readonly number[];
}

/** Declares a route; `const` keeps the literal types the handlers are checked against. */
export const route = <const S extends RouteSpec>(spec: S): S => spec;

/** A JSON answer. */
export const json = <T extends TSchema>(schema: T) => ({ 'application/json': schema }) as const;

type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? N | ParamNames<Rest> : never;

export type ParamsOf<S extends RouteSpec> = { readonly [K in ParamNames<S['path']>]: string };
export type QueryOf<S extends RouteSpec> = S['query'] extends TObject ? Static<S['query']> : Record<string, never>;
export type BodyOf<S extends RouteSpec> = S['body'] extends TSchema ? Static<S['body']> : undefined;
/** The statuses of the answers with a JSON body. */
export type JsonStatus<S extends RouteSpec> = {
  [K in keyof S['answers']]: S['answers'][K] extends { readonly 'application/json': TSchema } ? K : never;
}[keyof S['answers']];
/** The JSON body of answer `status`. */
export type AnswerOf<
  S extends RouteSpec,
  Status extends keyof S['answers'] = JsonStatus<S>,
> = S['answers'][Status] extends { readonly 'application/json': infer T extends TSchema } ? Static<T> : never;

/**
 * A body type as code that only reads it sees it: every array and object read-only (what servers build from readonly
 * data fits).
 */
export type Immutable<T> = T extends readonly (infer U)[]
  ? readonly Immutable<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Immutable<T[K]> }
    : T;
