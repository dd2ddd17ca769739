import type { Definition } from '../definitions/kind.ts';
import type { Localized } from '../localized.ts';
import type { WorkflowSpec } from './workflow-model.ts';

/** A record type's settings that a lookup needs (see kind RecordType). */
interface RecordTypeSpec {
  readonly searchFields?: readonly string[];
  readonly titleField?: string;
}

/**
 * One archive a case links to (`spec.records`), read backwards for registering: which case-data
 * field each record field fills, and which of those fields are worth looking the record up by.
 */
export interface RecordLookup {
  /** The link's name in `spec.records` ('customer'). */
  readonly link: string;
  readonly type: string;
  readonly title: Localized;
  /** Record field → the case-data field it fills (`match` and `fill` entries written as `=data.x`). */
  readonly fields: Readonly<Record<string, string>>;
  /** Case-data fields whose typed value searches the archive (the type's searchFields that map to one). */
  readonly searchBy: readonly string[];
  readonly titleField?: string;
}

const DATA_FIELD = /^=data\.([A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * The archives a person registering a case can look the customer (or product) up in: a link whose
 * `match` and `fill` copy case data into the record (`phone: '=data.phone'`) fills that case data
 * from a found record. Links whose expressions compute something else are not reversible and are
 * left out. Pure: `recordType` reads the set's RecordType definitions.
 */
export function recordLookups(
  spec: WorkflowSpec,
  recordType: (name: string) => Definition<RecordTypeSpec> | undefined,
): RecordLookup[] {
  const out: RecordLookup[] = [];
  for (const [link, l] of Object.entries(spec.records ?? {})) {
    const type = recordType(l.type);
    if (!type) continue;
    const fields: Record<string, string> = {};
    for (const [recordField, expression] of Object.entries({ ...l.match, ...l.fill })) {
      const m = DATA_FIELD.exec(expression.trim());
      if (m) fields[recordField] = m[1]!;
    }
    const searchBy = (type.spec.searchFields ?? []).flatMap((f) => (fields[f] ? [fields[f]!] : []));
    if (searchBy.length === 0) continue;
    out.push({
      link,
      type: l.type,
      title: type.metadata.title ?? l.type,
      fields,
      searchBy,
      ...(type.spec.titleField ? { titleField: type.spec.titleField } : {}),
    });
  }
  return out;
}
