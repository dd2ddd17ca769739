import type { ErrorObject } from 'ajv';
import { localize, type Locale, type Localized } from '../localized.ts';
import { escapePointer, type FieldNode } from './field-node.ts';
import type { FieldError } from './form-model.ts';
import { formatMessage } from './messages/format-message.ts';

const KEYWORD_CODES: Readonly<Record<string, string>> = {
  required: 'required',
  additionalProperties: 'unknownField',
  type: 'type',
  pattern: 'pattern',
  format: 'invalid',
  const: 'invalid',
  multipleOf: 'invalid',
  minLength: 'minLength',
  maxLength: 'maxLength',
  minimum: 'min',
  exclusiveMinimum: 'min',
  maximum: 'max',
  exclusiveMaximum: 'max',
  enum: 'enum',
  uniqueItems: 'unique',
  minItems: 'minItems',
  maxItems: 'maxItems',
};
type Params = Readonly<Record<string, unknown>>;
const word = (key: string, locale: Locale) => formatMessage(key, locale, { label: '' });
/** Keywords whose message names what was expected (a type or format in words, the value or step, a strict limit). */
const KEYWORD_MESSAGES: Readonly<
  Record<string, { readonly key: string; readonly limit: (p: Params, locale: Locale) => string | number }>
> = {
  type: { key: 'typeOf', limit: (p, l) => word(`typeName.${String(p['type']).split(',')[0]}`, l) },
  format: { key: 'format', limit: (p, l) => word(`formatName.${String(p['format'])}`, l) },
  const: { key: 'const', limit: (p) => JSON.stringify(p['allowedValue']) },
  multipleOf: { key: 'multipleOf', limit: (p) => p['multipleOf'] as number },
  exclusiveMinimum: { key: 'exclusiveMin', limit: (p) => p['limit'] as number },
  exclusiveMaximum: { key: 'exclusiveMax', limit: (p) => p['limit'] as number },
};

/** Failures of a value's own format, which a field type names with its own code ("mobile", "date"). */
const FORMAT_KEYWORDS = new Set(['type', 'pattern', 'format']);

const unescape = (s: string) => s.replaceAll('~1', '/').replaceAll('~0', '~');

/** The field a pointer belongs to, and whether the pointer goes inside that field's value. */
export function ownerOf(roots: ReadonlyMap<string, FieldNode>, pointer: string): { node?: FieldNode; inner: boolean } {
  const segments = pointer.split('/').slice(1).map(unescape);
  let level = roots;
  let owner: FieldNode | undefined;
  for (let i = 0; i < segments.length; i++) {
    const node = level.get(segments[i] as string);
    if (!node) return { ...(owner ? { node: owner } : {}), inner: owner !== undefined };
    owner = node;
    if (node.type.container === 'rows')
      i++; // the row index
    else if (!node.type.container) return { node, inner: i < segments.length - 1 };
    level = node.childByName;
  }
  return { ...(owner ? { node: owner } : {}), inner: false };
}

export function fieldError(
  pointer: string,
  code: string,
  locale: Locale,
  label: string,
  limit?: string | number,
  custom?: Localized,
): FieldError {
  const message =
    custom !== undefined
      ? localize(custom, locale)
      : formatMessage(code, locale, limit === undefined ? { label } : { label, limit });
  return { path: pointer, code, message };
}

/**
 * One ajv error (or the schema interpreter's, which has its shape) as a FieldError: the pointer of the offending value,
 * our code, a localized message.
 */
export function fromAjvError(
  e: Pick<ErrorObject, 'keyword' | 'instancePath' | 'params'>,
  roots: ReadonlyMap<string, FieldNode>,
  locale: Locale,
  formTitle: string,
): FieldError {
  let path = e.instancePath;
  if (e.keyword === 'required') path += `/${escapePointer(String(e.params['missingProperty']))}`;
  if (e.keyword === 'additionalProperties') path += `/${escapePointer(String(e.params['additionalProperty']))}`;
  const { node, inner } = ownerOf(roots, path);
  const ownCode = node && !node.type.container ? node.type.code : undefined;

  if (inner && ownCode) return fieldError(path, ownCode, locale, localize(node!.spec.label, locale));
  if (e.keyword === 'additionalProperties')
    return fieldError(path, 'unknownField', locale, String(e.params['additionalProperty']));

  let code = KEYWORD_CODES[e.keyword] ?? 'invalid';
  if (ownCode && FORMAT_KEYWORDS.has(e.keyword)) code = ownCode;
  if (node?.type.container === 'rows' && !inner && (code === 'minItems' || code === 'maxItems'))
    code = code === 'minItems' ? 'minRows' : 'maxRows';
  const label = node ? localize(node.spec.label, locale) : formTitle;
  const limit = e.params['limit'] as string | number | undefined;
  const custom = code === 'pattern' ? node?.spec.patternMessage : undefined;
  // The code stays the keyword's (clients read it); the message says what was expected, in the reader's words.
  const said = KEYWORD_MESSAGES[e.keyword];
  if (custom === undefined && said && (code === KEYWORD_CODES[e.keyword] || code === 'type'))
    return { path, code, message: formatMessage(said.key, locale, { label, limit: said.limit(e.params, locale) }) };
  return fieldError(path, code, locale, label, limit, custom);
}
