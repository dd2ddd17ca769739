import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../engine/calendar/index.ts';

describe('parseDuration', () => {
  it.each([
    ['24h', 0, 86_400_000],
    ['1h30m', 0, 5_400_000],
    ['2d', 2, 0],
    ['1w', 7, 0],
    ['1w2d', 9, 0],
    ['90m', 0, 5_400_000],
    ['45s', 0, 45_000],
    ['0.5h', 0, 1_800_000],
    [' 1d 4h ', 1, 14_400_000],
  ])('reads %s as %i days and %i ms', (text, days, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: { days, ms } });
  });

  it.each([[''], ['h'], ['5'], ['1x'], ['-1h'], ['1h1h'], ['0.5d'], ['1h and a bit']])(
    'rejects %j with a message',
    (text) => {
      const result = parseDuration(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain('invalid duration');
    },
  );
});

describe('formatDuration', () => {
  it.each([
    [5_400_000, '1h30m'],
    [45_000, '45s'],
    [0, '0m'],
    [90_000_000, '25h'],
    [-60_000, '-1m'],
  ])('writes %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips through parseDuration', () => {
    for (const ms of [1_000, 61_000, 3_723_000, 172_800_000]) {
      expect(parseDuration(formatDuration(ms))).toEqual({ ok: true, value: { days: 0, ms } });
    }
  });
});
