import scheduleSchema from '../definitions/schemas/schedule.schema.json' with { type: 'json' };
import { isKnownTimeZone } from '../calendar/time-zone.ts';
import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { KindDefinition, Report } from '../definitions/kind.ts';
import { compileExpression } from '../expressions/index.ts';
import { known, knownUnits, knownUnitTypes } from '../org/organization-kind.ts';
import { SCHEDULE_SCOPE, type ScheduleSpec } from './schedule-model.ts';

/** Schedules: references (workflow, calendar, units, unit types), timing and data expressions. */
export const scheduleKind: KindDefinition = {
  kind: 'Schedule',
  schema: scheduleSchema,
  check(doc, index, report) {
    const spec = doc.spec as ScheduleSpec;
    const wf = index.get<{ start?: { allow?: { system?: boolean }[] } }>('Workflow', spec.workflow);
    if (!wf)
      report('/spec/workflow', Code.unknownReference, `unknown Workflow "${spec.workflow}"`, {
        hint: known(index, 'Workflow'),
      });
    else if (!(wf.spec.start?.allow ?? []).some((rule) => rule.system === true)) {
      report('/spec/workflow', Code.invalidValue, `workflow "${spec.workflow}" does not let the system start it`, {
        hint: `add { system: true } to its spec.start.allow`,
      });
    }
    if (spec.calendar !== undefined && !index.get('Calendar', spec.calendar)) {
      report('/spec/calendar', Code.unknownReference, `unknown Calendar "${spec.calendar}"`, {
        hint: known(index, 'Calendar'),
      });
    }
    if (spec.workingDay !== undefined && spec.workingDay !== 'any' && spec.calendar === undefined) {
      report(
        '/spec/workingDay',
        Code.invalidValue,
        `workingDay: ${spec.workingDay} needs a calendar to know working days`,
        { hint: 'add calendar: <name>' },
      );
    }
    if (spec.timeZone !== undefined && !isKnownTimeZone(spec.timeZone)) {
      report('/spec/timeZone', Code.invalidValue, `unknown time zone "${spec.timeZone}"`, {
        hint: 'use an IANA name such as Asia/Shanghai',
      });
    }
    checkTiming(spec, report);
    checkUnits(spec, index, report);
    checkData(spec.data ?? {}, '/spec/data', report);
  },
};

function checkTiming(spec: ScheduleSpec, report: Report): void {
  const at = spec.at ?? {};
  if (at.month !== undefined && spec.every !== 'year')
    report('/spec/at/month', Code.invalidValue, `at.month is for every: year, not every: ${spec.every}`, {
      hint: 'remove it',
    });
  if (at.day !== undefined && spec.every === 'day')
    report('/spec/at/day', Code.invalidValue, 'at.day has no meaning for every: day', {
      hint: 'remove it, or use every: week / month',
    });
  if (at.day !== undefined && spec.every === 'week' && at.day > 7)
    report('/spec/at/day', Code.invalidValue, `a week has weekdays 1-7 (Monday = 1), not ${at.day}`);
}

function checkUnits(
  spec: ScheduleSpec,
  index: Parameters<NonNullable<KindDefinition['check']>>[1],
  report: Report,
): void {
  const units = spec.units;
  if (units === undefined) return;
  if (Array.isArray(units)) {
    const names = knownUnits(index);
    (units as readonly string[]).forEach((u, i) => {
      if (!names.has(u))
        report(`/spec/units/${i}`, Code.unknownReference, `unknown unit "${u}"`, {
          hint: `units: ${[...names].join(', ')}`,
        });
    });
    return;
  }
  const types = knownUnitTypes(index);
  (units as { types: readonly string[] }).types.forEach((t, i) => {
    if (!types.has(t))
      report(`/spec/units/types/${i}`, Code.unknownReference, `unknown unit type "${t}"`, {
        hint: `unit types: ${[...types].join(', ')}`,
      });
  });
}

function checkData(value: unknown, pointer: string, report: Report): void {
  if (typeof value === 'string' && value.startsWith('=')) {
    const compiled = compileExpression(value.slice(1));
    if (!compiled.ok) {
      report(pointer, Code.invalidExpression, `invalid expression: ${compiled.message} (column ${compiled.column})`);
      return;
    }
    for (const ref of compiled.references) {
      const root = ref.split(/[.[]/)[0]!;
      if (!(SCHEDULE_SCOPE as readonly string[]).includes(root)) {
        report(pointer, Code.invalidExpression, `"${root}" is not known when a schedule runs`, {
          hint: `a schedule's data may read ${SCHEDULE_SCOPE.join(', ')}`,
        });
      }
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => checkData(v, `${pointer}/${i}`, report));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      checkData(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, report);
}
