import type { DefinitionIndex, Report } from '../definitions/kind.ts';
import type { ActionContext } from '../runtime/action-context.ts';

/**
 * One action of the closed vocabulary workflows may use. `params` is the value under the action's
 * key, e.g. for `{ notify: { template: x } }` it is `{ template: x }`.
 */
export interface ActionType {
  readonly type: string;
  /** JSON Schema of `params`, checked by `serviceframe validate`. */
  readonly schema: Record<string, unknown>;
  /** Cross-reference checks (templates, roles, workflows …) beyond the schema. */
  check?(params: unknown, pointer: string, index: DefinitionIndex, report: Report): void;
  /** Runs during `decide`: pure, it only changes the context's draft and collects effects. */
  run(params: unknown, ctx: ActionContext): void;
}
