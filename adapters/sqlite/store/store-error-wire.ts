import Database from 'better-sqlite3';
import { StaleVersionError } from '../../../engine/store/store.ts';
import {
  CaseNumberTakenError,
  type CommitProblem,
  InvalidCommitError,
  OutboxNotFoundError,
  ScheduleRunDoneError,
  StoreClosedError,
  TimerAlreadyFiredError,
} from '../../../engine/store/store-errors.ts';

/**
 * An error as it crosses from the writer thread to the store's caller. Structured clone keeps an
 * Error's message but not its class nor fields such as `code` or `problems`, which callers test
 * (instanceof, .code); so each error goes as its name, message, own fields and stack, and comes
 * back as an instance of the same class.
 */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly fields: Record<string, unknown>;
  readonly stack: string | undefined;
}

type Fields = Record<string, unknown>;

/** The store's errors by name, each rebuilt from its fields through its own constructor. */
const REVIVERS: Readonly<Record<string, (f: Fields, message: string) => Error>> = {
  StaleVersionError: (f) =>
    new StaleVersionError(f['caseId'] as string, f['expected'] as number, f['actual'] as number),
  InvalidCommitError: (f) => new InvalidCommitError(f['problems'] as CommitProblem[]),
  TimerAlreadyFiredError: (f) => new TimerAlreadyFiredError(f['timerId'] as string),
  ScheduleRunDoneError: (f) =>
    new ScheduleRunDoneError(f['schedule'] as string, f['period'] as string, f['unit'] as string),
  CaseNumberTakenError: (f) => new CaseNumberTakenError(f['series'] as string, f['seq'] as number, f['last'] as number),
  OutboxNotFoundError: (f) => new OutboxNotFoundError(f['outboxId'] as string),
  StoreClosedError: () => new StoreClosedError(),
  SqliteError: (f, message) => new Database.SqliteError(message, f['code'] as string),
};

/** JavaScript's own error classes (a TypeError from JSON.stringify, a RangeError) keep their class too. */
const BUILT_IN: Readonly<Record<string, ErrorConstructor>> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

export function errorToWire(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {}, stack: undefined };
  const fields: Fields = {};
  for (const key of Object.keys(error)) {
    const value = asData((error as unknown as Fields)[key]);
    if (value !== undefined) fields[key] = value;
  }
  return { name: error.name, message: error.message, fields, stack: error.stack };
}

export function errorFromWire(wire: WireError): Error {
  const revive = REVIVERS[wire.name];
  let error: Error;
  if (revive) {
    error = revive(wire.fields, wire.message);
  } else {
    error = new (BUILT_IN[wire.name] ?? Error)(wire.message);
    if (!(wire.name in BUILT_IN)) error.name = wire.name;
    Object.assign(error, wire.fields);
  }
  // The writer thread's stack says where the error arose; the caller's would only show the message port.
  if (wire.stack !== undefined) error.stack = wire.stack;
  return error;
}

/** The value as plain data (as JSON would keep it), or undefined when it is not data (a function, a connection). */
function asData(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (typeof value !== 'object') return undefined;
  try {
    const json = JSON.stringify(value);
    return json === undefined ? undefined : JSON.parse(json);
  } catch {
    return undefined;
  }
}
