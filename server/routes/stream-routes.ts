import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { scopeOf } from '../access/scope.ts';
import { routes } from '../../contract/routes.ts';
import { clientAddress, limitKeyOf } from '../http/client-address.ts';
import { saidProblem } from '../http/problem-messages.ts';
import { implement } from '../http/route-contract.ts';
import type { CaseChangeMessage } from '../live/case-hub.ts';
import { createStreamQuota, type StreamLimits } from '../live/stream-quota.ts';
import type { Services } from '../services.ts';
import { authUserOf } from '../users/user-directory.ts';

/**
 * GET /api/stream: server-sent events, `inbox` when this user's in-app notifications change, and one `case` event each
 * time a case this user can see
 * changes (id, version, state; a customer's without the state); clients then fetch what they show. A comment every 25 s
 * keeps
 * proxies from closing the connection. A user, and a client address, may keep only so many open
 * at once (see stream-quota.ts); one more is 429 TOO_MANY_STREAMS.
 */
export function streamRoutes(services: Services, limits: StreamLimits = {}) {
  const quota = createStreamQuota(limits);
  const stream = implement(routes.stream, (c) => {
    const user = c.get('user');
    const slot = quota.open(user.username, limitKeyOf(clientAddress(c, services.trustProxy)));
    if ('full' in slot) {
      throw saidProblem(
        429,
        slot.full === 'user' ? 'streamsPerUser' : 'streamsPerAddress',
        { limit: slot.limit },
        { code: 'TOO_MANY_STREAMS', headers: { 'retry-after': '30' } },
      );
    }
    const release = slot.release;
    // The login is checked again before every write: a user disabled, logged out or expired while
    // the stream is open stops receiving at once (the stream closes), and a changed unit or role
    // changes what the stream shows.
    let current = user;
    const stillValid = async () => {
      const session = await services.storage.sessions.get(user.tokenHash);
      const row =
        session && session.expiresAt > services.clock.now()
          ? await services.storage.users.get(user.username)
          : undefined;
      if (!row || row.disabled) return false;
      current = authUserOf(row, user.tokenHash);
      return true;
    };
    return streamSSE(c, async (stream) => {
      try {
        await follow(stream);
      } finally {
        release();
      }
    });

    async function follow(stream: SSEStreamingApi) {
      const queue: CaseChangeMessage[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = services.hub.subscribe(
        () => scopeOf(current, services.registry.current().org),
        (m) => {
          // A customer learns that their case changed, not which internal state it moved to.
          queue.push(
            scopeOf(current, services.registry.current().org).customer !== null
              ? { id: m.id, workflow: m.workflow, version: m.version, state: [], done: m.done }
              : m,
          );
          wake?.();
        },
      );
      // One `inbox` event however many notifications came since the last write: clients re-read the inbox.
      let inbox = false;
      const unwatch = services.hub.watchInbox(user.username, () => {
        inbox = true;
        wake?.();
      });
      let open = true;
      stream.onAbort(() => {
        open = false;
        release();
        unsubscribe();
        unwatch();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ username: user.username }) });
      while (open) {
        if (!(await stillValid())) break;
        // Every change waiting goes out in one write (writeSSE's format): under a steady flow of
        // commits a stream wakes to several, and each write is a trip through the web stream and
        // the socket. With 10 streams open under the HTTP bench's load, a write per change took
        // CPU per event from ~120 to ~190 us; a write per wake-up, to ~140.
        while (queue.length) await stream.write(queue.splice(0).map(caseEventText).join(''));
        if (inbox) {
          inbox = false;
          await stream.write('event: inbox\ndata: {}\n\n');
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          const t = setTimeout(resolve, 25_000);
          t.unref();
        });
        wake = null;
        if (open && queue.length === 0 && !inbox) await stream.write(': keep-alive\n\n');
      }
      unsubscribe();
      unwatch();
    }
  });
  return [stream];
}

const caseEventText = (m: CaseChangeMessage) => `event: case\ndata: ${JSON.stringify(m)}\nid: ${m.id}:${m.version}\n\n`;
