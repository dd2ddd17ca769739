import type { Actor } from './actor.ts';
import type { CaseDraft } from './action-context.ts';
import type { CompiledSet } from './compiled-set.ts';
import { actorFacts } from './facts.ts';
import type { RecordEntry, RecordsView } from './records-view.ts';
import { evaluateValue } from './value.ts';
import { note, type Note } from './note.ts';
import type { RecordLinkSpec } from '../workflows/workflow-model.ts';

/**
 * An archive record a decision creates (INFO-2): a case named a customer or product that has no
 * record yet. Only ever a first version: linking never changes an existing record (INFO-5).
 */
export interface RecordWrite {
  readonly type: string;
  /** `${caseId}-${link}`: deterministic, so writing the same decision twice writes nothing new. */
  readonly id: string;
  readonly unit: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly caseId: string;
  readonly link: string;
  readonly at: number;
  readonly by: string;
}

/** The id a case's `link` record gets when the case creates it. */
export const createdRecordId = (caseId: string, link: string): string => `${caseId}-${link}`;

/**
 * The records view of one decision: what the caller gave plus what this decision created so far,
 * so a linked case started in the same decision finds the record its parent just created.
 */
export interface PendingRecords extends RecordsView {
  readonly writes: RecordWrite[];
}

export function pendingRecords(base: RecordsView): PendingRecords {
  const writes: RecordWrite[] = [];
  return {
    writes,
    find(type, match) {
      const own: RecordEntry[] = writes.filter(
        (w) => w.type === type && Object.entries(match).every(([k, v]) => w.data[k] === v),
      );
      return [...base.find(type, match), ...own];
    },
  };
}

/** The data a link creates a record with: fill plus the match fields, as the record type's form accepts it. */
export function filledRecord(
  set: CompiledSet,
  link: RecordLinkSpec,
  scope: Readonly<Record<string, unknown>>,
): { ok: true; data: Record<string, unknown> } | { ok: false; why: string } {
  const values = evaluateValue({ ...link.fill, ...link.match }, scope) as Record<string, unknown>;
  const formName = set.definition<{ form: string }>('RecordType', link.type)?.spec.form;
  const form = formName ? set.forms.get(formName) : undefined;
  if (!form) return { ok: false, why: `unknown record type ${link.type}` };
  const result = form.validate(Object.fromEntries(Object.entries(values).filter(([, v]) => !isEmpty(v))), {
    context: { actor: scope.actor },
  });
  return result.ok
    ? { ok: true, data: result.data }
    : { ok: false, why: result.errors.map((e) => `${e.path} ${e.message}`).join('; ') };
}

const isEmpty = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/**
 * Links the case to the records `spec.records` names (run on creation and after every event): for
 * each link not made yet whose match values are all present, the first record found is linked;
 * when none is found and the link has `fill`, a record is created from fill plus the match fields
 * (checked against the RecordType's form; refused data creates nothing and says so in `notes`).
 * A link once made is kept: a later change of the phone does not move the case to another record.
 */
export function linkRecords(
  set: CompiledSet,
  records: PendingRecords,
  draft: CaseDraft,
  actor: Actor,
  now: number,
  notes: Note[],
): void {
  const links = set.workflows.get(draft.workflow)?.spec.records;
  if (!links) return; // most workflows link no records; skip building the scope every event
  const scope = { data: draft.data, actor: actorFacts(actor, set.org), case: { id: draft.id, unit: draft.unit } };
  for (const [name, link] of Object.entries(links)) {
    if (draft.records[name] !== undefined) continue;
    const match = Object.fromEntries(
      Object.entries(link.match).map(([field, expr]) => [field, evaluateValue(expr, scope)]),
    );
    if (Object.values(match).some(isEmpty)) continue;
    const type = set.definition('RecordType', link.type);
    const typeTitle = type?.metadata.title;
    const titleField = (type?.spec as { titleField?: string } | undefined)?.titleField;
    const titleOf = (data: Readonly<Record<string, unknown>>): string | undefined => {
      const v = titleField ? data[titleField] : undefined;
      return typeof v === 'string' && v ? v : undefined;
    };
    const found = records.find(link.type, match)[0];
    if (found) {
      draft.records[name] = found.id;
      notes.push(
        note('recordLinked', {
          link: name,
          type: link.type,
          typeTitle,
          record: found.id,
          recordTitle: titleOf(found.data),
        }),
      );
      continue;
    }
    if (!link.fill) continue;
    const result = filledRecord(set, link, scope);
    if (!result.ok) {
      notes.push(note('recordNotCreated', { link: name, type: link.type, typeTitle, why: result.why }));
      continue;
    }
    const id = createdRecordId(draft.id, name);
    records.writes.push({
      type: link.type,
      id,
      unit: draft.unit,
      data: result.data,
      caseId: draft.id,
      link: name,
      at: now,
      by: actor.username,
    });
    draft.records[name] = id;
    notes.push(
      note('recordCreated', { link: name, type: link.type, typeTitle, record: id, recordTitle: titleOf(result.data) }),
    );
  }
}
