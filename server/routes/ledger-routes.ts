import { routes } from '../../contract/routes.ts';
import type { Definition } from '../../engine/definitions/index.ts';
import type { FormSpec } from '../../engine/forms/form-model.ts';
import { localize, type Locale, type Localized } from '../../engine/localized.ts';
import { LEDGER_READ_TIME, ledgerLabels, type LedgerSpec } from '../../engine/reports/index.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import { scopeOf, unitsFilter } from '../access/scope.ts';
import { forbidden, notFound, saidField, saidProblem } from '../http/problem-messages.ts';
import { implement } from '../http/route-contract.ts';
import { reportTimeZone } from '../projection/project-case.ts';
import { csvLines } from '../reports/csv.ts';
import { formatValue } from '../reports/format-value.ts';
import { periodOf } from '../reports/period.ts';
import type { Services } from '../services.ts';
import type { LedgerKey, LedgerRow } from '../../ports/server-storage.ts';

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

/** The longest period one ledger request covers: a year (1900-2999 once answered 45.7 MB). */
const MAX_RANGE_DAYS = 366;
/** Rows per JSON page by default; at most 5000 with `limit=` (contract/schemas/reports.ts, LedgerQuery). */
const PAGE_ROWS = 1000;
/** Rows read from the database per piece of a CSV download. */
const CSV_CHUNK_ROWS = 1000;

/**
 * GET /api/ledger?ledger=&unit=&from=&to=&limit=&cursor= — JSON pages of at most `limit` rows with
 * `next` (the cursor of the following page, null on the last), or with Accept: text/csv every row
 * of the period as one CSV, streamed a thousand rows at a time (FORM-1, FORM-5). A period covers
 * at most 366 days. `seq` numbers each unit's rows across pages, as in one answer.
 */
