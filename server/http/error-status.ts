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
import { Problem, type ProblemField, type ProblemParam } from './problem.ts';
import { sayIn } from '../../engine/definitions/said.ts';
import { isProblemKey, notFound, saidField, saidProblem, type ProblemKey } from './problem-messages.ts';
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
  /** The detail people read (a catalogue key); else `error.CODE` with the error's own message as the English. */
  readonly detail?: ProblemKey;
}

const mapping = <T extends ErrorClass>(
  type: T,
  status: (error: InstanceType<T>) => Status,
  detail?: ProblemKey,
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
  mapping(StaleVersionError, () => 409, 'caseChanged'),
  mapping(TimerAlreadyFiredError, () => 409),
  mapping(ScheduleRunDoneError, () => 409),
  // The engine decides again when its case number was taken; this reaches a route only if that kept failing.
  mapping(CaseNumberTakenError, () => 409, 'caseNumberTaken'),
  mapping(InvalidCursorError, () => 400, 'invalidCursor'),
  mapping(OutboxNotFoundError, () => 404),
  mapping(UnsupportedStoreOperationError, () => 501),
  mapping(StoreClosedError, () => 503, 'storeClosed'),
  // The server cannot write until it is restarted; whether this request's change was written is unknown.
  mapping(StoreWriterStoppedError, () => 503, 'storeWriterStopped'),
  // The database went away (PostgreSQL restarting, the network): nothing of this request is known
  // to be written, and the same request can be sent again once it is back.
  mapping(StoreUnavailableError, () => 503, 'storeUnavailable'),
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
  if (error instanceof EngineError && error.code === EngineErrorCode.unknownCase) return notFound('case');
  const found = MAPPED_ERRORS.find((m) => error instanceof m.type);
  if (!found) return undefined;
  const status = found.status(error as never);
  if (status === 'bug') return undefined;
  const code = (error as { code?: unknown }).code;
  const options = { ...(typeof code === 'string' ? { code } : {}), ...fieldsOf(error) };
  if (found.detail) return saidProblem(status, found.detail, {}, options);
  const message = (error as Error).message;
  // The engine says what it refused by a key and parameters where it can (titles, not ids); else
  // the catalogue words the error's code, the engine's English kept as the en text.
  const said = error instanceof EngineError ? error.said : undefined;
  if (said && isProblemKey(said.key)) return saidProblem(status, said.key, said.params, options);
  // A refusal whose field says it in the catalogue's words (the case-size limit): the detail is that field's.
  if (error instanceof EngineError && error.errors.some((e) => e.message === message && isProblemKey(e.code)))
    return new Problem(status, message, options);
  if (error instanceof DefinitionError)
    return saidProblem(status, 'definitionErrors', { message, count: error.issues.length }, options);
  const key = `error.${String(code)}`;
  if (isProblemKey(key)) return saidProblem(status, key, { message: reasonOf(error) }, options);
  return new Problem(status, message, options);
}

/** An error's message, and in Chinese its reason where it says one (a calendar's); else its English as given. */
export function reasonOf(error: unknown): ProblemParam {
  const message = (error as Error).message;
  return error instanceof CalendarError ? { en: message, zh: sayIn(error.said, 'zh-CN') } : message;
}

function fieldsOf(error: unknown): { errors?: readonly ProblemField[] } {
  const fields: readonly ProblemField[] =
    error instanceof EngineError
      ? error.errors.map((e) =>
          error.said?.field && isProblemKey(error.said.field.key) && e.code === error.said.field.code
            ? saidField(e.path, error.said.field.key, error.said.field.params, { code: e.code })
            : { path: e.path, message: e.message, code: e.code },
        )
      : error instanceof DefinitionError
        ? issueFields(error.issues)
        : [];
  return fields.length ? { errors: fields } : {};
}
