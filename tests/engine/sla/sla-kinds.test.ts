import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allKinds, loadDefinitions, type SourceFile } from '../../../engine/definitions/index.ts';

const file = (name: string): SourceFile => {
  const path = `tests/fixtures/sla/${name}.yaml`;
  return { path, text: readFileSync(path, 'utf8') };
};
const load = (name: string) => loadDefinitions([file('base'), file(name)], allKinds);
const errors = (name: string) => load(name).issues.filter((i) => i.severity === 'error');

describe('checking SlaPolicy, Scorecard and NotificationTemplate definitions', () => {
  it('accepts a policy with pause, warning, breach and two escalation levels', () => {
    expect(load('valid-policy').issues).toEqual([]);
  });

  it.each([
    ['unknown-workflow', 'UNKNOWN_REFERENCE', '/spec/workflows/0', 5, 'unknown Workflow "complaints"'],
    [
      'unknown-state',
      'UNKNOWN_REFERENCE',
      '/spec/stop/0/enter',
      7,
      'no workflow of this policy has a state "plannedd"',
    ],
    [
      'unknown-event',
      'UNKNOWN_REFERENCE',
      '/spec/start/on/event',
      6,
      'no workflow of this policy has an event "recieve"',
    ],
    ['unknown-calendar', 'UNKNOWN_REFERENCE', '/spec/target/calendar', 7, 'unknown Calendar "standrd"'],
    [
      'unknown-template',
      'UNKNOWN_REFERENCE',
      '/spec/breach/actions/0/notify/template',
      10,
      'unknown notification template "plan-overdu"',
    ],
    [
      'unknown-role',
      'UNKNOWN_REFERENCE',
      '/spec/escalations/0/actions/0/escalate/role',
      10,
      'unknown role "vice-presidnt"',
    ],
    [
      'bad-duration',
      'INVALID_DURATION',
      '/spec/target/duration',
      7,
      "invalid duration '1h1h': unit 'h' appears twice (expected e.g. '24h', '1h30m', '2d', '1w')",
    ],
    ['bad-condition', 'INVALID_CONDITION', '/spec/start/when/all/0/fact', 8, 'unknown fact "clok"'],
    [
      'scorecard-unknown-fact',
      'UNKNOWN_REFERENCE',
      '/spec/categories/0/rules/0/when/all/0/value',
      12,
      'unknown score fact "late-feeback"',
    ],
    ['scorecard-bad-sum', 'INVALID_VALUE', '/spec/total', 5, "the categories' max add up to 45, not 100"],
    [
      'template-bad-placeholder',
      'UNKNOWN_REFERENCE',
      '/spec/subject/en',
      6,
      'placeholder "{{cas.id}}" starts with unknown "cas"',
    ],
    [
      'working-without-calendar',
      'INVALID_VALUE',
      '/spec/target/clock',
      7,
      'working time is counted on a calendar, and this target names none',
    ],
    ['target-duration-and-at', 'INVALID_VALUE', '/spec/target', 7, 'a target needs exactly one of duration and at'],
    [
      'at-with-deadline-from',
      'INVALID_VALUE',
      '/spec/deadlineFrom',
      8,
      'a target at an agreed time is its own deadline: deadlineFrom does not apply',
    ],
    [
      'at-with-pause',
      'INVALID_VALUE',
      '/spec/pause',
      8,
      'an agreed time does not move while a case waits: a clock with target.at cannot pause',
    ],
  ])('%s: reports %s at %s', (name, code, pointer, line, message) => {
    const found = errors(name);
    expect(found).toContainEqual(
      expect.objectContaining({
        code,
        pointer,
        message,
        at: expect.objectContaining({ file: `tests/fixtures/sla/${name}.yaml`, line }),
      }),
    );
    expect(found).toHaveLength(1);
  });
});
