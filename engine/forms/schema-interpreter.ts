import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { JsonSchema } from './field-types/field-type.ts';
import { escapePointer } from './field-node.ts';
import { patternFor } from '../patterns/index.ts';

/**
 * A JSON Schema validator that compiles nothing, for pages whose content security policy forbids
 * `new Function` (ajv generates code). It knows exactly the keywords the field types write
 * (tests/engine/forms/forms-schema-interpreter.test.ts checks it against ajv on every form of the seed and on
 * generated data) and reports failures in ajv's shape, so the same mapping gives the same codes
 * and messages. A schema with any other validation keyword is refused when the form compiles,
 * never skipped quietly.
 */
export interface SchemaFailure {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Record<string, unknown>;
}

/** Checks data against one schema; no failures means valid. */
export type SchemaCheck = (data: unknown) => readonly SchemaFailure[];

/** Keywords that only annotate (or that this validator handles as part of another keyword). */
const IGNORED = new Set(['title', 'description', 'default', 'readOnly', '$id', '$schema']);
const HANDLED = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'uniqueItems',
  'minItems',
  'maxItems',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'format',
]);
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
type FormatCheck = (value: string) => boolean;
const FORMATS: Readonly<Record<string, FormatCheck>> = {
  date: formatCheck('date'),
  'date-time': formatCheck('date-time'),
  email: formatCheck('email'),
};

export class UnsupportedSchemaError extends Error {
  constructor(
    readonly keyword: string,
    readonly at: string,
  ) {
    super(`the schema uses ${keyword} at ${at || '/'}, which the validator without compiled code does not know`);
  }
}

/** Prepares `schema` once (regular expressions, formats) and returns its check. */
export function interpretSchema(schema: JsonSchema, at = ''): SchemaCheck {
  for (const key of Object.keys(schema)) {
    if (!HANDLED.has(key) && !IGNORED.has(key) && !key.startsWith('x-sf-')) throw new UnsupportedSchemaError(key, at);
  }
  const s = schema as Record<string, unknown>;
  const type = s['type'] as string | undefined;
  if (type !== undefined && !TYPES.has(type)) throw new UnsupportedSchemaError(`type ${type}`, at);
  const properties = Object.entries((s['properties'] ?? {}) as Record<string, JsonSchema>).map(
    ([name, sub]) => [name, interpretSchema(sub, `${at}/properties/${name}`)] as const,
  );
  const known = new Set(properties.map(([name]) => name));
  const required = (s['required'] ?? []) as string[];
  const closed = s['additionalProperties'] === false;
  const items = s['items'] === undefined ? undefined : interpretSchema(s['items'] as JsonSchema, `${at}/items`);
  const pattern = s['pattern'] === undefined ? undefined : patternFor(s['pattern'] as string);
  const format = s['format'] === undefined ? undefined : FORMATS[s['format'] as string];
  if (s['format'] !== undefined && format === undefined)
    throw new UnsupportedSchemaError(`format ${String(s['format'])}`, at);
  const enumValues = s['enum'] as unknown[] | undefined;
  const num = (key: string) => s[key] as number | undefined;
  const [minLength, maxLength, minimum, maximum, minItems, maxItems] = [
    'minLength',
    'maxLength',
    'minimum',
    'maximum',
    'minItems',
    'maxItems',
  ].map(num);
  const uniqueItems = s['uniqueItems'] === true;
  const itemType = (s['items'] as Record<string, unknown> | undefined)?.['type'] as string | undefined;

  return (data) => {
    const failures: SchemaFailure[] = [];
    check(data, '', failures);
    return failures;
  };

  function check(data: unknown, path: string, out: SchemaFailure[]): void {
    const fail = (keyword: string, params: Record<string, unknown> = {}) =>
      out.push({ keyword, instancePath: path, params });
    // As ajv: a wrong type does not stop the other keywords, each of which applies to values of
    // its own JSON type (a length to strings, a bound to numbers: 1.5 for an integer ≥ 0 can fail
    // both), and enum to any value.
    if (type !== undefined && !hasType(data, type)) fail('type', { type });
    if (typeof data === 'string') {
      const length = [...data].length; // code points, as ajv counts
      if (maxLength !== undefined && length > maxLength) fail('maxLength', { limit: maxLength });
      if (minLength !== undefined && length < minLength) fail('minLength', { limit: minLength });
      if (pattern !== undefined && !pattern.test(data)) fail('pattern', { pattern: pattern.source });
      if (format !== undefined && !format(data)) fail('format', { format: s['format'] });
    }
    // ajv's numbers are finite: an infinite one (a computed overflow) fails `type` only.
    if (typeof data === 'number' && Number.isFinite(data)) {
      if (maximum !== undefined && data > maximum) fail('maximum', { comparison: '<=', limit: maximum });
      if (minimum !== undefined && data < minimum) fail('minimum', { comparison: '>=', limit: minimum });
    }
    if (Array.isArray(data)) {
      if (maxItems !== undefined && data.length > maxItems) fail('maxItems', { limit: maxItems });
      if (minItems !== undefined && data.length < minItems) fail('minItems', { limit: minItems });
      if (items !== undefined)
        data.forEach((item, i) =>
          out.push(...items(item).map((f) => ({ ...f, instancePath: `${path}/${i}${f.instancePath}` }))),
        );
      if (uniqueItems) {
        // As ajv: when the items' schema names a type, items of another type (already reported
        // by `items`) are left out of the comparison.
        const compared = (item: unknown) => itemType === undefined || hasType(item, itemType);
        duplicates: for (let i = data.length - 1; i > 0; i--) {
          if (!compared(data[i])) continue;
          for (let j = i - 1; j >= 0; j--) {
            if (compared(data[j]) && equalJson(data[i], data[j])) {
              fail('uniqueItems', { i, j });
              break duplicates;
            }
          }
        }
      }
    }
    if (isObject(data)) {
      for (const name of required)
        if (!(name in data) || data[name] === undefined) fail('required', { missingProperty: name });
      if (closed)
        for (const name of Object.keys(data))
          if (!known.has(name)) fail('additionalProperties', { additionalProperty: name });
      for (const [name, sub] of properties) {
        if (data[name] === undefined) continue;
        for (const f of sub(data[name]))
          out.push({ ...f, instancePath: `${path}/${escapePointer(name)}${f.instancePath}` });
      }
    }
    if (enumValues !== undefined && !enumValues.some((v) => equalJson(v, data)))
      fail('enum', { allowedValues: enumValues });
  }
}

function hasType(data: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof data === 'string';
    case 'number':
      return typeof data === 'number' && Number.isFinite(data);
    case 'integer':
      return typeof data === 'number' && Number.isInteger(data);
    case 'boolean':
      return typeof data === 'boolean';
    case 'object':
      return isObject(data);
    case 'array':
      return Array.isArray(data);
    default:
      return data === null;
  }
}

function isObject(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}

function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => k in b && equalJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** ajv-formats' own definitions (regular expressions and plain functions, nothing compiled). */
function formatCheck(name: 'date' | 'date-time' | 'email'): FormatCheck {
  const def = (fullFormats as Record<string, unknown>)[name];
  if (def instanceof RegExp) return (v) => def.test(v);
  if (typeof def === 'function') return def as FormatCheck;
  const validate = (def as { validate: RegExp | FormatCheck }).validate;
  return validate instanceof RegExp ? (v) => validate.test(v) : validate;
}
