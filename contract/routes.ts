import { Type } from 'typebox';
import { json, route, type RouteSpec } from './route.ts';
import {
  CaseAnswer,
  CaseEvent,
  CaseList,
  CaseQuery,
  Choices,
  ChoicesQuery,
  MigrateCases,
  MigrationsQuery,
  NewCase,
} from './schemas/cases.ts';
import { Migration, Migrations } from './schemas/migration.ts';
import { AnyObject } from './schemas/common.ts';
import { DefinitionView } from './schemas/definition-view.ts';
import {
  AdminNotice,
  DefinitionSummary,
  Impact,
  ImpactJob,
  DiffQuery,
  FilesQuery,
  Publish,
  Published,
  RolledBack,
  Rollback,
  ScenarioResult,
  Simulate,
  Validate,
  Validation,
  VersionDiff,
  VersionFiles,
  VersionQuery,
  VersionSummary,
} from './schemas/definitions.ts';
import { Inbox, InboxQuery, InboxRead, Unread } from './schemas/inbox.ts';
import {
  ArchiveRecord,
  NewRecord,
  RecordCases,
  RecordChange,
  RecordPage,
  RecordQuery,
  RecordTypeSummary,
  RecordWithHistory,
} from './schemas/records.ts';
import { Ledger, LedgerQuery, MonthlyReport, ReportQuery, ScorecardQuery, Scorecards } from './schemas/reports.ts';
import {
  Directory,
  Login,
  LoginResult,
  ManagedUser,
  Me,
  NewUser,
  PasswordChange,
  Settings,
  UserChange,
} from './schemas/users.ts';

const text = (type: string) => ({ [type]: Type.String() });

/**
 * Every endpoint of the HTTP API, once (CONTRACT.md's table is a summary of this). The server
 * registers exactly these routes (server/http/route-contract.ts), validates requests with their
 * schemas, and serves the OpenAPI document built from them; the browser's types are read from the
 * same schemas (ui/api/types.ts).
 */
