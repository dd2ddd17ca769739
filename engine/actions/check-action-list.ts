import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { actions } from './index.ts';
import { checkCondition } from '../conditions/index.ts';
import { compileExpression } from '../expressions/index.ts';
import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { DefinitionIndex, Report } from '../definitions/kind.ts';
import { schemaProblems } from '../definitions/schema-messages.ts';
import type { ActionSpec } from '../workflows/workflow-model.ts';
import { codedSaid, say } from '../definitions/said.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
const validators = new Map<string, ValidateFunction>();

/**
 * Checks a list of actions wherever it is written (workflow states and transitions, SLA
 * thresholds): one type per action from the action registry, its params schema, its own
 * reference checks (templates, workflows, roles …), and its `when` against the facts there.
 */
export function checkActionList(
  pointer: string,
  list: readonly ActionSpec[] | undefined,
  facts: readonly string[],
  index: DefinitionIndex,
  report: Report,
): void {
  (list ?? []).forEach((action, i) => {
    const at = `${pointer}/${i}`;
    const keys = Object.keys(action).filter((k) => k !== 'when');
    if (keys.length !== 1) {
      report(at, Code.invalidValue, keys.length === 0 ? say('action.needsType') : say('action.oneType', { keys }), {
        hint: say('action.knownActions', { actions: actions.known() }),
      });
      return;
    }
    const type = keys[0]!;
    const entry = actions.get(type);
    if (!entry) {
      report(`${at}/${type}`, Code.unknownReference, say('action.unknownAction', { type }), {
        hint: say('action.knownActions', { actions: actions.known() }),
      });
      return;
    }
    if (action.when) {
      for (const issue of checkCondition(action.when, facts))
        report(
          `${at}/when${issue.pointer}`,
          Code.invalidCondition,
          issue.said,
          issue.saidHint ? { hint: issue.saidHint } : undefined,
        );
    }
    let validate = validators.get(type);
    if (!validate) validators.set(type, (validate = ajv.compile(entry.schema)));
    const params = action[type];
    if (!validate(params)) {
      for (const p of schemaProblems(validate.errors ?? []))
        report(`${at}/${type}${p.pointer}`, Code.schema, p.said, p.hint ? { hint: p.hint } : undefined);
      return;
    }
    checkExpressions(params, `${at}/${type}`, report);
    entry.check?.(params, `${at}/${type}`, index, report);
  });
}

/**
 * Every "=expression" in an action's params compiles now, not when a case first runs it: a `set`
 * of '=constructor' or '=nosuchfn(1' published fine and then made every case start answer 500.
 */
function checkExpressions(value: unknown, pointer: string, report: Report): void {
  if (typeof value === 'string') {
    if (!value.startsWith('=')) return;
    const compiled = compileExpression(value.slice(1));
    if (!compiled.ok)
      report(
        pointer,
        Code.invalidExpression,
        say('action.invalidExpressionColumnAfter', {
          message: codedSaid('expression', compiled.code, compiled.message, compiled.reason),
          column: compiled.column,
        }),
      );
  } else if (Array.isArray(value)) value.forEach((item, i) => checkExpressions(item, `${pointer}/${i}`, report));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      checkExpressions(item, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, report);
  }
}
