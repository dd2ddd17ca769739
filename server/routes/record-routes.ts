import { randomUUID } from 'node:crypto';
import { routes } from '../../contract/routes.ts';
import type { Definition } from '../../engine/definitions/index.ts';
import { localize, type Localized } from '../../engine/localized.ts';
import { actorFacts } from '../../engine/runtime/facts.ts';
import { peopleOf } from '../../engine/runtime/people-of.ts';
import { unitsOf } from '../../engine/runtime/units-of.ts';
import { scopeOf, seesCase, seesUnit, type Scope } from '../access/scope.ts';
import { summaryOf } from '../cases/case-view.ts';
import type { AuthUser } from '../context.ts';
import { forbidden, notFound, problemText, saidField, saidProblem } from '../http/problem-messages.ts';
import { implement } from '../http/route-contract.ts';
import type { Services } from '../services.ts';
import { recordKeyOf, recordSearchText } from '../records/record-keys.ts';
import type { RecordRow } from '../../ports/server-storage.ts';
import { sealedRecord } from './case-routes.ts';

interface RecordTypeSpec {
  form: string;
  key?: string[];
  titleField?: string;
  searchFields?: string[];
  portalReadable?: boolean;
}

const recordView = (r: RecordRow) => ({
  ...r,
  createdAt: new Date(r.createdAt).toISOString(),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

/** Archives (INFO-2, INFO-5): records of the RecordTypes in the definitions; every version kept. */
export function recordRoutes(services: Services) {
  const typeOf = (name: string) => {
    const def = services.registry.current().definition<RecordTypeSpec>('RecordType', name);
    if (!def) throw notFound('record type');
    return def;
  };
  // A record type as people name it (its title; en keeps the name programs know, as before).
  const typeTitle = (def: Definition<RecordTypeSpec>) => ({
    zh: localize(def.metadata.title ?? def.metadata.name, 'zh-CN'),
    en: def.metadata.name,
  });
  const fieldLabel = (def: Definition<RecordTypeSpec>, key: string): Localized => {
    const properties = services.registry.current().forms.get(def.spec.form)?.schema['properties'] as
      Record<string, { 'x-sf-label'?: Localized }> | undefined;
    return properties?.[key]?.['x-sf-label'] ?? key;
  };
  const readable = (scope: Scope, def: Definition<RecordTypeSpec>, r: RecordRow) =>
    seesUnit(scope, r.unit) || (scope.customer !== null && def.spec.portalReadable === true);
  const scopeFor = (user: AuthUser) => scopeOf(user, services.registry.current().org);
  const validated = (def: Definition<RecordTypeSpec>, data: unknown, user: AuthUser) => {
    const set = services.registry.current();
    // A record belongs to no case: its user fields name enabled holders of their role anywhere,
    // its unit fields any unit (within: case) or the writer's own and below (within: actor).
    const directory = services.users.directory();
    const result = set.forms.get(def.spec.form)!.validate(data, {
      locale: user.locale,
      context: { actor: actorFacts({ username: user.username, unit: user.unit, roles: user.roles }, set.org) },
      people: peopleOf(directory, set.org, set.org.root),
      units: unitsOf(directory, set.org, set.org.root, { unit: user.unit }),
    });
    if (!result.ok)
      throw saidProblem(
        422,
        'recordInvalid',
        { type: typeTitle(def) },
        {
          code: 'INVALID_DATA',
          errors: result.errors.map((e) => ({ path: `/data${e.path}`, message: e.message, code: e.code })),
        },
      );
    return result.data as Record<string, unknown>;
  };
  const write = async (def: Definition<RecordTypeSpec>, row: RecordRow, note: string | null, expected: number) => {
    const outcome = await services.storage.records.put(
      row,
      recordKeyOf(def.spec, row.data),
      recordSearchText(def.spec, row.id, row.data),
      note,
      expected,
    );
    if (outcome === 'duplicate') {
      const keys = def.spec.key!;
      // People read the type's title and the key fields' labels; the English keeps the names programs know.
      const labels = keys.map((k) => fieldLabel(def, k));
      throw saidProblem(
        409,
        'recordDuplicate',
        {
          type: typeTitle(def),
          keys: {
            zh: labels.map((l) => localize(l, 'zh-CN')).join(problemText('_list', 'zh-CN')),
            en: keys.join(', '),
          },
        },
        { code: 'DUPLICATE_RECORD', errors: keys.map((k) => saidField(`/data/${k}`, 'field.alreadyUsed')) },
      );
    }
    if (outcome === 'stale') throw saidProblem(409, 'recordChanged', {}, { code: 'STALE_VERSION' });
  };
  const visible = async (user: AuthUser, type: string, id: string) => {
    const def = typeOf(type);
    const r = await services.storage.records.get(type, id);
    if (!r || !readable(scopeFor(user), def, r)) throw notFound('record');
    return { def, r };
  };

  const types = implement(routes.recordTypes, (c, { json }) => {
    const set = services.registry.current();
    return json(
      200,
      set.docs
        .filter((d) => d.kind === 'RecordType')
        .map((d) => ({
          type: d.metadata.name,
          title: localize(d.metadata.title ?? d.metadata.name, c.get('user').locale),
          form: (d.spec as RecordTypeSpec).form,
          ...((d.spec as RecordTypeSpec).titleField ? { titleField: (d.spec as RecordTypeSpec).titleField } : {}),
        })),
    );
  });

  const search = implement(routes.records, async (c, { params, query, json }) => {
    const def = typeOf(params.type);
    const scope = scopeFor(c.get('user'));
    const limit = query.limit ?? 50;
    const portal = scope.customer !== null && def.spec.portalReadable === true;
    if (scope.customer !== null && !portal) return json(200, { items: [], next: null });
    const { q, cursor: after } = query;
    const items = await services.storage.records.search({
      type: def.metadata.name,
      limit: limit + 1,
      ...(scope.all || portal ? {} : { units: scope.units }),
      ...(q ? { text: q } : {}),
      ...(after ? { after } : {}),
    });
    const page = items.slice(0, limit);
    return json(200, { items: page.map(recordView), next: items.length > limit ? page.at(-1)!.id : null });
  });

  const create = implement(routes.createRecord, async (c, { params, body: read, json }) => {
    const user = c.get('user');
    const def = typeOf(params.type);
    const scope = scopeFor(user);
    if (scope.customer !== null) throw forbidden('forbidden.customersNoArchives');
    const body = await read();
    const org = services.registry.current().org;
    const unit = body.unit ?? (org.unit(user.unit) ? org.actingUnit(user.unit) : org.root);
    if (!seesUnit(scope, unit))
      throw saidProblem(
        422,
        'unitOutsideScope',
        { unit: { zh: localize(org.unit(unit)?.title ?? unit, 'zh-CN'), en: unit } },
        { code: 'INVALID_BODY', errors: [saidField('/unit', 'field.notYourUnit')] },
      );
    const data = validated(def, body.data, user);
    const now = services.clock.now();
    const row: RecordRow = {
      type: def.metadata.name,
      id: `r${randomUUID().replace(/-/g, '').slice(0, 20)}`,
      unit,
      data,
      version: 1,
      createdAt: now,
      updatedAt: now,
      createdBy: user.username,
      updatedBy: user.username,
    };
    await write(def, row, null, 0);
    return json(201, recordView(row));
  });

  const one = implement(routes.record, async (c, { params, json }) => {
    const { r } = await visible(c.get('user'), params.type, params.id);
    const history = await services.storage.records.history(r.type, r.id);
    return json(200, { ...recordView(r), history: history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })) });
  });

  const change = implement(routes.changeRecord, async (c, { params, body: read, json }) => {
    const user = c.get('user');
    const { def, r } = await visible(user, params.type, params.id);
    if (scopeFor(user).customer !== null) throw forbidden('forbidden.customersNoArchives');
    const body = await read();
    if (body.expectedVersion !== r.version)
      throw saidProblem(
        409,
        'recordAtVersion',
        { version: r.version, expected: body.expectedVersion },
        { code: 'STALE_VERSION' },
      );
    const data = validated(def, body.data, user);
    const row: RecordRow = {
      ...r,
      data,
      version: r.version + 1,
      updatedAt: services.clock.now(),
      updatedBy: user.username,
    };
    await write(def, row, body.note ?? null, r.version);
    return json(200, recordView(row));
  });

  const cases = implement(routes.recordCases, async (c, { params, json }) => {
    const user = c.get('user');
    const { r } = await visible(user, params.type, params.id);
    await services.projector.flush();
    const scope = scopeFor(user);
    const items = [];
    for (const id of await services.storage.records.casesOf(r.type, r.id)) {
      const record = await services.store.getCase(id);
      if (record && seesCase(scope, record)) items.push(summaryOf(await sealedRecord(services, record)));
    }
    return json(200, { items });
  });

  return [types, search, create, one, change, cases];
}
