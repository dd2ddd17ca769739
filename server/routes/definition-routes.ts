import { Hono } from 'hono';
import type { JsonSchema } from '../../engine/forms/index.ts';
import { formForCase, hasUserField } from '../cases/event-form-choices.ts';
import { calendarNotices } from '../../engine/calendar/index.ts';
import { localize } from '../../engine/localized.ts';
import { isAdministrator, scopeOf } from '../access/scope.ts';
import type { AppEnv } from '../context.ts';
import { customerForms, customerPrefill, customerWorkflowView, customerWorkflows } from '../definitions/customer-definitions.ts';
import { withoutStaffOnly } from '../cases/customer-form.ts';
import { definitionView } from '../definitions/definition-views.ts';
import { diffFiles } from '../definitions/diff-files.ts';
import { organizationFor } from '../definitions/organization-view.ts';
import { simulateFiles } from '../definitions/simulate-files.ts';
import { validateFiles } from '../definitions/validate-files.ts';
import { jsonBody } from '../http/json-body.ts';
import { notFound, Problem } from '../http/problem.ts';
import type { Services } from '../services.ts';
import { requireAdmin } from './user-routes.ts';
import { impactRoutes } from './impact-routes.ts';

/**
 * The published definitions (P-3): read, publish, list versions, diff, roll back. Everyone reads
 * the compiled definitions (forms and workflows are what the app is built from), the Organization
 * trimmed to what the reader may know (organization-view.ts). The version list (who published
 * what, with notes), diffs and files are raw administration: YAML holds every person's contact
 * details, so they are for administrators only.
 */
