import { html, raw } from 'hono/html';
import { nameOf } from '../../contract/named.ts';
import { ROUTES, routes } from '../../contract/routes.ts';
import { openApiDocument } from '../http/openapi.ts';
import { implement } from '../http/route-contract.ts';

/** GET /api/openapi.json and GET /api/docs (a plain page generated from the same declarations). */
export function apiPageRoutes() {
  const doc = openApiDocument('1');
  const document = implement(routes.openapi, (_c, { json }) => json(200, doc));
  const page = implement(routes.docs, (c) =>
    c.html(html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Serviceframe API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}code,pre{background:#f4f4f4;padding:.1rem .3rem}pre{padding:.5rem;overflow:auto}h2{margin-top:2rem;font-size:1.05rem}.m{font-weight:bold;text-transform:uppercase}</style></head>
<body><h1>Serviceframe API</h1>
<p>JSON over HTTP. Log in with <code>POST /api/auth/login</code>, then send <code>Authorization: Bearer TOKEN</code>. Errors are <code>application/problem+json</code> with <code>title</code>, <code>status</code>, <code>detail</code> and <code>errors: [{path, message}]</code>. POST accepts <code>Idempotency-Key</code>. Machine-readable, with the schema of every answer: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
${ROUTES.map(
  (
    e,
  ) => html`<h2><span class="m">${e.method}</span> <code>${e.path}</code>${e.admin ? ' (admin)' : ''}${e.public ? ' (no login)' : ''}</h2><p>${e.summary}</p>
${e.query ? html`<p>Query: ${Object.keys(e.query.properties).map((q) => html`<code>${q}</code> `)}</p>` : ''}
${e.body ? html`<p>Body: ${nameOf(e.body) ?? ''}</p><pre>${raw(escape(JSON.stringify(e.body, null, 2)))}</pre>` : ''}
<p>Answers ${Object.keys(e.answers).join(', ')}${e.errors.length ? `; problems ${e.errors.join(', ')}` : ''}.</p>`,
)}
</body></html>`),
  );
  return [document, page];
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
