import type { DefinitionView, WorkflowView } from '../../contract/types.ts';
import type { JsonSchema } from '../../engine/forms/index.ts';
import { formForCase, hasListedField } from '../cases/event-form-choices.ts';
import { routes } from '../../contract/routes.ts';
import { calendarNotices } from '../../engine/calendar/index.ts';
import { localize } from '../../engine/localized.ts';
import { isAdministrator, scopeOf } from '../access/scope.ts';
import type { AppEnv } from '../context.ts';
import {
  customerForms,
  customerPrefill,
  customerWorkflowView,
  customerWorkflows,
} from '../definitions/customer-definitions.ts';
import { layoutWithoutStaffOnly, withoutStaffOnly } from '../cases/customer-form.ts';
import { definitionView, workflowView } from '../definitions/definition-views.ts';
import { diffFiles } from '../definitions/diff-files.ts';
import { isFirstStart } from '../definitions/definition-registry.ts';
import { organizationFor } from '../definitions/organization-view.ts';
import { simulateFiles } from '../definitions/simulate-files.ts';
import { validateFiles } from '../definitions/validate-files.ts';
import { notFound, saidField, saidProblem } from '../http/problem-messages.ts';
import { implement } from '../http/route-contract.ts';
import { impactRoutes } from './impact-routes.ts';
import type { Services } from '../services.ts';

/**
 * The published definitions (P-3): read, publish, list versions, diff, roll back. Everyone reads
 * the compiled definitions (forms and workflows are what the app is built from), the Organization
 * trimmed to what the reader may know (organization-view.ts). The version list (who published
 * what, with notes), diffs and files are raw administration: YAML holds every person's contact
 * details, so they are for administrators only.
 */