export function definitionRoutes(services: Services) {
  const app = new Hono<AppEnv>();
  const reg = services.registry;

  const isCustomer = (user: AppEnv['Variables']['user']) => scopeOf(user, reg.current().org).customer !== null;

  app.get('/', async (c) => {
    const set = reg.current();
    const user = c.get('user');
    const locale = user.locale;
    if (isCustomer(user)) {
      // A customer's list: only the workflows they may start or have cases in (their portal's filter).
      const names = await customerWorkflows(services, set, await services.users.actorOf(user));
      // And the business calendars, whose time zone the portal shows times in.
      const calendars = set.docs.filter((d) => d.kind === 'Calendar').map((d) => ({ kind: d.kind, name: d.metadata.name, version: set.version, title: localize(d.metadata.title ?? d.metadata.name, locale) }));
      return c.json([...[...names].flatMap((name) => {
        const wf = set.workflows.get(name);
        return wf ? [{ kind: 'Workflow', name, version: set.version, title: localize(wf.title, locale) }] : [];
      }), ...calendars]);
    }
    return c.json(set.docs.map((d) => ({ kind: d.kind, name: d.metadata.name, version: set.version, title: localize(d.metadata.title ?? d.metadata.name, locale) })));
  });

  // What administrators must act on in the published set, e.g. a calendar whose holiday data ends
  // this year or next (the case view flags the deadlines it affects).
  app.get('/notices', async (c) => {
    requireAdmin(c.get('user'), reg.current().org);
    return c.json(calendarNotices(reg.current().docs, services.clock.now()));
  });

  app.get('/versions', async (c) => {
    requireAdmin(c.get('user'), reg.current().org);
    const current = reg.currentRow();
    // Open cases by the content version they run on: what a migration (POST /api/cases/migrate) could move.
    const open = new Map<string, Record<string, number>>();
    for (const row of await services.store.openCaseCounts()) open.set(row.definitionVersion, { ...open.get(row.definitionVersion), [row.workflow]: row.count });
    return c.json((await services.storage.versions.list()).map((v) => {
      const byWorkflow = open.get(v.version) ?? {};
      const openCases = Object.values(byWorkflow).reduce((a, b) => a + b, 0);
      return { ...v, publishedAt: new Date(v.publishedAt).toISOString(), current: v.seq === current.seq, openCases, openCasesByWorkflow: byWorkflow };
    }));
  });

  app.get('/diff', async (c) => {
    // Raw YAML, the Organization's people and contacts included.
    requireAdmin(c.get('user'), reg.current().org);
    const from = Number(c.req.query('from'));
    const to = Number(c.req.query('to') ?? reg.currentRow().seq);
    if (!Number.isInteger(from) || !Number.isInteger(to)) throw new Problem(400, 'give from and to as version numbers (seq)', { code: 'INVALID_QUERY', errors: [{ path: 'from', message: 'an integer' }] });
    const [a, b] = [await services.storage.versions.get(from), await services.storage.versions.get(to)];
    if (!a || !b) throw notFound('definition version');
    return c.json({ from: { seq: a.seq, version: a.version }, to: { seq: b.seq, version: b.version }, files: diffFiles(a.files, b.files) });
  });

  app.get('/files', async (c) => {
    requireAdmin(c.get('user'), services.registry.current().org);
    const seq = Number(c.req.query('seq') ?? reg.currentRow().seq);
    const row = await services.storage.versions.get(seq);
    if (!row) throw notFound('definition version');
    return c.json({ seq: row.seq, version: row.version, files: row.files });
  });

  // Before '/:kind/:name', which would take '/impact/ID' for a definition.
  app.route('/impact', impactRoutes(services));

  app.get('/:kind/:name', async (c) => {
    const wanted = c.req.query('version');
    const set = wanted ? reg.version(wanted) : reg.current();
    if (!set) throw notFound('definition version');
    const user = c.get('user');
    if (isCustomer(user)) return c.json(await customerDefinition(set, c.req.param('kind'), c.req.param('name'), user));
    const view = definitionView(set, c.req.param('kind'), c.req.param('name'), user.locale);
    if (!view) throw notFound('definition');
    // Scope by the current Organization: an old version's units may be gone, the reader's rights are today's.
    const org = reg.current().org;
    if (c.req.param('kind') === 'Workflow') return c.json(await withStartChoices(view as Record<string, unknown>, set, user));
    return c.json(c.req.param('kind') === 'Organization' ? organizationFor(view, { admin: isAdministrator(user, org), scope: scopeOf(user, org) }) : view);
  });

  app.post('/', async (c) => {
    requireAdmin(c.get('user'), services.registry.current().org);
    const body = await jsonBody<{ files: { path: string; text: string }[]; note?: string; expectedSeq?: number; remove?: string[] }>(c, 'Publish');
    const paths = new Set<string>();
    body.files.forEach((f, i) => {
      if (paths.has(f.path)) throw new Problem(422, `file ${f.path} is given twice`, { code: 'INVALID_BODY', errors: [{ path: `/files/${i}/path`, message: 'duplicate path' }] });
      paths.add(f.path);
    });
    const { row, unchanged, removed } = await reg.publish(body.files, c.get('user').username, body.note ?? null, body.expectedSeq, body.remove ?? []);
    const notices = calendarNotices(reg.current().docs, services.clock.now());
    return c.json({ ...row, publishedAt: new Date(row.publishedAt).toISOString(), unchanged, removed, notices }, unchanged ? 200 : 201);
  });

  // The editor's check as the administrator types: publishing's validation, nothing published.
  app.post('/validate', async (c) => {
    requireAdmin(c.get('user'), services.registry.current().org);
    const body = await jsonBody<{ files: { path: string; text: string }[] }>(c, 'Validate');
    return c.json(validateFiles(body.files, services.clock.now()));
  });

  app.post('/simulate', async (c) => {
    requireAdmin(c.get('user'), services.registry.current().org);
    const body = await jsonBody<{ files: { path: string; text: string }[]; scenarios?: string[] }>(c, 'Simulate');
    return c.json(await simulateFiles(body.files, body.scenarios, Date.now()));
  });

  app.post('/rollback', async (c) => {
    requireAdmin(c.get('user'), services.registry.current().org);
    const body = await jsonBody<{ seq: number; note?: string }>(c, 'Rollback');
    const { row, removed } = await reg.rollback(body.seq, c.get('user').username, body.note ?? null);
    return c.json({ ...row, publishedAt: new Date(row.publishedAt).toISOString(), removed }, 201);
  });

  /**
   * A definition as a customer may read it: their workflows (the customer's view), those
   * workflows' customer forms minus staff-only fields, the business calendars (time zone,
   * holidays), the Organization without its people;
   * anything else answers 404 as if it did not exist.
   */
  /**
   * A workflow's view with its start form's user fields listing the people the reader could name
   * (oneOf, as event forms do): for a case in the reader's own unit, where a case they start
   * belongs unless the workflow says otherwise.
   */
  async function withStartChoices(view: Record<string, unknown>, set: ReturnType<typeof reg.current>, user: AppEnv['Variables']['user']) {
    const start = view['startForm'] as JsonSchema | undefined;
    if (!start || !hasUserField(start)) return view;
    const actor = await services.users.actorOf(user);
    return { ...view, startForm: formForCase(start, set, { unit: actor.unit ?? set.org.root }, services.users.directory()) };
  }

  async function customerDefinition(set: ReturnType<typeof reg.current>, kind: string, name: string, user: AppEnv['Variables']['user']) {
    const actor = await services.users.actorOf(user);
    if (kind === 'Calendar') {
      const view = definitionView(set, kind, name, user.locale);
      if (view) return view;
    }
    if (kind === 'Organization') {
      const view = definitionView(set, kind, name, user.locale);
      if (view) return organizationFor(view, { admin: false, scope: scopeOf(user, reg.current().org) });
    }
    const workflows = kind === 'Workflow' || kind === 'Form' ? await customerWorkflows(services, set, actor) : new Set<string>();
    if (kind === 'Workflow' && workflows.has(name)) {
      const wf = set.workflows.get(name)!;
      const prefill = await customerPrefill(services, wf, services.users.directory().user(user.username), user.username);
      return customerWorkflowView(set, wf, actor, user.locale, prefill);
    }
    if (kind === 'Form' && customerForms(set, workflows, actor).has(name)) {
      const form = set.forms.get(name);
      if (form) {
        const json = form.toJSON();
        return { kind, ...json, schema: withoutStaffOnly(json.schema as Record<string, unknown>), version: set.version };
      }
    }
    throw notFound('definition');
  }

  return app;
}
