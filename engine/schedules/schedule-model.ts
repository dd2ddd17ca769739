/** How often a Schedule runs; each value has a period label format (see due-runs.ts). */
export const Every = { day: 'day', week: 'week', month: 'month', year: 'year' } as const;
export type Every = (typeof Every)[keyof typeof Every];

/** What happens to a run whose date is not a working day of the schedule's calendar. */
export const WorkingDay = { any: 'any', next: 'next', previous: 'previous', skip: 'skip' } as const;
export type WorkingDay = (typeof WorkingDay)[keyof typeof WorkingDay];

/** The `spec` of a `kind: Schedule` definition, as its schema admits it. */
export interface ScheduleSpec {
  readonly workflow: string;
  readonly every: Every;
  readonly at?: {
    /** Month of the year (1–12), for `every: year`. */
    readonly month?: number;
    /** Day of the month (a month without it runs on its last day), or weekday 1–7 (Monday = 1) for `every: week`. */
    readonly day?: number;
    /** Local time "HH:MM" (default "00:00"). */
    readonly time?: string;
  };
  readonly calendar?: string;
  readonly timeZone?: string;
  readonly workingDay?: WorkingDay;
  /** One case per unit: unit names, or every unit of these types. Default: the root unit. */
  readonly units?: readonly string[] | { readonly types: readonly string[] };
  /** Start data: values or '=' expressions over `period`, `unit` and `schedule`. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Names a Schedule's `data` expressions may read. */
export const SCHEDULE_SCOPE = ['period', 'unit', 'schedule'] as const;
