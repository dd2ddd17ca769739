import type { Definition } from '../../engine/definitions/index.ts';
import {
  ledgerRow,
  measureContributions,
  reportFacts,
  type LedgerSpec,
  type MonthlyReportSpec,
} from '../../engine/reports/index.ts';
import type { CaseRecord } from '../../engine/runtime/case-record.ts';
import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import { sealCase, type HistoryEvent } from '../../engine/workflows/sealed-data.ts';
import type { CaseReportRow, LedgerRow } from '../../ports/server-storage.ts';
import { monthOf } from './month-of.ts';

export interface Projection {
  readonly caseId: string;
  readonly version: number;
  readonly ledger: LedgerRow[];
  readonly report: CaseReportRow;
  readonly records: { name: string; type: string; id: string }[];
}

/** The month a case counts in: its unit's calendar's time zone unless the report names one. */
export function reportTimeZone(set: CompiledSet, unit: string): string {
  const report = set.docs.find((d) => d.kind === 'MonthlyReport') as Definition<MonthlyReportSpec> | undefined;
  return report?.spec.timeZone ?? set.calendarForUnit(unit)?.timeZone ?? 'UTC';
}

/** Everything the read side derives from one case, from its sealed view only (TND-7). Pure. */
export function projectCase(
  set: CompiledSet,
  record: CaseRecord,
  history: readonly HistoryEvent[],
  linked: readonly CaseRecord[],
): Projection {
  const wf = set.workflows.get(record.workflow);
  const view = sealCase(wf, record, history);
  const facts = reportFacts(view.record, view.history, linked);
  const ledger: LedgerRow[] = [];
  for (const d of set.docs) {
    if (d.kind !== 'Ledger') continue;
    const row = ledgerRow(d.spec as LedgerSpec, record.workflow, facts);
    if (row)
      ledger.push({ ledger: d.metadata.name, caseId: record.id, unit: record.unit, at: row.at, values: row.values });
  }
  const reportDef = set.docs.find((d) => d.kind === 'MonthlyReport') as Definition<MonthlyReportSpec> | undefined;
  const clocks = Object.values(record.clocks);
  const report: CaseReportRow = {
    caseId: record.id,
    unit: record.unit,
    month: monthOf(record.createdAt, reportTimeZone(set, record.unit)),
    workflow: record.workflow,
    state: record.activeStates.join(','),
    done: record.done,
    clocksMet: clocks.filter((c) => c.status === 'stopped' && !c.breached).length,
    clocksBreached: clocks.filter((c) => c.breached).length,
    measures: reportDef ? measureContributions(reportDef.spec, record.workflow, facts, set.forms) : {},
  };
  const links = wf?.spec.records ?? {};
  const records = Object.entries(record.records).map(([name, id]) => ({ name, type: links[name]?.type ?? name, id }));
  return { caseId: record.id, version: record.version, ledger, report, records };
}

/** Whether projecting this case needs its history and linked cases (ledgers and measures read them). */
export function needsHistory(set: CompiledSet): boolean {
  return (
    set.docs.some((d) => d.kind === 'Ledger' || d.kind === 'MonthlyReport') ||
    [...set.workflows.values()].some((w) =>
      [...w.states.values()].some((s) => Object.values(s.on ?? {}).some((t) => t.sealedUntil)),
    )
  );
}
