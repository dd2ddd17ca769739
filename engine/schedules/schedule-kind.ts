import scheduleSchema from '../definitions/schemas/schedule.schema.json' with { type: 'json' };
import { isKnownTimeZone } from '../calendar/time-zone.ts';
import { DefinitionErrorCode as Code } from '../definitions/definition-error.ts';
import type { KindDefinition, Report } from '../definitions/kind.ts';
import { compileExpression } from '../expressions/index.ts';
import { known, knownUnits, knownUnitTypes } from '../org/organization-kind.ts';
import { SCHEDULE_SCOPE, type ScheduleSpec } from './schedule-model.ts';
import { codedSaid, say } from '../definitions/said.ts';

/** Schedules: references (workflow, calendar, units, unit types), timing and data expressions. */
export const scheduleKind: KindDefinition = {
  kind: 'Schedule',
  schema: scheduleSchema,
  check(doc, index, report) {
    const spec = doc.spec as ScheduleSpec;
    const wf = index.get<{ start?: { allow?: { system?: boolean }[] } }>('Workflow', spec.workflow);
    if (!wf)
      report('/spec/workflow', Code.unknownReference, say('schedule.unknownWorkflow', { workflow: spec.workflow }), {
        hint: known(index, 'Workflow'),
      });
    else if (!(wf.spec.start?.allow ?? []).some((rule) => rule.system === true)) {
      report('/spec/workflow', Code.invalidValue, say('schedule.workflowDoesNotLet', { workflow: spec.workflow }), {
        hint: say('schedule.addSystemTrueTo'),
      });
    }
    if (spec.calendar !== undefined && !index.get('Calendar', spec.calendar)) {
      report('/spec/calendar', Code.unknownReference, say('schedule.unknownCalendar', { calendar: spec.calendar }), {
        hint: known(index, 'Calendar'),
      });
    }
    if (spec.workingDay !== undefined && spec.workingDay !== 'any' && spec.calendar === undefined) {
      report(
        '/spec/workingDay',
        Code.invalidValue,
        say('schedule.workingdayNeedsACalendar', { workingDay: spec.workingDay }),
        { hint: say('schedule.addCalendarName') },
      );
    }
    if (spec.timeZone !== undefined && !isKnownTimeZone(spec.timeZone)) {
      report('/spec/timeZone', Code.invalidValue, say('schedule.unknownTimeZone', { timeZone: spec.timeZone }), {
        hint: say('schedule.useAnIanaName'),
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
    report('/spec/at/month', Code.invalidValue, say('schedule.atMonthIsFor', { every: spec.every }), {
      hint: say('schedule.removeIt'),
    });
  if (at.day !== undefined && spec.every === 'day')
    report('/spec/at/day', Code.invalidValue, say('schedule.atDayHasNo'), {
      hint: say('schedule.removeItOrUse'),
    });
  if (at.day !== undefined && spec.every === 'week' && at.day > 7)
    report('/spec/at/day', Code.invalidValue, say('schedule.aWeekHasWeekdays', { day: at.day }));
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
        report(`/spec/units/${i}`, Code.unknownReference, say('schedule.unknownUnit', { u }), {
          hint: say('schedule.units', { names: [...names] }),
        });
    });
    return;
  }
  const types = knownUnitTypes(index);
  (units as { types: readonly string[] }).types.forEach((t, i) => {
    if (!types.has(t))
      report(`/spec/units/types/${i}`, Code.unknownReference, say('schedule.unknownUnitType', { t }), {
        hint: say('schedule.unitTypes', { types: [...types] }),
      });
  });
}

function checkData(value: unknown, pointer: string, report: Report): void {
  if (typeof value === 'string' && value.startsWith('=')) {
    const compiled = compileExpression(value.slice(1));
    if (!compiled.ok) {
      report(
        pointer,
        Code.invalidExpression,
        say('schedule.invalidExpressionColumn', {
          message: codedSaid('expression', compiled.code, compiled.message, compiled.reason),
          column: compiled.column,
        }),
      );
      return;
    }
    for (const ref of compiled.references) {
      const root = ref.split(/[.[]/)[0]!;
      if (!(SCHEDULE_SCOPE as readonly string[]).includes(root)) {
        report(pointer, Code.invalidExpression, say('schedule.isNotKnownWhen', { root }), {
          hint: say('schedule.aScheduleSData', { SCHEDULE_SCOPE }),
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
