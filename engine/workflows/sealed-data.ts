import type { CaseEvent, CaseRecord } from '../runtime/case-record.ts';
import type { CompiledWorkflow } from './compile-workflow.ts';

/** A sealed event as readers see it: that it happened, by whom and when — never its data. */
export interface SealNotice {
  readonly seq: number;
  readonly event: string;
  readonly until: string;
  /** Keys of the case data hidden with it. */
  readonly fields: readonly string[];
}

/** Events as stored, or as committed (without the store's hash chain, which no reader here needs). */
export type HistoryEvent = Omit<CaseEvent, 'hash' | 'prevHash'>;

export interface SealedView<E extends HistoryEvent = CaseEvent> {
  readonly record: CaseRecord;
  readonly history: readonly E[];
  readonly sealed: readonly SealNotice[];
}

/** `field`: the one key of the case data the event writes (saveAs or appendTo), if it writes one. */
type SealRule = { until: string; field: string | undefined };

const cache = new WeakMap<CompiledWorkflow, ReadonlyMap<string, SealRule>>();

/** Event type → the event that unseals it, for every transition marked `sealedUntil`. */
export function sealedTransitions(wf: CompiledWorkflow): ReadonlyMap<string, SealRule> {
  let hit = cache.get(wf);
  if (!hit) {
    const out = new Map<string, SealRule>();
    const ons = [wf.spec.on ?? {}, ...[...wf.states.values()].map((s) => s.on ?? {})];
    // appendTo keeps every sealed event in one list (sealed bids), so the whole list stays hidden.
    for (const on of ons)
      for (const [type, t] of Object.entries(on))
        if (t.sealedUntil) out.set(type, { until: t.sealedUntil, field: t.saveAs ?? t.appendTo });
    cache.set(wf, (hit = out));
  }
  return hit;
}

/**
 * The case and its history with sealed data removed (TND-7): while the unsealing event has not
 * happened, a sealed event's data is emptied and the keys it wrote into the case data are taken
 * out. Every read path (case view, list, history, ledger, reports, search, export) goes through
 * this, so there is one place that decides. Pure.
 */
export function sealCase<E extends HistoryEvent = CaseEvent>(
  wf: CompiledWorkflow | undefined,
  record: CaseRecord,
  history: readonly E[],
): SealedView<E> {
  const rules = wf ? sealedTransitions(wf) : undefined;
  if (!rules || rules.size === 0) return { record, history, sealed: [] };
  const happened = new Set(history.map((e) => e.type));
  const sealed: SealNotice[] = [];
  const hidden = new Set<string>();
  const shown = history.map((e) => {
    const rule = rules.get(e.type);
    if (!rule || happened.has(rule.until)) return e;
    const fields = rule.field ? [rule.field] : Object.keys(e.data);
    fields.forEach((f) => hidden.add(f));
    sealed.push({ seq: e.seq, event: e.type, until: rule.until, fields });
    return { ...e, data: {} };
  });
  if (sealed.length === 0) return { record, history, sealed };
  const data = Object.fromEntries(Object.entries(record.data).filter(([k]) => !hidden.has(k)));
  return { record: { ...record, data }, history: shown, sealed };
}

/** Whether a case of this workflow can hold sealed data at all (so readers know when to look). */
export function canHoldSealedData(wf: CompiledWorkflow | undefined): boolean {
  return wf !== undefined && sealedTransitions(wf).size > 0;
}

/**
 * The record's `sealedData` after an event: keys the event writes under a seal are added, keys the
 * event unseals are dropped. Pure; decide calls it for every change so the store never indexes
 * sealed data (TND-7). Stricter than sealCase in one corner: a sealed event after its opening
 * stays out of the search text (sealCase, reading the history, shows it).
 */
export function nextSealedData(
  wf: CompiledWorkflow,
  previous: Readonly<Record<string, string>> | undefined,
  event: { readonly type: string; readonly data: Readonly<Record<string, unknown>> },
): Readonly<Record<string, string>> | undefined {
  const rules = sealedTransitions(wf);
  if (rules.size === 0 && previous === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [key, until] of Object.entries(previous ?? {})) if (until !== event.type) out[key] = until;
  const rule = rules.get(event.type);
  if (rule) for (const key of rule.field ? [rule.field] : Object.keys(event.data)) out[key] = rule.until;
  return Object.keys(out).length ? out : undefined;
}
