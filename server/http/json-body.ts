import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Context } from 'hono';
import { Problem } from './problem.ts';
import { requestSchemas, type RequestSchemaName } from './request-schemas.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validators = new Map<RequestSchemaName, ValidateFunction>();

function validatorOf(name: RequestSchemaName): ValidateFunction {
  let v = validators.get(name);
  if (!v) validators.set(name, (v = ajv.compile(requestSchemas[name])));
  return v;
}

function fieldOf(e: ErrorObject): { path: string; message: string; code: string } {
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    return { path: `${e.instancePath}/${extra}`, message: `unknown field "${extra}"`, code: 'unknownField' };
  }
  if (e.keyword === 'required') {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    return { path: `${e.instancePath}/${missing}`, message: `"${missing}" is required`, code: 'required' };
  }
  return { path: e.instancePath, message: e.message ?? 'invalid', code: e.keyword };
}

/**
 * The request's JSON body, checked against its schema: 415 unless JSON, 400 when malformed,
 * 422 with every field problem. The body-size limit runs before this, as middleware.
 */
export async function jsonBody<T>(c: Context, name: RequestSchemaName): Promise<T> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new Problem(415, 'send the body as JSON with Content-Type: application/json', { code: 'UNSUPPORTED_MEDIA_TYPE' });
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Problem(400, `malformed JSON: ${(e as Error).message}`, { code: 'MALFORMED_JSON' });
  }
  const validate = validatorOf(name);
  if (!validate(value)) {
    throw new Problem(422, `the body is not a valid ${name}`, { code: 'INVALID_BODY', errors: (validate.errors ?? []).map(fieldOf) });
  }
  return value as T;
}
