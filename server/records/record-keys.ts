import { searchVariants } from '../../engine/store/search-variants.ts';

/** What the server stores beside a record's data: its unique key and the text searches read. */
export interface RecordTypeKeys {
  readonly key?: readonly string[];
  readonly searchFields?: readonly string[];
}

/** The key the record type declares unique (e.g. a customer's phone), or null when it has none. */
export const recordKeyOf = (spec: RecordTypeKeys, data: Readonly<Record<string, unknown>>): string | null =>
  spec.key?.length ? JSON.stringify(spec.key.map((k) => data[k] ?? null)) : null;

/** The record's id and its search fields' values (a phone also as its digits alone), lower-cased. */
export const recordSearchText = (spec: RecordTypeKeys, id: string, data: Readonly<Record<string, unknown>>): string =>
  [
    id,
    ...(spec.searchFields ?? Object.keys(data))
      .map((f) => data[f])
      .flatMap((v) => (typeof v === 'string' ? searchVariants(v) : typeof v === 'number' ? [String(v)] : [])),
  ]
    .join('\n')
    .toLowerCase();
