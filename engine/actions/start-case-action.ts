import type { ActionType } from './action-type.ts';
import { resolveUnit } from '../runtime/unit-ref.ts';
import { say } from '../definitions/said.ts';

interface StartCaseParams {
  readonly workflow: string;
  readonly link?: string;
  readonly unit?: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/**
 * `startCase: { workflow: return-visit, link: return-visit, data: { customerName: '=data.customerName' } }`.
 * The new case is created in the same commit, linked both ways, owned by this case's owner (ORG-5).
 */
export const startCaseAction: ActionType = {
  type: 'startCase',
  schema: {
    type: 'object',
    required: ['workflow'],
    additionalProperties: false,
    properties: {
      workflow: { type: 'string' },
      link: { type: 'string' },
      unit: { type: 'string' },
      data: { type: 'object' },
    },
  },
  check(params, pointer, index, report) {
    const p = params as StartCaseParams;
    if (!index.get('Workflow', p.workflow)) {
      report(`${pointer}/workflow`, 'UNKNOWN_REFERENCE', say('action.unknownWorkflow', { workflow: p.workflow }), {
        hint: say('action.known2', { Workflow: index.names('Workflow') }),
      });
    }
  },
  run(raw, ctx) {
    const p = raw as StartCaseParams;
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(p.data ?? {})) {
      const value = ctx.value(v);
      if (value !== undefined) data[k] = value;
    }
    ctx.effects.startCases.push({
      workflow: p.workflow,
      link: p.link ?? p.workflow,
      unit: resolveUnit(p.unit, ctx) ?? ctx.draft.unit,
      data,
      owner: ctx.draft.owner,
      customerUser: ctx.draft.customerUser,
      records: { ...ctx.draft.records },
    });
  },
};
