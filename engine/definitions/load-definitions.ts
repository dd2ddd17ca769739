import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import envelopeSchema from './schemas/envelope.schema.json' with { type: 'json' };
import { DefinitionErrorCode, saidIssue, type DefinitionIssue } from './definition-error.ts';
import { kindSaid, say } from './said.ts';
import type { Definition, DefinitionIndex, KindDefinition, Report } from './kind.ts';
import { schemaProblems } from './schema-messages.ts';
import { parseYamlSource, type SourceDocument } from './yaml-source.ts';

export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export interface LoadedDefinition {
  readonly def: Definition;
  readonly source: SourceDocument;
}

export interface LoadResult {
  /** Documents that passed their schema (cross-reference problems may still be in `issues`). */
  readonly docs: readonly LoadedDefinition[];
  readonly index: DefinitionIndex;
  /** Errors and warnings, in file order. */
  readonly issues: readonly DefinitionIssue[];
}

/**
 * YAML text → parsed with positions → envelope and kind schema (ajv, all errors) → cross-reference
 * checks of each kind. Every problem is reported, not only the first; nothing throws for bad input.
 */
export function loadDefinitions(files: readonly SourceFile[], kinds: readonly KindDefinition[]): LoadResult {
  const issues: DefinitionIssue[] = [];
  const validators = validatorsFor(kinds);
  const byKind = new Map(kinds.map((k) => [k.kind, k]));
  const docs: LoadedDefinition[] = [];
  const seen = new Map<string, SourceDocument>();

  for (const file of files) {
    const { documents, problems } = parseYamlSource(file.path, file.text);
    for (const p of problems)
      issues.push(saidIssue({ code: DefinitionErrorCode.syntax, severity: 'error', pointer: '', at: p.at }, p.said));
    for (const source of documents) {
      const value = source.value;
      if (!validators.envelope(value)) {
        pushSchema(source, validators.envelope);
        continue;
      }
      const def = value as Definition;
      const kind = byKind.get(def.kind);
      if (!kind) {
        issues.push(
          saidIssue(
            {
              code: DefinitionErrorCode.unknownKind,
              severity: 'error',
              pointer: '/kind',
              at: source.positionOf('/kind'),
            },
            say('unknownKind', { kind: def.kind }),
            say('knownKinds', { kinds: [...byKind.keys()].sort() }),
          ),
        );
        continue;
      }
      const validate = validators.kinds.get(def.kind)!;
      if (!validate(value)) {
        pushSchema(source, validate);
        continue;
      }
      const key = `${def.kind}/${def.metadata.name}`;
      const earlier = seen.get(key);
      if (earlier) {
        const first = earlier.positionOf('/metadata/name');
        issues.push(
          saidIssue(
            {
              code: DefinitionErrorCode.duplicateName,
              severity: 'error',
              pointer: '/metadata/name',
              at: source.positionOf('/metadata/name'),
            },
            say('definedTwice', { kind: kindSaid(def.kind), name: def.metadata.name }),
            say('firstDefinedAt', { at: `${first.file}:${first.line}:${first.column}` }),
          ),
        );
        continue;
      }
      seen.set(key, source);
      docs.push({ def, source });
    }
  }

  const index = createIndex(docs.map((d) => d.def));
  // A file that cannot be read hides its definitions from the rest: every reference to them would
  // be reported "unknown" (a broken Organization gave 159 such errors). References are checked
  // once every file reads; until then the syntax errors are the whole answer.
  const unreadable = issues.some((i) => i.code === DefinitionErrorCode.syntax);
  if (unreadable)
    return {
      docs,
      index,
      issues: issues.map((i) =>
        i.code === DefinitionErrorCode.syntax && !i.saidHint ? saidIssue(i, i.said!, say('referencesLater')) : i,
      ),
    };
  for (const { def, source } of docs) {
    const report: Report = (pointer, code, message, options) =>
      issues.push(
        saidIssue(
          { code, severity: options?.severity ?? 'error', pointer, at: source.positionOf(pointer) },
          message,
          options?.hint,
        ),
      );
    byKind.get(def.kind)?.check?.(def, index, report);
  }
  return { docs, index, issues };

  function pushSchema(source: SourceDocument, validate: ValidateFunction) {
    for (const p of schemaProblems(validate.errors ?? [])) {
      issues.push(
        saidIssue(
          {
            code: DefinitionErrorCode.schema,
            severity: 'error',
            pointer: p.pointer,
            at: source.positionOf(p.pointer, { key: p.atKey }),
          },
          p.said,
          p.hint,
        ),
      );
    }
  }
}

export function createIndex(defs: readonly Definition[]): DefinitionIndex {
  const map = new Map<string, Map<string, Definition>>();
  for (const def of defs) {
    let kind = map.get(def.kind);
    if (!kind) map.set(def.kind, (kind = new Map<string, Definition>()));
    kind.set(def.metadata.name, def);
  }
  return {
    get: <S>(kind: string, name: string) => map.get(kind)?.get(name) as Definition<S> | undefined,
    all: <S>(kind: string) => [...(map.get(kind)?.values() ?? [])] as Definition<S>[],
    names: (kind) => [...(map.get(kind)?.keys() ?? [])].sort(),
  };
}

// ajv-formats is CommonJS; under ESM its function may sit on `default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => void;

interface Validators {
  envelope: ValidateFunction;
  kinds: Map<string, ValidateFunction>;
}

// Compiling schemas costs milliseconds; a process loads the same kinds many times (tests, publish).
const cache = new WeakMap<readonly KindDefinition[], Validators>();

function validatorsFor(kinds: readonly KindDefinition[]): Validators {
  const hit = cache.get(kinds);
  if (hit) return hit;
  const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
  addFormats(ajv);
  ajv.addSchema(envelopeSchema);
  const validators: Validators = {
    envelope: ajv.compile({
      $ref: 'https://serviceframe.dev/schemas/envelope.schema.json',
    }),
    kinds: new Map(kinds.map((k) => [k.kind, ajv.compile(k.schema)])),
  };
  cache.set(kinds, validators);
  return validators;
}
