import { note } from '../runtime/note.ts';
import type { ActionType } from './action-type.ts';

interface SignalParams {
  readonly to: string;
  readonly event: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/**
 * `signal: { to: parent, event: hq-resolved, data: {...} }` — sends an event to a linked case in
 * the same commit (CMP-5: headquarters answers back to the branch). `to` is 'parent', 'children'
 * or the name of a link.
 */
export const signalAction: ActionType = {
  type: 'signal',
  schema: {
    type: 'object',
    required: ['to', 'event'],
    additionalProperties: false,
    properties: { to: { type: 'string' }, event: { type: 'string' }, data: { type: 'object' } },
  },
  run(raw, ctx) {
    const p = raw as SignalParams;
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(p.data ?? {})) data[k] = ctx.value(v);
    const targets = ctx.draft.links.filter((l) =>
      p.to === 'parent' ? l.direction === 'parent' : p.to === 'children' ? l.direction === 'child' : l.name === p.to,
    );
    for (const t of targets) ctx.effects.signals.push({ caseId: t.caseId, type: p.event, data });
    ctx.effects.notes.push(
      targets.length
        ? note('signalSent', {
            event: p.event,
            cases: targets.map((t) => t.caseId),
            numbers: targets.map((t) => t.number ?? t.caseId),
          })
        : note('signalNoTarget', { event: p.event }),
    );
  },
};
