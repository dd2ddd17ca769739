import { DefinitionErrorCode } from '../definitions/definition-error.ts';
import type { KindDefinition, Report } from '../definitions/kind.ts';
import schema from '../definitions/schemas/calendar.schema.json' with { type: 'json' };
import { WEEKDAYS, type CalendarSpec, type HoursSpan } from './calendar-spec.ts';
import { parseClock } from './clock-time.ts';
import { dayNumberOf } from './local-date.ts';
import { officialSchedules } from './official-schedules.ts';
import { isKnownTimeZone } from './time-zone.ts';
import { say } from '../definitions/said.ts';

const INVALID = DefinitionErrorCode.invalidCalendar;

/** The Calendar kind: its schema, and the checks a schema cannot express. Reports every problem. */
export const calendarKind: KindDefinition = {
  kind: 'Calendar',
  schema,
  check(doc, _index, report) {
    const spec = doc.spec as CalendarSpec;
    if (spec.timeZone !== undefined && !isKnownTimeZone(spec.timeZone)) {
      report('/spec/timeZone', INVALID, say('calendar.unknownTimeZone', { timeZone: spec.timeZone }), {
        hint: say('calendar.useAnIanaName'),
      });
    }
    if (spec.official !== undefined && !officialSchedules.has(spec.official)) {
      report(
        '/spec/official',
        DefinitionErrorCode.unknownReference,
        say('calendar.unknownOfficialSchedule', { official: spec.official }),
        {
          hint: say('calendar.known', { officialSchedules: officialSchedules.known() }),
        },
      );
    }
    for (const day of WEEKDAYS) checkHours(spec.week?.[day], `/spec/week/${day}`, report);
    checkHours(spec.makeUpDayHours, '/spec/makeUpDayHours', report);
    checkDays(spec, report);
    const worked =
      WEEKDAYS.some((d) => (spec.week?.[d]?.length ?? 0) > 0) || (spec.days ?? []).some((d) => d.type === 'workday');
    if (!worked) {
      report('/spec', INVALID, say('calendar.theCalendarHasNo'), {
        hint: say('calendar.addHoursUnderWeek'),
      });
    }
  },
};

function checkDays(spec: CalendarSpec, report: Report): void {
  const seen = new Map<string, number>();
  (spec.days ?? []).forEach((day, i) => {
    const at = `/spec/days/${i}`;
    if (dayNumberOf(day.date) === undefined) {
      report(`${at}/date`, INVALID, say('calendar.isNotADate', { date: day.date }), {
        hint: say('calendar.writeYyyyMmDd'),
      });
    }
    const first = seen.get(day.date);
    if (first !== undefined) {
      report(`${at}/date`, INVALID, say('calendar.isListedTwice', { date: day.date }), {
        hint: say('calendar.mergeItWithSpec', { first }),
      });
    } else {
      seen.set(day.date, i);
    }
    if (day.type === 'holiday' && day.hours !== undefined) {
      report(`${at}/hours`, INVALID, say('calendar.aHolidayHasNo'), {
        hint: say('calendar.removeHoursOrMake'),
      });
    }
    checkHours(day.hours, `${at}/hours`, report);
  });
}

/** Spans must be valid, in time order and apart; touching spans ("12:00" then "12:00") are fine. */
function checkHours(spans: readonly HoursSpan[] | undefined, at: string, report: Report): void {
  let previousEnd: number | undefined;
  (spans ?? []).forEach((span, i) => {
    const from = parseClock(span.from);
    const to = parseClock(span.to);
    if (from === undefined || from === 24 * 60) {
      report(`${at}/${i}/from`, INVALID, say('calendar.isNotATime', { from: span.from }), {
        hint: say('calendar.useTheHourClock'),
      });
    }
    if (to === undefined) {
      report(`${at}/${i}/to`, INVALID, say('calendar.isNotATime2', { to: span.to }), {
        hint: say('calendar.useTheHourClock2'),
      });
    }
    if (from === undefined || to === undefined) return;
    if (from >= to) {
      report(`${at}/${i}/to`, INVALID, say('calendar.spanEndsAtNot', { to: span.to, from: span.from }), {
        hint: say('calendar.aSpanCannotCross'),
      });
    }
    if (previousEnd !== undefined && from < previousEnd) {
      report(`${at}/${i}/from`, INVALID, say('calendar.spanStartingOverlapsOr', { from: span.from }), {
        hint: say('calendar.listSpansInTime'),
      });
    }
    previousEnd = Math.max(previousEnd ?? 0, to);
  });
}
