import type { RequestSchemaName } from './request-schemas.ts';

/** Every endpoint, once: the OpenAPI document and the API page are generated from this table. */
export interface Endpoint {
  readonly method: 'get' | 'post' | 'patch' | 'delete';
  readonly path: string;
  readonly summary: string;
  readonly body?: RequestSchemaName;
  readonly query?: readonly string[];
  readonly public?: boolean;
  readonly admin?: boolean;
  readonly ok: number;
  readonly errors: readonly number[];
  readonly produces?: readonly string[];
}

export const API: readonly Endpoint[] = [
  { method: 'get', path: '/api/health', summary: 'Liveness: {"status":"ok"}', public: true, ok: 200, errors: [] },
  { method: 'get', path: '/api/ready', summary: 'Readiness: {"status":"ready"} while this node can reach its database; 503 while it cannot (take the node out of the load balancer)', public: true, ok: 200, errors: [503] },
  { method: 'post', path: '/api/auth/login', summary: 'Log in: {token, user}; also sets an HttpOnly SameSite=Strict session cookie', body: 'Login', public: true, ok: 200, errors: [400, 401, 415, 422, 429] },
  { method: 'post', path: '/api/auth/logout', summary: 'End this login', ok: 204, errors: [401] },
  { method: 'get', path: '/api/me', summary: 'The logged-in user', ok: 200, errors: [401] },
  { method: 'post', path: '/api/me/password', summary: 'Change one\'s own password {currentPassword, newPassword}; every other session of the user ends. The new password must pass the policy (12 characters or more, not common or guessable): 422 with the reason at /newPassword', body: 'PasswordChange', ok: 204, errors: [400, 401, 415, 422, 429] },
  { method: 'get', path: '/api/settings', summary: 'What pages need of this installation: {mapUrl} (a map URL with {address}, from SERVICEFRAME_MAP_URL; null when none)', ok: 200, errors: [401] },
  { method: 'get', path: '/api/directory', summary: 'Names of units and people, for showing ids as names: {units: [{name, title, parent}], people: [{username, name, unit, roles, disabled?}], system} (a customer: themself and the people of their own cases, by name and unit only)', ok: 200, errors: [401] },
  { method: 'get', path: '/api/users', summary: 'Users with unit and roles', admin: true, ok: 200, errors: [401, 403] },
  { method: 'post', path: '/api/users', summary: 'Create a user', body: 'NewUser', admin: true, ok: 201, errors: [400, 401, 403, 409, 422] },
  { method: 'patch', path: '/api/users/{username}', summary: 'Change roles, unit, password; disable (logs the user out at once). A password reset ends the user\'s sessions and makes them choose their own at the next login', body: 'UserChange', admin: true, ok: 200, errors: [400, 401, 403, 404, 422] },
  { method: 'post', path: '/api/cases', summary: 'Start a case of a workflow with its start form data', body: 'NewCase', ok: 201, errors: [400, 401, 403, 422] },
  { method: 'get', path: '/api/cases', summary: 'Cases this user may see, newest change first: {items, next}', query: ['workflow', 'state', 'unit', 'overdue', 'q', 'limit', 'cursor'], ok: 200, errors: [400, 401] },
  { method: 'get', path: '/api/cases/{id}', summary: 'One case with deadlines, history and the events this user may send now; {id} is the case id or its number (BX-2026-00001)', ok: 200, errors: [401, 404] },
  { method: 'post', path: '/api/cases/migrate', summary: 'Move open cases of a workflow from one definition version to another with a state mapping (or recompute their SLA clocks only, `clocksOnly`); `dryRun` lists per case what would change and writes nothing. Each case migrated is one commit with a `migrated` event in its history; a case whose data the new forms refuse stays and is listed. Bad mapping → 422 with /stateMapping/STATE paths; 409 while an interrupted batch waits for `resume`. See docs/migration.md', body: 'MigrateCases', admin: true, ok: 200, errors: [400, 401, 403, 404, 409, 422] },
  { method: 'get', path: '/api/cases/migrations', summary: 'Migration batches, newest first: {items: [{id, workflow, request, cases, startedBy, startedAt, finishedAt, counts}]}; finishedAt null: running or interrupted', admin: true, ok: 200, errors: [401, 403] },
  { method: 'get', path: '/api/cases/{id}/choices', summary: "A page of a form field's valid values where the form names them by x-sf-choices (too many for oneOf): {items: [{const, title}], next}", query: ['event', 'field', 'cursor', 'limit'], ok: 200, errors: [400, 401, 404] },
  { method: 'post', path: '/api/cases/{id}/events', summary: 'Send an event; expectedVersion guards against concurrent changes', body: 'CaseEvent', ok: 200, errors: [400, 401, 403, 404, 409, 422] },
  { method: 'get', path: '/api/inbox', summary: 'My in-app notifications, newest first: {items: [{id, caseId, title, subject, body, at, read}], unread}', query: ['limit'], ok: 200, errors: [400, 401] },
  { method: 'post', path: '/api/inbox/read', summary: 'Mark in-app notifications read: {ids} or {all: true}; answers {unread}', body: 'InboxRead', ok: 200, errors: [400, 401, 422] },
  { method: 'get', path: '/api/stream', summary: 'Server-sent events: `case` when a case this user can see changes', ok: 200, errors: [401], produces: ['text/event-stream'] },
  { method: 'get', path: '/api/definitions', summary: 'The published definitions: [{kind, name, version, title}]', ok: 200, errors: [401] },
  { method: 'get', path: '/api/definitions/{kind}/{name}', summary: 'One compiled definition (a Form: JSON Schema and layout; a Workflow: states, events, startForm, summary fields for case lists, diagram). The Organization: administrators get it whole; other staff the people of the units they see without contacts; customers no people', query: ['version'], ok: 200, errors: [401, 404] },
  { method: 'post', path: '/api/definitions', summary: 'Publish a new version from YAML files, the whole set: a published definition the files lack is removed only when `remove` names it (else 422 REMOVAL_NOT_STATED), and never while open cases of a removed workflow have no version to finish on (409 CASES_STRANDED); invalid → 422 with file:line:column, nothing changes. The answer lists what was `removed`', body: 'Publish', admin: true, ok: 201, errors: [400, 401, 403, 409, 413, 422] },
  { method: 'get', path: '/api/definitions/versions', summary: 'Published versions in order: {seq, version, publishedAt, publishedBy, note, current, openCases, openCasesByWorkflow} (open cases counted by the content version they run on)', admin: true, ok: 200, errors: [401, 403] },
  { method: 'get', path: '/api/definitions/notices', summary: "What administrators must act on in the published set: [{code, calendar, calendarTitle, year, message, hint}], e.g. a calendar without this or next year's public holidays", admin: true, ok: 200, errors: [401, 403] },
  { method: 'get', path: '/api/definitions/diff', summary: 'File differences between two versions', query: ['from', 'to'], admin: true, ok: 200, errors: [400, 401, 403, 404] },
  { method: 'get', path: '/api/definitions/files', summary: 'The YAML files of a version', query: ['seq'], admin: true, ok: 200, errors: [401, 403, 404] },
  { method: 'post', path: '/api/definitions/validate', summary: 'Check a set of YAML files as publishing does, publishing nothing (the editor, as the administrator types): {errors, warnings}, each {path, message (file:line:column: …), code, file, line, column}; one error per file that does not parse, references checked once every file parses', body: 'Validate', admin: true, ok: 200, errors: [400, 401, 403, 413, 422] },
  { method: 'post', path: '/api/definitions/simulate', summary: "Run the scenarios of a set of YAML files on a virtual clock without publishing (P-6): [{name, ok, failure?}]; invalid → 422 with file:line:column", body: 'Simulate', admin: true, ok: 200, errors: [400, 401, 403, 413, 422] },
  { method: 'post', path: '/api/definitions/impact', summary: 'Start replaying the cases of a period (from, to: YYYY-MM-DD) under a candidate set of YAML files, checked as publishing checks them (invalid → 422 with file:line:column); 202 with the job {id, status, progress}. Nothing is written (docs/impact.md)', body: 'Impact', admin: true, ok: 202, errors: [400, 401, 403, 413, 422, 429] },
  { method: 'get', path: '/api/definitions/impact/{id}', summary: 'An impact replay: {id, status: running|done|failed|cancelled, progress: {phase, done, total}, report (when done), error (when failed)}', admin: true, ok: 200, errors: [401, 403, 404] },
  { method: 'delete', path: '/api/definitions/impact/{id}', summary: 'Cancel a running impact replay (200 with the job), or forget an ended one (204)', admin: true, ok: 200, errors: [401, 403, 404] },
  { method: 'post', path: '/api/definitions/rollback', summary: 'Publish an earlier version again, its whole set (running cases keep theirs); the answer lists what was `removed`', body: 'Rollback', admin: true, ok: 201, errors: [401, 403, 404, 409, 422] },
  { method: 'get', path: '/api/records', summary: 'Record types (archives) of the published definitions', ok: 200, errors: [401] },
  { method: 'get', path: '/api/records/{type}', summary: 'Search records in scope: {items, next}', query: ['q', 'limit', 'cursor'], ok: 200, errors: [401, 404] },
  { method: 'post', path: '/api/records/{type}', summary: 'Create a record', body: 'NewRecord', ok: 201, errors: [401, 403, 404, 409, 422] },
  { method: 'get', path: '/api/records/{type}/{id}', summary: 'One record with every earlier version', ok: 200, errors: [401, 404] },
  { method: 'patch', path: '/api/records/{type}/{id}', summary: 'Change a record (a new version; the old one is kept)', body: 'RecordChange', ok: 200, errors: [401, 403, 404, 409, 422] },
  { method: 'get', path: '/api/records/{type}/{id}/cases', summary: 'The cases linked to a record', ok: 200, errors: [401, 404] },
  { method: 'get', path: '/api/ledger', summary: 'Ledger rows per unit and period (at most 366 days), in pages of `limit` rows (default 1000, at most 5000) with `next` as the following page\'s `cursor`; Accept: text/csv gives every row of the period as CSV (UTF-8 with BOM), streamed', query: ['ledger', 'unit', 'from', 'to', 'month', 'limit', 'cursor'], ok: 200, errors: [400, 401, 403, 404], produces: ['application/json', 'text/csv'] },
  { method: 'get', path: '/api/reports/monthly', summary: 'The monthly unit report', query: ['unit', 'month'], ok: 200, errors: [400, 401, 403, 404] },
  { method: 'get', path: '/api/scorecards', summary: 'Scorecards of a unit for a period, every point explained', query: ['unit', 'period'], ok: 200, errors: [400, 401, 403, 404] },
  { method: 'get', path: '/api/openapi.json', summary: 'This description', public: true, ok: 200, errors: [] },
  { method: 'get', path: '/metrics', summary: 'Prometheus metrics: with the token in SERVICEFRAME_METRICS_TOKEN as a bearer token, or to administrators', ok: 200, errors: [401, 403, 429], produces: ['text/plain'] },
];
