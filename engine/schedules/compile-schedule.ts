import { DEFAULT_TIME_ZONE } from '../calendar/index.ts';
import { parseClock } from '../calendar/clock-time.ts';
import { createZone } from '../calendar/time-zone.ts';
import type { Definition } from '../definitions/kind.ts';
import type { OrgModel } from '../org/organization.ts';
import type { CompiledSet } from '../runtime/compiled-set.ts';
import type { ScheduleTiming } from './due-runs.ts';
import type { ScheduleSpec } from './schedule-model.ts';

/** A Schedule ready to run against one compiled set. */
export interface CompiledSchedule {
  readonly name: string;
  readonly spec: ScheduleSpec;
  readonly timing: ScheduleTiming;
  /** The units that get a case, in the organization's order; names no longer in the org are left out. */
  readonly units: readonly string[];
}

const cache = new WeakMap<CompiledSet, readonly CompiledSchedule[]>();

/** Every Schedule of the set, compiled once per set. Assumes the set passed validation. */
export function schedulesOf(set: CompiledSet): readonly CompiledSchedule[] {
  let compiled = cache.get(set);
  if (!compiled) {
    compiled = set.docs
      .filter((d) => d.kind === 'Schedule')
      .map((d) => compileSchedule(d as Definition<ScheduleSpec>, set));
    cache.set(set, compiled);
  }
  return compiled;
}

export function compileSchedule(def: Definition<ScheduleSpec>, set: CompiledSet): CompiledSchedule {
  const spec = def.spec;
  const calendar = spec.calendar ? set.calendars.get(spec.calendar) : undefined;
  const timing: ScheduleTiming = {
    every: spec.every,
    month: spec.at?.month ?? 1,
    day: spec.at?.day ?? 1,
    minutes: parseClock(spec.at?.time ?? '00:00') ?? 0,
    zone: createZone(spec.timeZone ?? calendar?.timeZone ?? DEFAULT_TIME_ZONE),
    ...(calendar ? { calendar } : {}),
    workingDay: spec.workingDay ?? 'any',
  };
  return { name: def.metadata.name, spec, timing, units: targetUnits(spec, set.org) };
}

function targetUnits(spec: ScheduleSpec, org: OrgModel): string[] {
  const units = spec.units;
  if (units === undefined) return [org.root];
  if (Array.isArray(units)) return (units as readonly string[]).filter((u) => org.unit(u) !== undefined);
  const types = new Set((units as { types: readonly string[] }).types);
  return org
    .units()
    .filter((u) => types.has(u.type))
    .map((u) => u.name);
}
