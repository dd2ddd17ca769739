import { API } from './api-table.ts';
import { requestSchemas } from './request-schemas.ts';

const problem = {
  type: 'object',
  required: ['title', 'status', 'detail'],
  properties: {
    type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, code: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } } } },
  },
};

/** OpenAPI 3.1 from the endpoint table and the very schemas request bodies are validated with. */
export function openApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of API) {
    const params = [...(e.path.match(/\{(\w+)\}/g) ?? [])].map((p) => ({ name: p.slice(1, -1), in: 'path', required: true, schema: { type: 'string' } }));
    const query = (e.query ?? []).map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } }));
    const responses: Record<string, unknown> = {
      [e.ok]: { description: 'success', content: Object.fromEntries((e.produces ?? ['application/json']).map((t) => [t, {}])) },
    };
    for (const s of e.errors) responses[s] = { description: 'problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    (paths[e.path] ??= {})[e.method] = {
      summary: e.summary,
      ...(e.admin ? { description: 'Administrators only.' } : {}),
      ...(e.public ? { security: [] } : {}),
      parameters: [...params, ...query, ...(e.method === 'post' ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }] : [])],
      ...(e.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${e.body}` } } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Serviceframe API', version, description: 'Errors are RFC 9457 problem documents. A case or record outside your scope answers 404 exactly like a missing one.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'sf_session' } },
      schemas: { ...requestSchemas, Problem: problem },
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
  };
}
