import { note } from '../runtime/note.ts';
import type { ActionType } from './action-type.ts';
import type { Localized } from '../localized.ts';
import type { CompiledScorecard } from '../scoring/compile-scorecard.ts';

/** What the scorecards call a fact (its description), so a note can say it in the reader's language. */
function factDescription(cards: Iterable<CompiledScorecard>, fact: string): Localized | undefined {
  for (const card of cards) {
    const found = card.spec.facts.find((f) => f.name === fact)?.description;
    if (found !== undefined) return found;
  }
  return undefined;
}
import { resolveUnit } from '../runtime/unit-ref.ts';

interface ScoreParams {
  readonly fact: string;
  readonly unit?: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly reason?: Localized;
}

/**
 * `score: { fact: norm-violation, unit: case, data: { level: group }, reason: { zh: …, en: … } }` — a
 * fact scorecards count, and why it was recorded (without a reason, the event and case, for the log).
 */
export const scoreAction: ActionType = {
  type: 'score',
  schema: {
    type: 'object',
    required: ['fact'],
    additionalProperties: false,
    properties: {
      fact: { type: 'string' },
      unit: { type: 'string' },
      data: { type: 'object' },
      // Shown on the scorecard beside the rule's title when written in both languages ({zh, en}).
      reason: {
        oneOf: [
          { type: 'string', minLength: 1 },
          {
            type: 'object',
            properties: { zh: { type: 'string' }, en: { type: 'string' } },
            additionalProperties: false,
            minProperties: 1,
          },
        ],
      },
    },
  },
  run(raw, ctx) {
    const p = raw as ScoreParams;
    const unit = resolveUnit(p.unit, ctx);
    if (!unit) return;
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(p.data ?? {})) data[k] = ctx.value(v);
    ctx.effects.scoreFacts.push({
      id: ctx.ids.next('fact'),
      fact: p.fact,
      unit,
      caseId: ctx.draft.id,
      at: ctx.now,
      data,
      reason: p.reason ?? `${ctx.event.type} on case ${ctx.draft.id}`,
    });
    ctx.effects.notes.push(
      note('scoreFact', { fact: p.fact, factTitle: factDescription(ctx.set.scorecards.values(), p.fact), unit }),
    );
  },
};