export function ledgerRoutes(services: Services) {
  const ledger = implement(routes.ledger, async (c, { query, json }) => {
    const user = c.get('user');
    const set = services.registry.current();
    const scope = scopeOf(user, set.org);
    if (scope.customer !== null) throw forbidden('forbidden.ledgerStaff');
    const name = query.ledger;
    const def = (name ? set.definition<LedgerSpec>('Ledger', name) : set.docs.find((d) => d.kind === 'Ledger')) as
      Definition<LedgerSpec> | undefined;
    if (!def) throw notFound('ledger');
    const unit = query.unit;
    const tz = reportTimeZone(set, unit ?? set.org.root);
    const period = periodOf({ from: query.from, to: query.to, month: query.month }, tz, services.clock.now());
    if (period.to - period.from > MAX_RANGE_DAYS * 86_400_000) {
      throw saidProblem(
        400,
        'ledgerRangeTooLong',
        { days: MAX_RANGE_DAYS },
        {
          code: 'INVALID_QUERY',
          errors: [saidField(query.to === undefined ? 'from' : 'to', 'field.atMostDays', { days: MAX_RANGE_DAYS })],
        },
      );
    }
    const units = unitsFilter(scope, set.org, unit);
    await services.projector.flush();
    const labels = labelsOf(def, set);
    const locale = user.locale;
    const read = (after: LedgerCursor | undefined, limit: number) =>
      services.storage.projections.ledger({
        ledger: def.metadata.name,
        from: period.from,
        to: period.to,
        limit,
        ...(units ? { units } : {}),
        ...(after ? { after } : {}),
      });
    const fill = (rows: readonly LedgerRow[], after: LedgerCursor | undefined) => {
      // seq continues the unit of the previous page's last row.
      const seqByUnit = new Map<string, number>(after ? [[after.unit, after.seq]] : []);
      return rows.map((r) => {
        const seq = (seqByUnit.get(r.unit) ?? 0) + 1;
        seqByUnit.set(r.unit, seq);
        const extra: Record<string, unknown> = {
          seq,
          unit: r.unit,
          unitTitle: localize(set.org.unit(r.unit)?.title ?? r.unit, locale),
          period: period.label,
        };
        const values = { ...r.values };
        for (const col of def.spec.columns) {
          const m = typeof col.value === 'string' ? LEDGER_READ_TIME.exec(col.value) : null;
          if (m) values[col.name] = extra[m[1]!];
          const byValue = labels.get(col.name);
          if (byValue) values[col.name] = labelled(values[col.name], byValue, locale);
          // A username is shown as the person's name; a name typed on a form stays as typed.
          if (col.format === 'person' && typeof values[col.name] === 'string') {
            const name = services.users.directory().user(values[col.name] as string)?.name;
            if (name !== undefined) values[col.name] = localize(name, locale);
          }
        }
        return { seq, unit: r.unit, caseId: r.caseId, atMs: r.at, at: new Date(r.at).toISOString(), values };
      });
    };
    const cursorAfter = (rows: ReturnType<typeof fill>): LedgerCursor | undefined => {
      const last = rows.at(-1);
      return last && { unit: last.unit, at: last.atMs, caseId: last.caseId, seq: last.seq };
    };

    if ((c.req.header('accept') ?? '').includes('text/csv')) {
      const header = def.spec.columns.map((col) => localize(col.title ?? col.name, locale));
      const csvOf = (rows: ReturnType<typeof fill>) =>
        csvLines(
          rows.map((r) =>
            def.spec.columns.map((col) => formatValue(r.values[col.name], col, reportTimeZone(set, r.unit))),
          ),
        );
      // The whole period, a piece at a time: the answer never sits in memory whole.
      let after: LedgerCursor | undefined;
      let first = true;
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const rows = fill(await read(after, CSV_CHUNK_ROWS), after);
          const text = (first ? '\uFEFF' + csvLines([header]) : '') + csvOf(rows);
          first = false;
          if (text) controller.enqueue(encoder.encode(text));
          after = cursorAfter(rows);
          if (rows.length < CSV_CHUNK_ROWS) controller.close();
        },
      });
      return c.body(body, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${def.metadata.name}-${period.label.replace(/[^0-9A-Za-z.-]/g, '_')}.csv"`,
      });
    }

    const limit = query.limit ?? PAGE_ROWS;
    const after = parseCursor(query.cursor);
    const page = await read(after, limit + 1);
    const filled = fill(page.slice(0, limit), after);
    return json(200, {
      ledger: def.metadata.name,
      title: localize(def.metadata.title ?? def.metadata.name, locale),
      from: new Date(period.from).toISOString(),
      to: new Date(period.to).toISOString(),
      columns: def.spec.columns.map((col) => ({
        name: col.name,
        title: localize(col.title ?? col.name, locale),
        format: col.format ?? 'text',
      })),
      rows: filled.map(({ atMs: _, ...row }) => row),
      next: page.length > limit ? encodeCursor(cursorAfter(filled)!) : null,
    });
  });
  return [ledger];
}

/** A page's last row and its seq, carried opaquely in `cursor`. */
type LedgerCursor = LedgerKey & { readonly seq: number };

const encodeCursor = (k: LedgerCursor) =>
  Buffer.from(JSON.stringify([k.unit, k.at, k.caseId, k.seq]), 'utf8').toString('base64url');

function parseCursor(text: string | undefined): LedgerCursor | undefined {
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(v) &&
      v.length === 4 &&
      typeof v[0] === 'string' &&
      Number.isFinite(v[1]) &&
      typeof v[2] === 'string' &&
      Number.isInteger(v[3])
    ) {
      return { unit: v[0], at: v[1] as number, caseId: v[2], seq: v[3] as number };
    }
  } catch {
    // answered below
  }
  throw saidProblem(
    400,
    'ledgerCursor',
    {},
    { code: 'INVALID_QUERY', errors: [saidField('cursor', 'field.earlierPageNext')] },
  );
}
