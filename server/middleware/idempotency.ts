import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { caseAnswer } from '../cases/case-answer.ts';
import { visibleCase } from '../cases/visible-case.ts';
import type { AppEnv, AuthUser } from '../context.ts';
import { saidProblem } from '../http/problem-messages.ts';
import type { Services } from '../services.ts';
import type { IdempotentAnswer } from '../../ports/server-storage.ts';

/** Answers up to this size are kept as they are (problem documents, small confirmations). */
const SMALL_ANSWER = 4096;

/**
 * `Idempotency-Key` on POST by a logged-in user: the first answer (any status below 500) is
 * remembered with a SHA-256 digest of the request; a repeat with the same key and request changes
 * nothing and gets that answer again. Only what identifies the outcome is stored: the status, and
 * the case id and version (the answer is rebuilt from the case as the user may see it now), or a
 * small answer itself. 20 comments with the whole answer kept used to grow the database by 33 MB.
 * The same key with another request is 422; a repeat while the first is still running is 409, and
 * so is one whose first request was cut off by a crash (IDEMPOTENCY_OUTCOME_UNKNOWN, never "retry").
 * Keys are per user, so one user's key never answers another's request; requests without a login
 * (logging in) ignore the header, so no login token is ever stored.
 */
export function idempotency(services: Services): MiddlewareHandler<AppEnv> {
  // A claim older than this process was being answered when the server stopped (a crash, a kill):
  // whether that request took effect is unknown, and no answer will ever be stored for it.
  const startedAt = services.clock.now();
  return async function idempotentPost(c, next) {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || key === undefined) return next();
    const user = c.get('user');
    if (!user) return next();
    if (key.length === 0 || key.length > 200)
      throw saidProblem(400, 'idempotencyKeyLength', {}, { code: 'INVALID_IDEMPOTENCY_KEY' });
    const scope = user.username;
    const body = await c.req.text();
    const fingerprint = createHash('sha256').update(`${c.req.method} ${c.req.path}\n`).update(body).digest('base64url');
    const store = services.storage.idempotency;
    const earlier = await store.claim(scope, key, fingerprint, services.clock.now());
    if (earlier) {
      if (earlier.fingerprint !== fingerprint)
        throw saidProblem(422, 'idempotencyKeyReused', {}, { code: 'IDEMPOTENCY_KEY_REUSED' });
      if (earlier.status === 0 && earlier.claimedAt !== undefined && earlier.claimedAt < startedAt) {
        throw saidProblem(409, 'idempotencyOutcomeUnknown', {}, { code: 'IDEMPOTENCY_OUTCOME_UNKNOWN' });
      }
      if (earlier.status === 0)
        throw saidProblem(
          409,
          'idempotencyInProgress',
          {},
          { code: 'IDEMPOTENCY_IN_PROGRESS', headers: { 'retry-after': '1' } },
        );
      return replay(services, user, earlier);
    }
    try {
      await next();
    } catch (e) {
      await store.release(scope, key);
      throw e;
    }
    const res = c.res;
    if (res.status >= 500) {
      await store.release(scope, key);
      return;
    }
    await store.complete(scope, key, await outcomeOf(c, res));
  };
}

/** What is stored for an answer: `body` is the JSON of a Kept. */
type Kept =
  { readonly case: string; readonly version: number } | { readonly body: string } | { readonly digest: string };

async function outcomeOf(c: Context<AppEnv>, res: Response): Promise<Omit<IdempotentAnswer, 'fingerprint'>> {
  const contentType = res.headers.get('content-type') ?? 'application/json';
  const outcome = res.status < 300 ? c.get('outcome') : undefined;
  let kept: Kept;
  if (outcome) kept = { case: outcome.case, version: outcome.version };
  else {
    const text = await res.clone().text();
    kept =
      text.length <= SMALL_ANSWER ? { body: text } : { digest: createHash('sha256').update(text).digest('base64url') };
  }
  return { status: res.status, body: JSON.stringify(kept), contentType };
}

/** The first answer again, rebuilt from its outcome. */
async function replay(services: Services, user: AuthUser, earlier: IdempotentAnswer): Promise<Response> {
  const headers = { 'content-type': earlier.contentType, 'idempotent-replayed': 'true' };
  const kept = parseKept(earlier.body);
  if ('body' in kept) return new Response(kept.body, { status: earlier.status, headers });
  if ('case' in kept) {
    // The case as this user may see it now (404 if no longer): its version may be later than the first answer's.
    const record = await visibleCase(services, user, kept.case);
    return caseAnswer(services, record, user, await services.users.actorOf(user), earlier.status, {
      'idempotent-replayed': 'true',
      'idempotent-outcome-version': String(kept.version),
      ...(earlier.status === 201 ? { location: `/api/cases/${kept.case}` } : {}),
    });
  }
  throw saidProblem(
    409,
    'idempotencyAnswerNotKept',
    { status: earlier.status },
    { code: 'IDEMPOTENCY_ANSWER_NOT_KEPT' },
  );
}

/** Rows written before answers were reduced to outcomes hold the answer itself. */
function parseKept(body: string): Kept {
  try {
    const v = JSON.parse(body) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (typeof o['case'] === 'string' && typeof o['version'] === 'number' && Object.keys(o).length === 2)
        return { case: o['case'], version: o['version'] };
      if (typeof o['body'] === 'string' && Object.keys(o).length === 1) return { body: o['body'] };
      if (typeof o['digest'] === 'string' && Object.keys(o).length === 1) return { digest: o['digest'] };
    }
  } catch {
    // not JSON: an answer stored whole by an earlier release
  }
  return { body };
}
