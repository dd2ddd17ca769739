import type { ActionType } from './action-type.ts';
import { knownList, say } from '../definitions/said.ts';

/** `clock: { start: response }` (or stop / pause / resume) — drives an SLA clock explicitly. */
export const clockAction: ActionType = {
  type: 'clock',
  schema: {
    type: 'object',
    minProperties: 1,
    maxProperties: 1,
    additionalProperties: false,
    properties: {
      start: { type: 'string' },
      stop: { type: 'string' },
      pause: { type: 'string' },
      resume: { type: 'string' },
    },
  },
  check(params, pointer, index, report) {
    for (const [op, name] of Object.entries(params as Record<string, string>)) {
      if (!index.get('SlaPolicy', name)) {
        report(`${pointer}/${op}`, 'UNKNOWN_REFERENCE', say('action.unknownSlaPolicy', { name }), {
          hint: knownList(index.names('SlaPolicy')),
        });
      }
    }
  },
  run(raw, ctx) {
    for (const [op, clock] of Object.entries(raw as Record<string, string>)) {
      ctx.effects.clockOps.push({ op: op as 'start' | 'stop' | 'pause' | 'resume', clock });
    }
  },
};
