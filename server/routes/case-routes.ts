import { routes } from '../../contract/routes.ts';
import type { CaseRecord } from '../../engine/runtime/case-record.ts';
import { searchTextOf } from '../../engine/store/case-index-fields.ts';
import type { CaseQuery } from '../../engine/store/index.ts';
import { canHoldSealedData, sealCase } from '../../engine/workflows/sealed-data.ts';
import { scopeOf, unitsFilter } from '../access/scope.ts';
import { caseAnswer } from '../cases/case-answer.ts';
import { setOf, summaryOf } from '../cases/case-view.ts';
import { dropStaffOnly } from '../cases/customer-form.ts';
import { customerSummaryOf } from '../cases/customer-view.ts';
import { visibleCase } from '../cases/visible-case.ts';
import { waitingFor } from '../cases/waiting-for.ts';
import type { AuthUser } from '../context.ts';
import { notFound } from '../http/problem-messages.ts';
import { implement } from '../http/route-contract.ts';
import { isAllowed } from '../../engine/runtime/authorize.ts';
import { choicesForCase, choicesLink } from '../cases/event-form-choices.ts';
import type { Services } from '../services.ts';

/** POST/GET /api/cases, GET /api/cases/:id, POST /api/cases/:id/events; `:id` is a case's id or its number. */
export function caseRoutes(services: Services) {
  // A customer (the portal) gets the customer view of every case answer, never the staff's.
  const isCustomer = (user: AuthUser) => scopeOf(user, services.registry.current().org).customer !== null;
  const answer = (
    record: CaseRecord,
    user: AuthUser,
    actor: Awaited<ReturnType<Services['users']['actorOf']>>,
    status: 200 | 201,
    headers?: Record<string, string>,
  ) => caseAnswer(services, record, user, actor, status, headers);

  const create = implement(routes.createCase, async (c, { body: read }) => {
    const body = await read();
    const user = c.get('user');
    const actor = await services.users.actorOf(user);
    const data = isCustomer(user)
      ? dropStaffOnly(startFormSchema(services, body.workflow), body.data ?? {})
      : (body.data ?? {});
    const record = await services.engine.createCase(actor, body.workflow, data);
    c.set('outcome', { case: record.id, version: record.version });
    return answer(record, user, actor, 201, { location: `/api/cases/${record.id}` });
  });

  const list = implement(routes.cases, async (c, { query: q, json }) => {
    const user = c.get('user');
    const org = services.registry.current().org;
    const scope = scopeOf(user, org);
    const limit = q.limit ?? 50;
    const units = scope.customer !== null ? undefined : unitsFilter(scope, org, q.unit || undefined);
    const query: CaseQuery = {
      limit,
      ...(q.workflow ? { workflow: q.workflow } : {}),
      ...(q.state ? { state: q.state } : {}),
      ...(units !== undefined ? { units } : {}),
      ...(scope.customer !== null ? { customerUser: scope.customer } : {}),
      ...(q.overdue ? { overdueAt: services.clock.now() } : {}),
      ...(q.q ? { text: q.q } : {}),
      ...(q.cursor ? { cursor: q.cursor } : {}),
    };
    const page = await services.store.listCases(query);
    const actor = await services.users.actorOf(user);
    const items = [];
    for (const record of page.items) {
      const shown = await sealedRecord(services, record);
      // The search text leaves sealed data out (searchTextOf); this catches cases indexed before it did (TND-7).
      if (q.q && shown !== record && !searchTextOf(shown).includes(q.q.toLowerCase())) continue;
      items.push(
        scope.customer !== null
          ? await customerItem(services, shown, user.locale)
          : { ...summaryOf(shown), waitingForMe: waitingFor(setOf(services, record), record, actor) },
      );
    }
    return json(200, { items, next: page.next });
  });

  const one = implement(routes.case, async (c, { params }) => {
    const user = c.get('user');
    const record = await visibleCase(services, user, params.id);
    return answer(record, user, await services.users.actorOf(user), 200);
  });

  // The choices of a form's field, a page at a time, where the form names them by an x-sf-choices
  // link (too many to list inline, docs/api.md): for staff who may send the event now, else 404.
  const choices = implement(routes.choices, async (c, { params, query, json }) => {
    const user = c.get('user');
    const record = await visibleCase(services, user, params.id);
    const { event, field } = query;
    const limit = query.limit ?? 50;
    const from = query.cursor ?? 0;
    const actor = await services.users.actorOf(user);
    const set = setOf(services, record);
    const info =
      record.done || isCustomer(user)
        ? undefined
        : set.workflows
            .get(record.workflow)
            ?.eventsFor(record.activeStates)
            .get(event ?? '');
    const schema =
      info?.form && isAllowed(info.allow, actor, record, set.org)
        ? (set.forms.get(info.form)?.schema as Record<string, unknown> | undefined)
        : undefined;
    const all =
      schema && field
        ? choicesForCase(schema, field, set, record, services.users.directory(), { actor, locale: user.locale })
        : undefined;
    if (!all) throw notFound('choices');
    const items = all.slice(from, from + limit);
    const next =
      from + limit < all.length
        ? `${choicesLink(record.id, info!.type, field!)}&${new URLSearchParams({ cursor: String(from + limit), limit: String(limit) }).toString()}`
        : null;
    return json(200, { items, next });
  });

  const send = implement(routes.caseEvent, async (c, { params: { id: idOrNumber }, body: read }) => {
    const user = c.get('user');
    // A case the user may not see answers 404 before anything about the body; {id} may be its number.
    const before = await visibleCase(services, user, idOrNumber);
    const id = before.id;
    const body = await read();
    const actor = await services.users.actorOf(user);
    const data =
      body.data !== undefined && isCustomer(user)
        ? dropStaffOnly(eventFormSchema(services, before, body.type), body.data)
        : body.data;
    const record = await services.engine.sendEvent(id, {
      type: body.type,
      actor,
      ...(data !== undefined ? { data } : {}),
      ...(body.expectedVersion !== undefined ? { expectedVersion: body.expectedVersion } : {}),
    });
    c.set('outcome', { case: record.id, version: record.version });
    return answer(record, user, actor, 200);
  });

  return [create, list, one, choices, send];
}

/** The record with sealed data removed, reading the history only for workflows that seal. */
export async function sealedRecord(services: Services, record: CaseRecord): Promise<CaseRecord> {
  const wf = setOf(services, record).workflows.get(record.workflow);
  if (!canHoldSealedData(wf)) return record;
  const view = sealCase(wf, record, await services.store.history(record.id));
  return view.sealed.length ? view.record : record;
}

async function customerItem(services: Services, record: CaseRecord, locale: AuthUser['locale']) {
  const set = setOf(services, record);
  return customerSummaryOf(
    set,
    set.workflows.get(record.workflow),
    record,
    await services.histories.of(record),
    locale,
  );
}

function startFormSchema(services: Services, workflow: string) {
  const set = services.registry.current();
  const name = set.workflows.get(workflow)?.spec.startForm;
  return name ? (set.forms.get(name)?.schema as Record<string, unknown> | undefined) : undefined;
}

function eventFormSchema(services: Services, record: CaseRecord, type: string) {
  const set = setOf(services, record);
  const form = set.workflows.get(record.workflow)?.eventsFor(record.activeStates).get(type)?.form;
  return form ? (set.forms.get(form)?.schema as Record<string, unknown> | undefined) : undefined;
}
