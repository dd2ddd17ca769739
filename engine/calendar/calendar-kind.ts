import { DefinitionErrorCode } from '../definitions/definition-error.ts';
import type { KindDefinition, Report } from '../definitions/kind.ts';
import schema from '../definitions/schemas/calendar.schema.json' with { type: 'json' };
import { WEEKDAYS, type CalendarSpec, type HoursSpan } from './calendar-spec.ts';
import { parseClock } from './clock-time.ts';
import { dayNumberOf } from './local-date.ts';
import { officialSchedules } from './official-schedules.ts';
import { isKnownTimeZone } from './time-zone.ts';

const INVALID = DefinitionErrorCode.invalidCalendar;

/** The Calendar kind: its schema, and the checks a schema cannot express. Reports every problem. */
export const calendarKind: KindDefinition = {
  kind: 'Calendar',
  schema,
  check(doc, _index, report) {
    const spec = doc.spec as CalendarSpec;
    if (spec.timeZone !== undefined && !isKnownTimeZone(spec.timeZone)) {
      report('/spec/timeZone', INVALID, `unknown time zone '${spec.timeZone}'`, {
        hint: 'use an IANA name such as Asia/Shanghai or Europe/Berlin',
      });
    }
    if (spec.official !== undefined && !officialSchedules.has(spec.official)) {
      report('/spec/official', DefinitionErrorCode.unknownReference, `unknown official schedule '${spec.official}'`, {
        hint: `known: ${officialSchedules.known().join(', ')}`,
      });
    }
    for (const day of WEEKDAYS) checkHours(spec.week?.[day], `/spec/week/${day}`, report);
    checkHours(spec.makeUpDayHours, '/spec/makeUpDayHours', report);
    checkDays(spec, report);
    const worked =
      WEEKDAYS.some((d) => (spec.week?.[d]?.length ?? 0) > 0) || (spec.days ?? []).some((d) => d.type === 'workday');
    if (!worked) {
      report('/spec', INVALID, 'the calendar has no working hours', {
        hint: 'add hours under week, e.g. mon: [{ from: "09:00", to: "18:00" }]',
      });
    }
  },
};

function checkDays(spec: CalendarSpec, report: Report): void {
  const seen = new Map<string, number>();
  (spec.days ?? []).forEach((day, i) => {
    const at = `/spec/days/${i}`;
    if (dayNumberOf(day.date) === undefined) {
      report(`${at}/date`, INVALID, `'${day.date}' is not a date`, { hint: 'write YYYY-MM-DD, e.g. 2027-01-01' });
    }
    const first = seen.get(day.date);
    if (first !== undefined) {
      report(`${at}/date`, INVALID, `${day.date} is listed twice`, { hint: `merge it with /spec/days/${first}` });
    } else {
      seen.set(day.date, i);
    }
    if (day.type === 'holiday' && day.hours !== undefined) {
      report(`${at}/hours`, INVALID, 'a holiday has no working hours', {
        hint: "remove hours, or make the day type 'workday'",
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
      report(`${at}/${i}/from`, INVALID, `'${span.from}' is not a time HH:MM`, {
        hint: 'use the 24-hour clock with two digits, e.g. 08:30',
      });
    }
    if (to === undefined) {
      report(`${at}/${i}/to`, INVALID, `'${span.to}' is not a time HH:MM`, {
        hint: 'use the 24-hour clock with two digits, e.g. 18:00; 24:00 ends the day',
      });
    }
    if (from === undefined || to === undefined) return;
    if (from >= to) {
      report(`${at}/${i}/to`, INVALID, `span ends at ${span.to}, not after its start ${span.from}`, {
        hint: 'a span cannot cross midnight; split it into ...-24:00 and 00:00-... on the next day',
      });
    }
    if (previousEnd !== undefined && from < previousEnd) {
      report(`${at}/${i}/from`, INVALID, `span starting ${span.from} overlaps or precedes the span before it`, {
        hint: 'list spans in time order without overlap; a break is the gap between two spans',
      });
    }
    previousEnd = Math.max(previousEnd ?? 0, to);
  });
}
