import type { BusinessCalendar, Duration } from '../calendar/index.ts';
import type { CompiledSet } from '../runtime/compiled-set.ts';
import type { Localized } from '../localized.ts';
import type { CompiledSla } from './compile-sla-policy.ts';

const DAY_MS = 86_400_000;

/** Time as one policy counts it: working time on its calendar, or elapsed time. */
export interface ClockMath {
  /** The calendar whose working time is counted; undefined when elapsed time is counted. */
  readonly calendar: BusinessCalendar | undefined;
  /** Time zone used to print instants in explanations. */
  readonly timeZone: string;
  /** `ms` of counted time after `t`. */
  advance(t: number, ms: number): number;
  /** A duration as written (days count working days on a calendar) after `t`. */
  add(t: number, d: Duration): number;
  /** Counted ms in [a, b). */
  measure(a: number, b: number): number;
  /** "24h of working time on calendar 'standard' …" or "24h of elapsed time …": always says which clock. */
  describe(text: string): string;
  /**
   * The same as args of an explanation line (engine/sla/clock-lines.ts), for `text` (the policy's target as written).
   */
  counting(
    text: string,
    agreed?: boolean,
  ): {
    counts: 'working' | 'elapsed' | 'agreed';
    target: string;
    calendar?: string;
    calendarTitle?: Localized;
    timeZone: string;
  };
}

// Every step of every case asks for its policies' math; made once per set, policy and unit, it is
// not rebuilt (four closures each time, and a defineProperty per closure under tsx's keepNames).
const made = new WeakMap<CompiledSet, WeakMap<CompiledSla, Map<string, ClockMath>>>();

export function clockMath(set: CompiledSet, policy: CompiledSla, unit: string | undefined): ClockMath {
  let ofSet = made.get(set);
  if (!ofSet) made.set(set, (ofSet = new WeakMap()));
  let ofPolicy = ofSet.get(policy);
  if (!ofPolicy) ofSet.set(policy, (ofPolicy = new Map<string, ClockMath>()));
  const key = unit ?? '';
  let math = ofPolicy.get(key);
  if (!math) ofPolicy.set(key, (math = makeClockMath(set, policy, unit)));
  return math;
}

function makeClockMath(set: CompiledSet, policy: CompiledSla, unit: string | undefined): ClockMath {
  const named = policy.calendar ? set.calendars.get(policy.calendar) : undefined;
  const timeZone = named?.timeZone ?? (unit ? set.calendarForUnit(unit)?.timeZone : undefined) ?? 'UTC';
  const calendar = policy.counts === 'working' ? named : undefined;
  if (calendar) {
    const calendarTitle = set.definition('Calendar', calendar.name)?.metadata.title;
    return {
      calendar,
      timeZone,
      counting: (target, agreed) =>
        agreed
          ? { counts: 'agreed', target, timeZone }
          : {
              counts: 'working',
              target,
              calendar: calendar.name,
              ...(calendarTitle !== undefined ? { calendarTitle } : {}),
              timeZone,
            },
      advance: (t, ms) => (ms > 0 ? calendar.addWorkingTime(t, ms) : t),
      add: (t, d) => calendar.add(t, d),
      measure: (a, b) => calendar.workingTimeBetween(a, b),
      describe: (text) => `${text} of working time on calendar '${calendar.name}' (${calendar.timeZone})`,
    };
  }
  return {
    calendar: undefined,
    timeZone,
    counting: (target, agreed) => ({ counts: agreed ? 'agreed' : 'elapsed', target, timeZone }),
    advance: (t, ms) => t + Math.max(0, ms),
    add: (t, d) => t + d.days * DAY_MS + d.ms,
    measure: (a, b) => b - a,
    describe: (text) =>
      `${text} of elapsed time (every hour counts, nights, weekends and holidays included; times in ${timeZone})`,
  };
}
