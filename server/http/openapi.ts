import { nameOf } from '../../contract/named.ts';
import type { RouteSpec } from '../../contract/route.ts';
import { ROUTES } from '../../contract/routes.ts';
import { Problem } from '../../contract/schemas/common.ts';

/**
 * OpenAPI 3.1 from the route declarations (contract/routes.ts): the very schemas requests are
 * validated with and answers are tested against. A schema given a name with `named` appears once
 * under components/schemas and is referred to by `$ref` wherever it is used.
 */
export function openApiDocument(version: string, routes: readonly RouteSpec[] = ROUTES) {
  const components: Record<string, unknown> = {};
  const pending: [string, object][] = [];
  /** Names of the definitions of TypeBox cycles, which are components referred to by `$ref: NAME` inside the cycle. */
  const cycles = new Set<string>();
  const component = (name: string, schema: object) => {
    if (!(name in components)) {
      components[name] = null;
      pending.push([name, schema]);
    }
    return { $ref: `#/components/schemas/${name}` };
  };
  /** The schema as JSON, named parts replaced by references (`root` itself stays inline). */
  const write = (schema: unknown, root = false): unknown => {
    if (Array.isArray(schema)) return schema.map((s) => write(s));
    if (schema === null || typeof schema !== 'object') return schema;
    const name = root ? undefined : nameOf(schema);
    if (name) return component(name, schema);
    const cycle = cycleOf(schema);
    if (cycle) {
      // A recursive type (Type.Cyclic: `{$defs: {A: …$ref: 'A'…}, $ref: 'A'}`): each definition becomes a
      // component of its own name, without the `$id` that would change the base of every reference inside it.
      for (const [k, def] of Object.entries(cycle.defs)) {
        cycles.add(k);
        const { $id: _id, ...rest } = def as Record<string, unknown>;
        component(k, rest);
      }
      return { $ref: `#/components/schemas/${cycle.ref}` };
    }
    return Object.fromEntries(
      Object.entries(schema).map(([k, v]) => [
        k,
        k === 'properties' || k === 'patternProperties'
          ? mapValues(v as Record<string, unknown>, (s) => write(s))
          : k === '$ref' && typeof v === 'string' && cycles.has(v)
            ? `#/components/schemas/${v}`
            : write(v),
      ]),
    );
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const params = [...(r.path.match(/\{(\w+)\}/g) ?? [])].map((p) => ({
      name: p.slice(1, -1),
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = Object.entries(r.query?.properties ?? {}).map(([name, schema]) => {
      const { description, ...rest } = write(schema) as { description?: string };
      return {
        name,
        in: 'query',
        required: ((r.query?.required as readonly string[] | undefined) ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      };
    });
    const responses: Record<string, unknown> = {};
    for (const [status, content] of Object.entries(r.answers)) {
      responses[status] = {
        description: 'success',
        ...(content ? { content: mapValues(content, (schema) => ({ schema: write(schema) })) } : {}),
      };
    }
    for (const s of r.errors)
      responses[s] = { description: 'problem', content: { 'application/problem+json': { schema: write(Problem) } } };
    (paths[r.path] ??= {})[r.method] = {
      summary: r.summary,
      ...(r.admin ? { description: 'Administrators only.' } : {}),
      ...(r.public ? { security: [] } : {}),
      parameters: [
        ...params,
        ...query,
        ...(r.method === 'post'
          ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }]
          : []),
      ],
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: write(r.body) } } } }
        : {}),
      responses,
    };
  }
  for (let next = pending.shift(); next; next = pending.shift()) components[next[0]] = write(next[1], true);

  return {
    openapi: '3.1.0',
    info: {
      title: 'Serviceframe API',
      version,
      description:
        'Errors are RFC 9457 problem documents. A case or record outside your scope answers 404 exactly like a missing one.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'sf_session' },
      },
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
  };
}

/** A TypeBox Cyclic's definitions and the one it stands for. */
function cycleOf(schema: object): { defs: Record<string, object>; ref: string } | undefined {
  const { $defs: defs, $ref: ref } = schema as { $defs?: unknown; $ref?: unknown };
  if (typeof ref !== 'string' || defs === null || typeof defs !== 'object' || !(ref in defs)) return undefined;
  return { defs: defs as Record<string, object>, ref };
}

function mapValues<T, U>(o: Readonly<Record<string, T>>, f: (v: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}
