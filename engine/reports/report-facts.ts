import type { CaseEvent, CaseRecord } from '../runtime/case-record.ts';

/** What ledger columns and report measures may read about one case (already unsealed-only). */
export interface ReportFacts {
  readonly data: Readonly<Record<string, unknown>>;
  readonly case: Readonly<Record<string, unknown>>;
  /** The last event of each type: `events.complete.at` (epoch ms), `.actor`, `.data`. */
  readonly events: Readonly<Record<string, { at: number; actor: string; data: Readonly<Record<string, unknown>> }>>;
  /** Linked cases by link name and by workflow, also camel-cased: `links.returnVisit.done`, `.state`, `.data`. */
  readonly links: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export const REPORT_FACTS = ['data', 'case', 'events', 'links'];

export function reportFacts(
  record: CaseRecord,
  history: readonly Omit<CaseEvent, 'hash' | 'prevHash'>[],
  linked: readonly CaseRecord[],
): ReportFacts {
  const events: Record<string, { at: number; actor: string; data: Readonly<Record<string, unknown>> }> = {};
  for (const e of history) events[e.type] = { at: e.at, actor: e.actor, data: e.data };
  const links: Record<string, Record<string, unknown>> = {};
  for (const link of record.links) {
    const other = linked.find((c) => c.id === link.caseId);
    if (!other) continue;
    const facts = {
      id: other.id,
      number: other.number ?? other.id,
      workflow: other.workflow,
      state: other.activeStates.join(','),
      done: other.done,
      data: other.data,
      updatedAt: other.updatedAt,
    };
    // Names like 'return-visit' also under 'returnVisit', so `links.returnVisit.done` reads naturally.
    for (const key of [link.name, link.workflow]) {
      links[key] ??= facts;
      links[camel(key)] ??= facts;
    }
  }
  const clocks = Object.values(record.clocks);
  return {
    data: record.data,
    case: {
      id: record.id,
      // Its human number, or the id when the workflow numbers no cases (as in workflow facts).
      number: record.number ?? record.id,
      workflow: record.workflow,
      unit: record.unit,
      state: record.activeStates.join(','),
      states: record.activeStates,
      done: record.done,
      owner: record.owner,
      assignee: record.assignee,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      breached: clocks.some((c) => c.breached),
    },
    events,
    links,
  };
}

function camel(name: string): string {
  return name.replace(/[-.]([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
