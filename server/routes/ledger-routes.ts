import { Hono } from 'hono';
import type { Definition } from '../../engine/definitions/index.ts';
import type { FormSpec } from '../../engine/forms/form-model.ts';
import { localize, type Locale, type Localized } from '../../engine/localized.ts';
import { LEDGER_READ_TIME, ledgerLabels, type LedgerSpec } from '../../engine/reports/index.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import { scopeOf, unitsFilter } from '../access/scope.ts';
import type { AppEnv } from '../context.ts';
import { forbidden, notFound } from '../http/problem.ts';
import { reportTimeZone } from '../projection/project-case.ts';
import { toCsv } from '../reports/csv.ts';
import { formatValue } from '../reports/format-value.ts';
import { periodOf } from '../reports/period.ts';
import type { Services } from '../services.ts';

// Option labels per ledger definition; a published set's definitions never change.
const labelCache = new WeakMap<Definition<LedgerSpec>, ReadonlyMap<string, ReadonlyMap<string, Localized>>>();
function labelsOf(def: Definition<LedgerSpec>, set: CompiledSet) {
  let labels = labelCache.get(def);
  if (!labels) labelCache.set(def, (labels = ledgerLabels(def.spec, (name) => set.definition<FormSpec>('Form', name))));
  return labels;
}

/** A stored option value (or several) as its label in `locale`; a value without an option as it is. */
function labelled(value: unknown, byValue: ReadonlyMap<string, Localized>, locale: Locale): unknown {
  const one = (v: unknown) => {
    const label = typeof v === 'string' ? byValue.get(v) : undefined;
    return label === undefined ? v : localize(label, locale);
  };
  return Array.isArray(value) ? listFormat(locale).format(value.map((v) => String(one(v)))) : one(value);
}

// Several options of one value, listed as the language lists them ("a, b, c"; in Chinese with the enumeration comma).
const listFormats = new Map<string, Intl.ListFormat>();
function listFormat(locale: Locale): Intl.ListFormat {
  let f = listFormats.get(locale);
  if (!f) listFormats.set(locale, (f = new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' })));
  return f;
}

/** GET /api/ledger?ledger=&unit=&from=&to= — JSON, or CSV with Accept: text/csv (FORM-1, FORM-5). */
export function ledgerRoutes(services: Services) {
  const app = new Hono<AppEnv>();
  app.get('/ledger', async (c) => {
    const user = c.get('user');
    const set = services.registry.current();
    const scope = scopeOf(user, set.org);
    if (scope.customer !== null) throw forbidden('the ledger is for staff');
    const name = c.req.query('ledger');
    const def = (name ? set.definition<LedgerSpec>('Ledger', name) : set.docs.find((d) => d.kind === 'Ledger')) as Definition<LedgerSpec> | undefined;
    if (!def) throw notFound('ledger');
    const unit = c.req.query('unit');
    const tz = reportTimeZone(set, unit ?? set.org.root);
    const period = periodOf({ from: c.req.query('from'), to: c.req.query('to'), month: c.req.query('month') }, tz, services.clock.now());
    const units = unitsFilter(scope, set.org, unit);
    await services.projector.flush();
    const rows = await services.storage.projections.ledger({ ledger: def.metadata.name, from: period.from, to: period.to, ...(units ? { units } : {}) });
    const labels = labelsOf(def, set);
    const seqByUnit = new Map<string, number>();
    const locale = user.locale;
    const filled = rows.map((r) => {
      const seq = (seqByUnit.get(r.unit) ?? 0) + 1;
      seqByUnit.set(r.unit, seq);
      const extra: Record<string, unknown> = { seq, unit: r.unit, unitTitle: localize(set.org.unit(r.unit)?.title ?? r.unit, locale), period: period.label };
      const values = { ...r.values };
      for (const col of def.spec.columns) {
        const m = typeof col.value === 'string' ? LEDGER_READ_TIME.exec(col.value) : null;
        if (m) values[col.name] = extra[m[1]!];
        const byValue = labels.get(col.name);
        if (byValue) values[col.name] = labelled(values[col.name], byValue, locale);
      }
      return { seq, unit: r.unit, caseId: r.caseId, at: new Date(r.at).toISOString(), values };
    });
    if ((c.req.header('accept') ?? '').includes('text/csv')) {
      const header = def.spec.columns.map((col) => localize(col.title ?? col.name, locale));
      const body = toCsv(header, filled.map((r) => def.spec.columns.map((col) => formatValue(r.values[col.name], col, reportTimeZone(set, r.unit)))));
      return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${def.metadata.name}-${period.label.replace(/[^0-9A-Za-z.-]/g, '_')}.csv"` });
    }
    return c.json({
      ledger: def.metadata.name,
      title: localize(def.metadata.title ?? def.metadata.name, locale),
      from: new Date(period.from).toISOString(),
      to: new Date(period.to).toISOString(),
      columns: def.spec.columns.map((col) => ({ name: col.name, title: localize(col.title ?? col.name, locale), format: col.format ?? 'text' })),
      rows: filled,
    });
  });
  return app;
}
