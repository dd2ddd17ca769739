import type { Localized } from '../localized.ts';
import type { NoteArgs, StructuredNote } from '../runtime/note.ts';
import { formatInstant, formatSpan } from './explain-clock.ts';

/**
 * One line of a clock's explanation, as a message key with its args (the UI says it in the reader's
 * language, ui/i18n/clock-messages.ts) and the English line the engine has always written (the
 * API's `explanation` strings, the simulator's failure messages). Instants are epoch ms shown in
 * `timeZone`, the calendar's zone; spans are ms.
 *
 * Why a clock started, stopped, paused or resumed, as `why` with the event or state in `whyName`:
 * created (the case), event, entered, in, left (a state), action (a clock action), ended (the case),
 * agreed (a time was agreed).
 */
export type Why = 'created' | 'event' | 'entered' | 'in' | 'left' | 'action' | 'ended' | 'agreed';
type Reason = { why: Why; whyName?: string };
type At = { at: number; timeZone: string };
/** How the policy counts: working time on a calendar, elapsed time, or on time by an agreed instant. */
type Counting = {
  counts: 'working' | 'elapsed' | 'agreed';
  target: string;
  calendar?: string;
  calendarTitle?: Localized;
  timeZone: string;
};

const WHY_TEXT: Record<Why, (name: string) => string> = {
  created: () => 'case created',
  event: (n) => `event ${n}`,
  entered: (n) => `entered ${n}`,
  in: (n) => `in ${n}`,
  left: (n) => `left ${n}`,
  action: () => 'a clock action',
  ended: () => 'the case ended',
  agreed: () => 'a time was agreed',
};
const why = (a: Reason) => WHY_TEXT[a.why](a.whyName ?? '');
const at = (a: At) => formatInstant(a.at, a.timeZone);
const counting = (a: Counting) =>
  a.counts === 'working'
    ? `${a.target} of working time on calendar '${a.calendar ?? ''}' (${a.timeZone})`
    : a.counts === 'elapsed'
      ? `${a.target} of elapsed time (every hour counts, nights, weekends and holidays included; times in ${a.timeZone})`
      : `on time by the agreed time ${a.target}; lateness counted in time`;

export const clockLineCatalogue = {
  policy: (a: Counting & { clock: string; clockTitle?: Localized }) => `policy ${a.clock}: ${counting(a)}`,
  started: (a: At & Reason) => `started ${at(a)} (${why(a)})`,
  targetInWorkingTime: (a: { target: string; spanMs: number }) =>
    `${a.target} from the start is ${formatSpan(a.spanMs)} of working time on this calendar`,
  target: (a: At & Counting & { remainingMs: number; from: number }) =>
    `target ${at(a)}: ${formatSpan(Math.max(0, a.remainingMs))} of ${counting(a)} remaining, counted from ${formatInstant(a.from, a.timeZone)}`,
  countingBegins: (a: At) => `counting begins at the next working time, ${at(a)}`,
  skippedDays: (a: { days: readonly string[]; more: number }) =>
    `days not counted or counted specially: ${a.days.join('; ')}${a.more ? `; and ${a.more} more` : ''}`,
  appointmentLater: (a: At) =>
    `customer appointment ${at(a)} is later than the target: the deadline follows the appointment`,
  appointmentNotLater: (a: At) => `customer appointment ${at(a)} is not later than the target, which stands`,
  noHolidaySchedule: (a: { calendar: string; calendarTitle?: Localized; year: number }) =>
    `calendar '${a.calendar}' has no holiday schedule for ${a.year}: only its weekly hours and its own days count there, so public holidays of ${a.year} are not skipped (add them under spec.days and list ${a.year} in spec.years)`,
  deadline: (a: At) => `deadline ${at(a)}`,
  agreedDeadline: (a: At & { target: string }) =>
    `deadline ${at(a)}: the agreed time (${a.target}), kept by a stop at or before it; times in ${a.timeZone}`,
  stopped: (
    a: At &
      Reason & {
        verdict: 'onTime' | 'late' | 'whilePaused';
        lateMs?: number;
        agreed: number;
        usedMs?: number;
        targetMs?: number;
      },
  ) => {
    const mark = a.agreed ? 'the agreed time' : 'the deadline';
    const verdict =
      a.verdict === 'whilePaused'
        ? 'while paused'
        : a.verdict === 'late'
          ? `${formatSpan(a.lateMs ?? 0)} after ${mark}`
          : `at or before ${mark}`;
    return `stopped ${at(a)} (${why(a)}), ${verdict}${a.usedMs === undefined ? '' : `; ${formatSpan(a.usedMs)} of ${formatSpan(a.targetMs ?? 0)} used`}`;
  },
  paused: (a: At & Reason & { usedMs: number; targetMs: number }) =>
    `paused ${at(a)} (${why(a)}); ${formatSpan(a.usedMs)} of ${formatSpan(a.targetMs)} used`,
  resumed: (a: At & Reason & { pauseMs: number }) =>
    `resumed ${at(a)} (${why(a)}) after a pause of ${formatSpan(a.pauseMs)} wall time`,
  noAgreedTime: (_a: Record<string, never>) => 'no agreed time yet: no deadline',
  agreedTimeChanged: (a: At) => `agreed time changed ${at(a)}`,
  breachStands: (_a: Record<string, never>) => 'the breach of the earlier agreed time stands',
  deadlineRecomputed: (a: At) => `deadline recomputed ${at(a)}: the appointment changed`,
  thresholdReached: (a: At & { kind: 'breach' | 'warning' | 'escalation'; threshold: string; after?: string }) =>
    `${at(a)} ${a.kind === 'breach' ? 'breached: the deadline passed' : a.kind === 'warning' ? 'warning threshold reached' : `escalation ${a.threshold} (${a.after ?? ''} after the breach)`}`,
  recomputed: (a: At & Counting) =>
    `recomputed ${at(a)} with the published policy and calendar: ${a.counts === 'agreed' ? `the agreed time ${a.target}` : counting(a)}`,
  usedKept: (a: At & { usedMs: number }) => `${formatSpan(a.usedMs)} used before ${at(a)} is kept`,
} as const;

export type ClockLineCode = keyof typeof clockLineCatalogue;
type ArgsOf<C extends ClockLineCode> = Parameters<(typeof clockLineCatalogue)[C]>[0];

/** A structured explanation line with its English text. Optional args left undefined are not stored. */
export function clockLine<C extends ClockLineCode>(code: C, args: ArgsOf<C>): StructuredNote {
  const render = clockLineCatalogue[code] as (a: ArgsOf<C>) => string;
  const stored: Record<string, unknown> = {};
  for (const key in args)
    if ((args as Record<string, unknown>)[key] !== undefined) stored[key] = (args as Record<string, unknown>)[key];
  return { code, args: stored as NoteArgs, text: render(args) };
}

/** The English text of an explanation line: older clocks hold plain strings. */
export function clockLineText(line: string | StructuredNote): string {
  return typeof line === 'string' ? line : line.text;
}
