import { note } from '../runtime/note.ts';
import type { ActionType } from './action-type.ts';

interface UserFactParams {
  readonly user: string;
  readonly fact: string;
  readonly value: unknown;
}

/**
 * `userFact: { user: '=event.trainee', fact: qualified, value: false }` — records a fact about a
 * person that workflows' `actorRequirement` can test (TRAIN-2: failed staff may not do service work).
 */
export const userFactAction: ActionType = {
  type: 'userFact',
  schema: {
    type: 'object',
    required: ['user', 'fact', 'value'],
    additionalProperties: false,
    properties: { user: { type: 'string' }, fact: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9]*$' }, value: {} },
  },
  run(raw, ctx) {
    const p = raw as UserFactParams;
    const user = ctx.value(p.user);
    const list = Array.isArray(user) ? user : [user];
    for (const u of list) {
      if (typeof u !== 'string' || !u) continue;
      ctx.effects.userFacts.push({ username: u, fact: p.fact, value: ctx.value(p.value) });
      ctx.effects.notes.push(note('userFact', { person: u, fact: p.fact, value: JSON.stringify(ctx.value(p.value)) }));
    }
  },
};