export function definitionRoutes(services: Services) {
  const reg = services.registry;

  const isCustomer = (user: AppEnv['Variables']['user']) => scopeOf(user, reg.current().org).customer !== null;

  const list = implement(routes.definitions, async (c, { json }) => {
    const set = reg.current();
    const user = c.get('user');
    const locale = user.locale;
    if (isCustomer(user)) {
      // A customer's list: only the workflows they may start or have cases in (their portal's filter).
      const names = await customerWorkflows(services, set, await services.users.actorOf(user));
      // And the business calendars, whose time zone the portal shows times in.
      const calendars = set.docs
        .filter((d) => d.kind === 'Calendar')
        .map((d) => ({
          kind: d.kind,
          name: d.metadata.name,
          version: set.version,
          title: localize(d.metadata.title ?? d.metadata.name, locale),
        }));
      return json(200, [
        ...[...names].flatMap((name) => {
          const wf = set.workflows.get(name);
          return wf ? [{ kind: 'Workflow', name, version: set.version, title: localize(wf.title, locale) }] : [];
        }),
        ...calendars,
      ]);
    }
    return json(
      200,
      set.docs.map((d) => ({
        kind: d.kind,
        name: d.metadata.name,
        version: set.version,
        title: localize(d.metadata.title ?? d.metadata.name, locale),
      })),
    );
  });

  // What administrators must act on in the published set, e.g. a calendar whose holiday data ends
  // this year or next (the case view flags the deadlines it affects).
  const notices = implement(routes.notices, async (c, { json }) => {
    return json(200, calendarNotices(reg.current().docs, services.clock.now()));
  });

  const versions = implement(routes.versions, async (c, { json }) => {
    const current = reg.currentRow();
    // Open cases by the content version they run on: what a migration (POST /api/cases/migrate) could move.
    const open = new Map<string, Record<string, number>>();
    for (const row of await services.store.openCaseCounts())
      open.set(row.definitionVersion, { ...open.get(row.definitionVersion), [row.workflow]: row.count });
    return json(
      200,
      (await services.storage.versions.list()).map((v) => {
        const byWorkflow = open.get(v.version) ?? {};
        const openCases = Object.values(byWorkflow).reduce((a, b) => a + b, 0);
        return {
          ...v,
          publishedAt: new Date(v.publishedAt).toISOString(),
          current: v.seq === current.seq,
          firstStart: isFirstStart(v),
          openCases,
          openCasesByWorkflow: byWorkflow,
        };
      }),
    );
  });

  const diff = implement(routes.diff, async (c, { query, json }) => {
    // Raw YAML, the Organization's people and contacts included: administrators only (declared `admin`).
    const from = query.from;
    const to = query.to ?? reg.currentRow().seq;
    const [a, b] = [await services.storage.versions.get(from), await services.storage.versions.get(to)];
    if (!a || !b) throw notFound('definition version');
    return json(200, {
      from: { seq: a.seq, version: a.version },
      to: { seq: b.seq, version: b.version },
      files: diffFiles(a.files, b.files),
    });
  });

  const files = implement(routes.files, async (c, { query, json }) => {
    const seq = query.seq ?? reg.currentRow().seq;
    const row = await services.storage.versions.get(seq);
    if (!row) throw notFound('definition version');
    return json(200, { seq: row.seq, version: row.version, files: row.files });
  });

  const one = implement(routes.definition, async (c, { params: { kind, name }, query, json }) => {
    const wanted = query.version;
    const set = wanted ? reg.version(wanted) : reg.current();
    if (!set) throw notFound('definition version');
    const user = c.get('user');
    if (isCustomer(user)) return json(200, await customerDefinition(set, kind, name, user));
    if (kind === 'Workflow') {
      const wf = set.workflows.get(name);
      if (!wf) throw notFound('definition');
      return json(200, await withStartChoices(workflowView(set, wf, user.locale), set, user));
    }
    const view = definitionView(set, kind, name, user.locale);
    if (!view) throw notFound('definition');
    // Scope by the current Organization: an old version's units may be gone, the reader's rights are today's.
    const org = reg.current().org;
    return json(
      200,
      kind === 'Organization'
        ? organizationFor(view, { admin: isAdministrator(user, org), scope: scopeOf(user, org) })
        : view,
    );
  });

  const publish = implement(routes.publish, async (c, { body: read, json }) => {
    const body = await read();
    const paths = new Set<string>();
    body.files.forEach((f, i) => {
      if (paths.has(f.path))
        throw saidProblem(
          422,
          'fileTwice',
          { path: f.path },
          { code: 'INVALID_BODY', errors: [saidField(`/files/${i}/path`, 'field.duplicatePath')] },
        );
      paths.add(f.path);
    });
    const { row, unchanged, removed } = await reg.publish(
      body.files,
      c.get('user').username,
      body.note ?? null,
      body.expectedSeq,
      body.remove ?? [],
    );
    const calendar = calendarNotices(reg.current().docs, services.clock.now());
    return json(unchanged ? 200 : 201, {
      ...row,
      publishedAt: new Date(row.publishedAt).toISOString(),
      unchanged,
      removed,
      notices: calendar,
    });
  });

  // The editor's check as the administrator types: publishing's validation, nothing published.
  const validate = implement(routes.validate, async (c, { body: read, json }) => {
    const body = await read();
    return json(200, validateFiles(body.files, services.clock.now(), c.get('user').locale));
  });

  const simulate = implement(routes.simulate, async (c, { body: read, json }) => {
    const body = await read();
    return json(200, await simulateFiles(body.files, body.scenarios, Date.now(), c.get('user').locale));
  });

  const rollback = implement(routes.rollback, async (c, { body: read, json }) => {
    const body = await read();
    const { row, removed } = await reg.rollback(body.seq, c.get('user').username, body.note ?? null);
    return json(201, { ...row, publishedAt: new Date(row.publishedAt).toISOString(), removed });
  });

  /**
   * A definition as a customer may read it: their workflows (the customer's view), those
   * workflows' customer forms minus staff-only fields, the business calendars (time zone,
   * holidays), the Organization without its people;
   * anything else answers 404 as if it did not exist.
   */
  /**
   * A workflow's view with its start form's user and unit fields listing what the reader could
   * name (oneOf, as event forms do): for a case in the reader's own unit, where a case they start
   * belongs unless the workflow says otherwise (a unit field can say where).
   */
  async function withStartChoices(
    view: WorkflowView,
    set: ReturnType<typeof reg.current>,
    user: AppEnv['Variables']['user'],
  ): Promise<WorkflowView> {
    const start = view.startForm as JsonSchema;
    if (!hasListedField(start)) return view;
    const actor = await services.users.actorOf(user);
    return {
      ...view,
      startForm: formForCase(start, set, { unit: actor.unit ?? set.org.root }, services.users.directory(), {
        actor,
        locale: user.locale,
      }),
    };
  }

  async function customerDefinition(
    set: ReturnType<typeof reg.current>,
    kind: string,
    name: string,
    user: AppEnv['Variables']['user'],
  ): Promise<DefinitionView> {
    const actor = await services.users.actorOf(user);
    if (kind === 'Calendar') {
      const view = definitionView(set, kind, name, user.locale);
      if (view) return view;
    }
    if (kind === 'Organization') {
      const view = definitionView(set, kind, name, user.locale);
      if (view) return organizationFor(view, { admin: false, scope: scopeOf(user, reg.current().org) });
    }
    const workflows =
      kind === 'Workflow' || kind === 'Form' ? await customerWorkflows(services, set, actor) : new Set<string>();
    if (kind === 'Workflow' && workflows.has(name)) {
      const wf = set.workflows.get(name)!;
      const prefill = await customerPrefill(
        services,
        wf,
        services.users.directory().user(user.username),
        user.username,
      );
      return customerWorkflowView(set, wf, actor, user.locale, prefill);
    }
    if (kind === 'Form' && customerForms(set, workflows, actor).has(name)) {
      const form = set.forms.get(name);
      if (form) {
        const json = form.toJSON();
        return {
          kind,
          ...json,
          schema: withoutStaffOnly(json.schema) ?? json.schema,
          layout: layoutWithoutStaffOnly(json.layout, json.schema),
          version: set.version,
        };
      }
    }
    throw notFound('definition');
  }

  return [list, notices, versions, diff, files, one, publish, validate, simulate, rollback, ...impactRoutes(services)];
}
