import { compileCalendar, type CalendarSpec, type HoursSpan } from '../../../engine/calendar/index.ts';
import type { Definition } from '../../../engine/definitions/kind.ts';
import type { ClockOperation } from '../../../engine/runtime/action-context.ts';
import type { ClockState } from '../../../engine/runtime/case-record.ts';
import type { CompiledSet } from '../../../engine/runtime/compiled-set.ts';
import { clockFacts } from '../../../engine/runtime/facts.ts';
import { compileSlaPolicy, type ClockStep, type SlaPolicySpec } from '../../../engine/sla/index.ts';

const office: HoursSpan[] = [
  { from: '08:30', to: '12:00' },
  { from: '13:30', to: '18:00' },
];
export const standardSpec: CalendarSpec = {
  official: 'cn',
  week: { mon: office, tue: office, wed: office, thu: office, fri: office },
};
export const HOUR = 3_600_000;

/** Shanghai wall time <-> epoch ms, written out so the tests do not lean on the code under test. */
export const at = (local: string): number => Date.parse(`${local}:00+08:00`);
export const local = (t: number | null): string =>
  t === null ? 'none' : new Date(t + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');

/** Just the parts of a compiled set that the SLA module reads. */
export function slaSet(policies: Record<string, SlaPolicySpec>): CompiledSet {
  const calendar = compileCalendar('standard', standardSpec);
  const sla = Object.entries(policies).map(([name, spec]) =>
    compileSlaPolicy({ apiVersion: 'serviceframe/v1', kind: 'SlaPolicy', metadata: { name }, spec } as Definition),
  );
  return {
    version: 'test',
    calendars: new Map([['standard', calendar]]),
    sla,
    calendarForUnit: () => calendar,
    definition: () => undefined,
  } as unknown as CompiledSet;
}

export interface StepInput {
  readonly now: number;
  readonly event?: string;
  readonly created?: boolean;
  readonly entered?: readonly string[];
  readonly exited?: readonly string[];
  readonly states?: readonly string[];
  readonly done?: boolean;
  readonly data?: Record<string, unknown>;
  readonly explicit?: readonly ClockOperation[];
}

/** A decision's view of the case, as run-step.ts builds it. */
export function step(
  set: CompiledSet,
  clocks: Readonly<Record<string, ClockState>>,
  s: StepInput,
  workflow = 'repair',
): ClockStep {
  return {
    set,
    now: s.now,
    caseId: 'C1',
    workflow,
    unit: 'b1',
    created: s.created ?? false,
    event: { type: s.event ?? (s.created ? 'create' : 'update'), data: {} },
    entered: s.entered ?? [],
    exited: s.exited ?? [],
    activeStates: s.states ?? s.entered ?? [],
    done: s.done ?? false,
    facts: {
      data: s.data ?? {},
      event: {},
      actor: {},
      case: { id: 'C1' },
      clock: clockFacts(s.now, set.calendarForUnit('b1')),
    },
    clocks,
    explicit: s.explicit ?? [],
  };
}
