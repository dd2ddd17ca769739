import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CalendarError, CalendarErrorCode } from '../../engine/calendar/calendar-error.ts';
import { EngineError, EngineErrorCode } from '../../engine/runtime/engine-error.ts';
import { InvalidCommitError, StaleVersionError } from '../../engine/store/index.ts';
import { MAPPED_ERRORS, problemOf } from '../../server/http/error-status.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

// Classes that never reach a route as a thrown error, and why.
const NOT_ROUTE_ERRORS: Record<string, string> = {
  Problem: 'it is the answer itself (server/http/problem.ts)',
  StepFailure: "the scenario runner's own failure report, caught inside simulate",
  CopyRefusedError: 'the copy-data command reports it; no route copies data',
  DatabaseUrlError:
    'a node refuses to start with it (adapters/postgres/connection.ts); a serving node has a usable URL',
  Cancelled:
    'an impact job stopped by DELETE, caught inside the job runner (server/impact/impact-jobs.ts) and kept as its status',
  Lost: 'a record put that lost a race on PostgreSQL, caught inside postgresRecords.put and answered as its outcome',
};

describe('errors map to a status in one place', () => {
  it('lists every error class declared under engine/, adapters/ and server/', () => {
    const declared = ['engine', 'adapters', 'server']
      .flatMap(sources)
      .flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/class (\w+) extends Error\b/g)].map((m) => ({ name: m[1]!, file })),
      );
    expect(declared.length).toBeGreaterThan(10);
    const mapped = new Set(MAPPED_ERRORS.map((m) => m.type.name));
    const unmapped = declared
      .filter((d) => !mapped.has(d.name) && !(d.name in NOT_ROUTE_ERRORS))
      .map((d) => `${d.name} (${d.file})`);
    expect(unmapped, 'add these to MAPPED_ERRORS in server/http/error-status.ts').toEqual([]);
  });

  it("answers a calendar error as the client's problem, with its code, not as a 500", () => {
    const problem = problemOf(
      new CalendarError(CalendarErrorCode.noWorkingTime, 'the calendar has no working time after 2026-12-31'),
    );
    expect(problem?.status).toBe(422);
    expect(problem?.options.code).toBe('CALENDAR_NO_WORKING_TIME');
  });

  it('keeps field errors of invalid data and hides a missing case behind 404', () => {
    const invalid = problemOf(
      new EngineError(EngineErrorCode.invalidData, 'invalid', [
        { path: '/phone', message: 'required', code: 'required' },
      ]),
    );
    expect(invalid?.status).toBe(422);
    expect(invalid?.options.errors).toEqual([{ path: '/phone', message: 'required', code: 'required' }]);
    expect(problemOf(new EngineError(EngineErrorCode.unknownCase, 'case c-1 is not in the store'))?.detail).toBe(
      'no such case',
    );
    expect(problemOf(new StaleVersionError('c-1', 2, 3))?.status).toBe(409);
  });

  it('leaves programming faults to the 500 answer', () => {
    expect(problemOf(new InvalidCommitError([]))).toBeUndefined();
    expect(problemOf(new Error('plain'))).toBeUndefined();
  });
});
