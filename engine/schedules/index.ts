export { compileSchedule, schedulesOf, type CompiledSchedule } from './compile-schedule.ts';
export { dueRuns, nextRun, type ScheduledRun, type ScheduleTiming } from './due-runs.ts';
export { localIso, periodScope } from './period-scope.ts';
export { nextScheduleRun, runSchedules, type RunSchedulesOptions } from './run-schedules.ts';
export { scheduleKind } from './schedule-kind.ts';
export { Every, SCHEDULE_SCOPE, WorkingDay, type ScheduleSpec } from './schedule-model.ts';
