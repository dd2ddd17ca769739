import type { Localized } from '../../engine/localized.ts';

/** A value filled into a catalogue message: as written, or said in the reader's language (a title). */
export type ProblemParam = string | number | Exclude<Localized, string>;

/** One field-level problem of an RFC 9457 problem document. */
export interface ProblemField {
  readonly path: string;
  readonly message: string;
  readonly code?: string;
  readonly [extra: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * The one exception routes throw for a client error; `onError` turns it into an
 * `application/problem+json` answer. `code` is stable for programs; `detail` is for people.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly options: {
      code?: string;
      errors?: readonly ProblemField[];
      headers?: Record<string, string>;
      extra?: Record<string, unknown>;
      /** The detail as a catalogue key (server/http/messages), said in the reader's language at the edge. */
      said?: { readonly key: string; readonly params?: Readonly<Record<string, ProblemParam>> };
    } = {},
  ) {
    super(detail);
    this.name = 'Problem';
  }

  body(instance?: string): Record<string, unknown> {
    return {
      type: 'about:blank',
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      detail: this.detail,
      ...(this.options.code ? { code: this.options.code } : {}),
      ...(instance ? { instance } : {}),
      ...(this.options.errors ? { errors: this.options.errors } : {}),
      ...(this.options.extra ?? {}),
    };
  }

  response(instance?: string): Response {
    return new Response(JSON.stringify(this.body(instance)), {
      status: this.status,
      headers: { 'content-type': 'application/problem+json; charset=utf-8', ...(this.options.headers ?? {}) },
    });
  }
}
