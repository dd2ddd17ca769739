import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../../engine/runtime/case-record.ts';
import { note } from '../../../engine/runtime/note.ts';
import { GENESIS_HASH, hashEvent } from '../../../engine/store/event-hash.ts';

type Unhashed = Omit<CaseEvent, 'hash' | 'prevHash'>;
const event = (effects: CaseEvent['effects']): Unhashed => ({
  caseId: 'C000001',
  seq: 1,
  type: 'create',
  actor: 'br1.staff',
  actorUnit: 'br1-service',
  at: Date.parse('2026-11-30T02:00:00Z'),
  definitionVersion: 'v1',
  data: { customerName: '张三' },
  from: [],
  to: ['reported'],
  effects,
});

describe('the hash of an event with notes', () => {
  it('is unchanged for an old event whose effects are strings', () => {
    // given an event as stored before notes were structured; the hash was computed by that version
    const old = event(['notify repair-new → br1.lead', 'clock repair-on-site started, deadline 2026-12-03 10:00']);
    // then it hashes as it did, so old databases still verify
    expect(hashEvent(old, GENESIS_HASH)).toBe('06aea2cdc4c63000d5eab461850eaba714ff517f8e714d104eeae27643c5eb64');
  });

  it("does not depend on the order of a structured note's keys, and survives a JSON round trip", () => {
    // given a structured note, and the same note with every key in the other order
    const made = note('clockStarted', {
      clock: 'repair-on-site',
      clockTitle: { zh: '24小时上门服务', en: 'On site within 24 hours' },
      deadline: 1796263200000,
      timeZone: 'Asia/Shanghai',
    });
    const reversed = {
      text: made.text,
      args: {
        timeZone: 'Asia/Shanghai',
        deadline: 1796263200000,
        clockTitle: { en: 'On site within 24 hours', zh: '24小时上门服务' },
        clock: 'repair-on-site',
      },
      code: made.code,
    };
    const hash = hashEvent(event([made, 'plain line']), GENESIS_HASH);
    // then both hash alike, as does what SQLite gives back
    expect(hashEvent(event([reversed, 'plain line']), GENESIS_HASH)).toBe(hash);
    expect(hashEvent(JSON.parse(JSON.stringify(event([made, 'plain line']))) as Unhashed, GENESIS_HASH)).toBe(hash);
    // and a changed arg changes it
    expect(
      hashEvent(event([{ ...made, args: { ...made.args, deadline: 1796263200001 } }, 'plain line']), GENESIS_HASH),
    ).not.toBe(hash);
  });
});
