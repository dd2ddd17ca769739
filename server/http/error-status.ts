import { CalendarError, type CalendarErrorCode } from '../../engine/calendar/calendar-error.ts';
import { ConditionError, type ConditionErrorCode } from '../../engine/conditions/condition-error.ts';
import { DefinitionError } from '../../engine/definitions/definition-error.ts';
import { ExpressionError, type ExpressionErrorCode } from '../../engine/expressions/expression-error.ts';
import { FormCompileError } from '../../engine/forms/form-error.ts';
import { UnsupportedSchemaError } from '../../engine/forms/schema-interpreter.ts';
import { EngineError, EngineErrorCode } from '../../engine/runtime/engine-error.ts';
import {
  InvalidCommitError,
  InvalidCursorError,
  MigrationOrderError,
  OutboxNotFoundError,
  CaseNumberTakenError,
  ScheduleRunDoneError,
  SchemaTooNewError,
  StaleVersionError,
  StoreClosedError,
  StoreUnavailableError,
  StoreWriterStoppedError,
  TimerAlreadyFiredError,
  UnsupportedStoreOperationError,
} from '../../engine/store/index.ts';
import { issueFields } from '../definitions/issue-fields.ts';
import { Problem, type ProblemField } from './problem.ts';
import { PatternSyntaxError } from '../../engine/patterns/index.ts';

/**
 * Error codes → HTTP status: the one place this mapping lives. `bug` means the error can only
 * come from a programming or deployment fault, which answers 500 and is logged.
 *
 * Each table is typed by its code union, so adding a code to an engine error without a status
 * here fails the type check; `MAPPED_ERRORS` lists every error class, and a test fails when a
 * class under engine/ or server/ is missing from it.
 */
type Status = number | 'bug';

const ENGINE_STATUS: Record<EngineErrorCode, Status> = {
  [EngineErrorCode.unknownCase]: 404,
  [EngineErrorCode.unknownWorkflow]: 422,
  [EngineErrorCode.forbidden]: 403,
  [EngineErrorCode.invalidData]: 422,
  [EngineErrorCode.notAllowed]: 422,
  [EngineErrorCode.staleVersion]: 409,
  [EngineErrorCode.unknownVersion]: 'bug',
};

// Calendar arithmetic fails at run time when a request asks for a date the calendar cannot
// count from (e.g. a report period, a deadline with no working time left in the data): the
// request cannot be served as asked, which is the client's to know, not a server fault.
const CALENDAR_STATUS: Record<CalendarErrorCode, Status> = {
  CALENDAR_INVALID_ARGUMENT: 422,
  CALENDAR_NO_WORKING_TIME: 422,
  CALENDAR_UNKNOWN_OFFICIAL: 422,
  CALENDAR_UNKNOWN_TIME_ZONE: 422,
};

// Publishing compiles every condition and expression, so these reach a route only when a
// published definition meets data it cannot evaluate (a wrong type, a division by zero): the
// request is refused with the reason rather than failing as a server fault.
const CONDITION_STATUS: Record<ConditionErrorCode, Status> = {
  CONDITION_STRUCTURE: 422,
  CONDITION_UNKNOWN_OPERATOR: 422,
  CONDITION_UNKNOWN_FACT: 422,
  CONDITION_INVALID_PATH: 422,
  CONDITION_INVALID_VALUE: 422,
};
const EXPRESSION_STATUS: Record<ExpressionErrorCode, Status> = {
  EXPRESSION_SYNTAX: 422,
  EXPRESSION_UNKNOWN_FUNCTION: 422,
  EXPRESSION_ARITY: 422,
  EXPRESSION_FORBIDDEN: 422,
  EXPRESSION_TYPE: 422,
  EXPRESSION_DIVISION_BY_ZERO: 422,
  EXPRESSION_INVALID_DATE: 422,
  EXPRESSION_TOO_LARGE: 422,
};

type ErrorClass = abstract new (...args: never[]) => Error;
interface Mapping {
  readonly type: ErrorClass;
  /** The status for this error, by its code where it has several. */
  readonly status: (error: never) => Status;
  /** The detail people read; the error's own message when absent. */
  readonly detail?: string;
}

const mapping = <T extends ErrorClass>(
  type: T,
  status: (error: InstanceType<T>) => Status,
  detail?: string,
): Mapping => ({
  type,
  status: status as (error: never) => Status,
  ...(detail ? { detail } : {}),
});

/** Every error class the engine and server throw, with its status. */
export const MAPPED_ERRORS: readonly Mapping[] = [
  mapping(EngineError, (e) => ENGINE_STATUS[e.code]),
  mapping(CalendarError, (e) => CALENDAR_STATUS[e.code]),
  mapping(ConditionError, (e) => CONDITION_STATUS[e.code]),
  mapping(ExpressionError, (e) => EXPRESSION_STATUS[e.code]),
  mapping(DefinitionError, () => 422),
  mapping(FormCompileError, () => 422),
  mapping(StaleVersionError, () => 409, 'the case has changed since it was read; reload it and try again'),
  mapping(TimerAlreadyFiredError, () => 409),
  mapping(ScheduleRunDoneError, () => 409),
  // The engine decides again when its case number was taken; this reaches a route only if that kept failing.
  mapping(CaseNumberTakenError, () => 409, 'another case took this case number at the same time; try again'),
  mapping(InvalidCursorError, () => 400, 'invalid cursor: pass back the `next` value of a previous page'),
  mapping(OutboxNotFoundError, () => 404),
  mapping(UnsupportedStoreOperationError, () => 501),
  mapping(StoreClosedError, () => 503, 'the server is shutting down; try again in a moment'),
  // The server cannot write until it is restarted; whether this request's change was written is unknown.
  mapping(
    StoreWriterStoppedError,
    () => 503,
    'the server cannot save changes until it is restarted; reload to see whether this one was saved',
  ),
  // The database went away (PostgreSQL restarting, the network): nothing of this request is known
  // to be written, and the same request can be sent again once it is back.
  mapping(StoreUnavailableError, () => 503, 'the database cannot be reached at the moment; try again shortly'),
  mapping(InvalidCommitError, () => 'bug'),
  mapping(UnsupportedSchemaError, () => 'bug'),
  // validate and publishing refuse such patterns, so one reaching a form's compiler is a bug.
  mapping(PatternSyntaxError, () => 'bug'),
  mapping(SchemaTooNewError, () => 'bug'),
  mapping(MigrationOrderError, () => 'bug'),
];

/** Any error a route lets through, as a Problem; undefined for a bug (a 500). */
export function problemOf(error: unknown): Problem | undefined {
  if (error instanceof Problem) return error;
  // A case the engine cannot find reads exactly like one the user may not see.
  if (error instanceof EngineError && error.code === EngineErrorCode.unknownCase)
    return new Problem(404, 'no such case', { code: 'NOT_FOUND' });
  const found = MAPPED_ERRORS.find((m) => error instanceof m.type);
  if (!found) return undefined;
  const status = found.status(error as never);
  if (status === 'bug') return undefined;
  const code = (error as { code?: unknown }).code;
  return new Problem(status, found.detail ?? (error as Error).message, {
    ...(typeof code === 'string' ? { code } : {}),
    ...fieldsOf(error),
  });
}

function fieldsOf(error: unknown): { errors?: readonly ProblemField[] } {
  const fields: readonly ProblemField[] =
    error instanceof EngineError
      ? error.errors.map((e) => ({ path: e.path, message: e.message, code: e.code }))
      : error instanceof DefinitionError
        ? issueFields(error.issues)
        : [];
  return fields.length ? { errors: fields } : {};
}
