import { say, sayIn, type Said } from '../definitions/said.ts';

export const CalendarErrorCode = {
  invalidArgument: 'CALENDAR_INVALID_ARGUMENT',
  noWorkingTime: 'CALENDAR_NO_WORKING_TIME',
  unknownOfficial: 'CALENDAR_UNKNOWN_OFFICIAL',
  unknownTimeZone: 'CALENDAR_UNKNOWN_TIME_ZONE',
} as const;
export type CalendarErrorCode = (typeof CalendarErrorCode)[keyof typeof CalendarErrorCode];

/**
 * Thrown by calendar arithmetic at run time; the server maps `code` to a response in one place.
 * Each carries its reason (`calendar.error.*` in engine/definitions/messages, with its parameters),
 * said in the reader's language where it is shown; the message is that reason in English.
 */
export class CalendarError extends Error {
  readonly code: CalendarErrorCode;
  readonly said: Said;
  constructor(code: CalendarErrorCode, reason: Said | string) {
    const said = typeof reason === 'string' ? say('asGiven', { message: reason }) : reason;
    super(sayIn(said, 'en'));
    this.name = 'CalendarError';
    this.code = code;
    this.said = said;
  }
}