export const routes = {
  health: route({
    method: 'get',
    path: '/api/health',
    summary: 'Liveness: {"status":"ok"}',
    public: true,
    answers: { 200: json(Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false })) },
    errors: [],
  }),
  ready: route({
    method: 'get',
    path: '/api/ready',
    summary:
      'Readiness: {"status":"ready"} while this node can reach its database; 503 while it cannot (take the node out of the load balancer)',
    public: true,
    answers: { 200: json(Type.Object({ status: Type.Literal('ready') }, { additionalProperties: false })) },
    errors: [503],
  }),
  login: route({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Log in: {token, user}; also sets an HttpOnly SameSite=Strict session cookie',
    body: Login,
    public: true,
    answers: { 200: json(LoginResult) },
    errors: [400, 401, 415, 422, 429],
  }),
  logout: route({
    method: 'post',
    path: '/api/auth/logout',
    summary: 'End this login',
    answers: { 204: null },
    errors: [401],
  }),
  me: route({
    method: 'get',
    path: '/api/me',
    summary: 'The logged-in user',
    answers: { 200: json(Me) },
    errors: [401],
  }),
  changePassword: route({
    method: 'post',
    path: '/api/me/password',
    summary:
      "Change one's own password {currentPassword, newPassword}; every other session of the user ends. The new password must pass the policy (12 characters or more, not common or guessable): 422 with the reason at /newPassword",
    body: PasswordChange,
    answers: { 204: null },
    errors: [400, 401, 415, 422, 429],
  }),
  settings: route({
    method: 'get',
    path: '/api/settings',
    summary:
      'What pages need of this installation: {mapUrl} (a map URL with {address}, from SERVICEFRAME_MAP_URL; null when none)',
    answers: { 200: json(Settings) },
    errors: [401],
  }),
  directory: route({
    method: 'get',
    path: '/api/directory',
    summary:
      'Names of units and people, for showing ids as names: {units: [{name, title, parent}], people: [{username, name, unit, roles, disabled?}], system} (a customer: themself and the people of their own cases, by name and unit only)',
    answers: { 200: json(Directory) },
    errors: [401],
  }),
  users: route({
    method: 'get',
    path: '/api/users',
    summary: 'Users with unit and roles',
    admin: true,
    answers: { 200: json(Type.Array(ManagedUser)) },
    errors: [401, 403],
  }),
  createUser: route({
    method: 'post',
    path: '/api/users',
    summary: 'Create a user',
    body: NewUser,
    admin: true,
    answers: { 201: json(ManagedUser) },
    errors: [400, 401, 403, 409, 415, 422],
  }),
  changeUser: route({
    method: 'patch',
    path: '/api/users/{username}',
    summary:
      "Change roles, unit, password; disable (logs the user out at once). A password reset ends the user's sessions and makes them choose their own at the next login",
    body: UserChange,
    admin: true,
    answers: { 200: json(ManagedUser) },
    errors: [400, 401, 403, 404, 415, 422],
  }),
  createCase: route({
    method: 'post',
    path: '/api/cases',
    summary: 'Start a case of a workflow with its start form data; answers the case as the reader may see it',
    body: NewCase,
    answers: { 201: json(CaseAnswer) },
    errors: [400, 401, 403, 415, 422],
  }),
  cases: route({
    method: 'get',
    path: '/api/cases',
    summary: 'Cases this user may see, newest change first: {items, next}',
    query: CaseQuery,
    answers: { 200: json(CaseList) },
    errors: [400, 401],
  }),
  case: route({
    method: 'get',
    path: '/api/cases/{id}',
    summary:
      'One case with deadlines, history and the events this user may send now (a customer: the portal view); {id} is the case id or its number (BX-2026-00001)',
    answers: { 200: json(CaseAnswer) },
    errors: [401, 404],
  }),
  choices: route({
    method: 'get',
    path: '/api/cases/{id}/choices',
    summary:
      "A page of a form field's valid values where the form names them by x-sf-choices (too many for oneOf): {items: [{const, title}], next}",
    query: ChoicesQuery,
    answers: { 200: json(Choices) },
    errors: [400, 401, 404],
  }),
  migrate: route({
    method: 'post',
    path: '/api/cases/migrate',
    summary:
      'Move open cases of a workflow from one definition version to another with a state mapping (or recompute their SLA clocks only, `clocksOnly`); `dryRun` lists per case what would change and writes nothing. Each case migrated is one commit with a `migrated` event in its history; a case whose data the new forms refuse stays and is listed. Bad mapping → 422 with /stateMapping/STATE paths; 409 while an interrupted batch waits for `resume`. See docs/migration.md',
    body: MigrateCases,
    admin: true,
    answers: { 200: json(Migration) },
    errors: [400, 401, 403, 404, 409, 415, 422],
  }),
  migrations: route({
    method: 'get',
    path: '/api/cases/migrations',
    summary:
      'Migration batches, newest first: {items: [{id, workflow, request, cases, startedBy, startedAt, finishedAt, counts}]}; finishedAt null: running or interrupted',
    query: MigrationsQuery,
    admin: true,
    answers: { 200: json(Migrations) },
    errors: [400, 401, 403],
  }),
  caseEvent: route({
    method: 'post',
    path: '/api/cases/{id}/events',
    summary: 'Send an event; expectedVersion guards against concurrent changes',
    body: CaseEvent,
    answers: { 200: json(CaseAnswer) },
    errors: [400, 401, 403, 404, 409, 415, 422],
  }),
  inbox: route({
    method: 'get',
    path: '/api/inbox',
    summary: 'My in-app notifications, newest first: {items: [{id, caseId, title, subject, body, at, read}], unread}',
    query: InboxQuery,
    answers: { 200: json(Inbox) },
    errors: [400, 401],
  }),
  inboxRead: route({
    method: 'post',
    path: '/api/inbox/read',
    summary: 'Mark in-app notifications read: {ids} or {all: true}; answers {unread}',
    body: InboxRead,
    answers: { 200: json(Unread) },
    errors: [400, 401, 415, 422],
  }),
  stream: route({
    method: 'get',
    path: '/api/stream',
    summary:
      'Server-sent events: `ready` first, `case` when a case this user can see changes, `inbox` when their notifications change',
    answers: { 200: text('text/event-stream') },
    errors: [401, 429],
  }),
  definitions: route({
    method: 'get',
    path: '/api/definitions',
    summary: 'The published definitions: [{kind, name, version, title}]',
    answers: { 200: json(Type.Array(DefinitionSummary)) },
    errors: [401],
  }),
  definition: route({
    method: 'get',
    path: '/api/definitions/{kind}/{name}',
    summary:
      'One compiled definition (a Form: JSON Schema and layout; a Workflow: states, events, startForm, summary fields for case lists, diagram). The Organization: administrators get it whole; other staff the people of the units they see without contacts; customers no people',
    query: VersionQuery,
    answers: { 200: json(DefinitionView) },
    errors: [401, 404],
  }),
  publish: route({
    method: 'post',
    path: '/api/definitions',
    summary:
      'Publish a new version from YAML files, the whole set: a published definition the files lack is removed only when `remove` names it (else 422 REMOVAL_NOT_STATED), and never while open cases of a removed workflow have no version to finish on (409 CASES_STRANDED); invalid → 422 with file:line:column, nothing changes. The answer lists what was `removed`; 200 when the files change nothing',
    body: Publish,
    admin: true,
    answers: { 200: json(Published), 201: json(Published) },
    errors: [400, 401, 403, 409, 413, 415, 422],
  }),
  versions: route({
    method: 'get',
    path: '/api/definitions/versions',
    summary:
      'Published versions in order: {seq, version, publishedAt, publishedBy, note, current, openCases, openCasesByWorkflow} (open cases counted by the content version they run on)',
    admin: true,
    answers: { 200: json(Type.Array(VersionSummary)) },
    errors: [401, 403],
  }),
  notices: route({
    method: 'get',
    path: '/api/definitions/notices',
    summary:
      "What administrators must act on in the published set: [{code, calendar, calendarTitle, year, message, hint}], e.g. a calendar without this or next year's public holidays",
    admin: true,
    answers: { 200: json(Type.Array(AdminNotice)) },
    errors: [401, 403],
  }),
  diff: route({
    method: 'get',
    path: '/api/definitions/diff',
    summary: 'File differences between two versions',
    query: DiffQuery,
    admin: true,
    answers: { 200: json(VersionDiff) },
    errors: [400, 401, 403, 404],
  }),
  files: route({
    method: 'get',
    path: '/api/definitions/files',
    summary: 'The YAML files of a version',
    query: FilesQuery,
    admin: true,
    answers: { 200: json(VersionFiles) },
    errors: [400, 401, 403, 404],
  }),
  validate: route({
    method: 'post',
    path: '/api/definitions/validate',
    summary:
      'Check a set of YAML files as publishing does, publishing nothing (the editor, as the administrator types): {errors, warnings}, each {path, message (file:line:column: …), code, file, line, column}; one error per file that does not parse, references checked once every file parses',
    body: Validate,
    admin: true,
    answers: { 200: json(Validation) },
    errors: [400, 401, 403, 413, 415, 422],
  }),
  simulate: route({
    method: 'post',
    path: '/api/definitions/simulate',
    summary:
      'Run the scenarios of a set of YAML files on a virtual clock without publishing (P-6): [{name, ok, failure?}]; invalid → 422 with file:line:column',
    body: Simulate,
    admin: true,
    answers: { 200: json(Type.Array(ScenarioResult)) },
    errors: [400, 401, 403, 413, 415, 422],
  }),
  impact: route({
    method: 'post',
    path: '/api/definitions/impact',
    summary:
      'Start replaying the cases of a period (from, to: YYYY-MM-DD) under a candidate set of YAML files, checked as publishing checks them (invalid → 422 with file:line:column); 202 with the job {id, status, progress}. Nothing is written (docs/impact.md)',
    body: Impact,
    admin: true,
    answers: { 202: json(ImpactJob) },
    errors: [400, 401, 403, 413, 415, 422, 429],
  }),
  impactJob: route({
    method: 'get',
    path: '/api/definitions/impact/{id}',
    summary:
      'An impact replay: {id, status: running|done|failed|cancelled, progress: {phase, done, total}, report (when done), error (when failed)}',
    admin: true,
    answers: { 200: json(ImpactJob) },
    errors: [401, 403, 404],
  }),
  cancelImpact: route({
    method: 'delete',
    path: '/api/definitions/impact/{id}',
    summary: 'Cancel a running impact replay (200 with the job), or forget an ended one (204)',
    admin: true,
    answers: { 200: json(ImpactJob), 204: null },
    errors: [401, 403, 404],
  }),
  rollback: route({
    method: 'post',
    path: '/api/definitions/rollback',
    summary:
      'Publish an earlier version again, its whole set (running cases keep theirs); the answer lists what was `removed`',
    body: Rollback,
    admin: true,
    answers: { 201: json(RolledBack) },
    errors: [400, 401, 403, 404, 409, 415, 422],
  }),
  recordTypes: route({
    method: 'get',
    path: '/api/records',
    summary: 'Record types (archives) of the published definitions',
    answers: { 200: json(Type.Array(RecordTypeSummary)) },
    errors: [401],
  }),
  records: route({
    method: 'get',
    path: '/api/records/{type}',
    summary: 'Search records in scope: {items, next}',
    query: RecordQuery,
    answers: { 200: json(RecordPage) },
    errors: [400, 401, 404],
  }),
  createRecord: route({
    method: 'post',
    path: '/api/records/{type}',
    summary: 'Create a record',
    body: NewRecord,
    answers: { 201: json(ArchiveRecord) },
    errors: [400, 401, 403, 404, 409, 415, 422],
  }),
  record: route({
    method: 'get',
    path: '/api/records/{type}/{id}',
    summary: 'One record with every earlier version',
    answers: { 200: json(RecordWithHistory) },
    errors: [401, 404],
  }),
  changeRecord: route({
    method: 'patch',
    path: '/api/records/{type}/{id}',
    summary: 'Change a record (a new version; the old one is kept)',
    body: RecordChange,
    answers: { 200: json(ArchiveRecord) },
    errors: [400, 401, 403, 404, 409, 415, 422],
  }),
  recordCases: route({
    method: 'get',
    path: '/api/records/{type}/{id}/cases',
    summary: 'The cases linked to a record',
    answers: { 200: json(RecordCases) },
    errors: [401, 404],
  }),
  ledger: route({
    method: 'get',
    path: '/api/ledger',
    summary:
      "Ledger rows per unit and period (at most 366 days), in pages of `limit` rows (default 1000, at most 5000) with `next` as the following page's `cursor`; Accept: text/csv gives every row of the period as CSV (UTF-8 with BOM), streamed",
    query: LedgerQuery,
    answers: { 200: { ...json(Ledger), ...text('text/csv') } },
    errors: [400, 401, 403, 404],
  }),
  monthlyReport: route({
    method: 'get',
    path: '/api/reports/monthly',
    summary: 'The monthly unit report',
    query: ReportQuery,
    answers: { 200: json(MonthlyReport) },
    errors: [400, 401, 403, 404],
  }),
  scorecards: route({
    method: 'get',
    path: '/api/scorecards',
    summary: 'Scorecards of a unit for a period, every point explained',
    query: ScorecardQuery,
    answers: { 200: json(Scorecards) },
    errors: [400, 401, 403, 404],
  }),
  openapi: route({
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This description (OpenAPI 3.1)',
    public: true,
    answers: { 200: json(AnyObject) },
    errors: [],
  }),
  docs: route({
    method: 'get',
    path: '/api/docs',
    summary: 'This description as a page to read',
    public: true,
    answers: { 200: text('text/html') },
    errors: [],
  }),
  metrics: route({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics: with the token in SERVICEFRAME_METRICS_TOKEN as a bearer token, or to administrators',
    answers: { 200: text('text/plain') },
    errors: [401, 403, 429],
  }),
} satisfies Record<string, RouteSpec>;

/** Every route, in the order of the API page. */
export const ROUTES: readonly RouteSpec[] = Object.values(routes);
