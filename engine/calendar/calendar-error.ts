export const CalendarErrorCode = {
  invalidArgument: 'CALENDAR_INVALID_ARGUMENT',
  noWorkingTime: 'CALENDAR_NO_WORKING_TIME',
  unknownOfficial: 'CALENDAR_UNKNOWN_OFFICIAL',
  unknownTimeZone: 'CALENDAR_UNKNOWN_TIME_ZONE',
} as const;
export type CalendarErrorCode = (typeof CalendarErrorCode)[keyof typeof CalendarErrorCode];

/** Thrown by calendar arithmetic at run time; the server maps `code` to a response in one place. */
export class CalendarError extends Error {
  readonly code: CalendarErrorCode;
  constructor(code: CalendarErrorCode, message: string) {
    super(message);
    this.name = 'CalendarError';
    this.code = code;
  }
}
