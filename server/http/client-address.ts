import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The addresses of reverse proxies whose `X-Forwarded-For` is believed (SERVICEFRAME_TRUST_PROXY,
 * comma-separated). Unset, the header is ignored: anyone can write it, so believing it from
 * anywhere would let one client pose as many and slip past every per-address limit.
 */
export function trustProxyFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): readonly string[] {
  return (env['SERVICEFRAME_TRUST_PROXY'] ?? '')
    .split(',')
    .map((a) => normalize(a.trim()))
    .filter(Boolean);
}

/** `::ffff:127.0.0.1` (IPv4 on a dual-stack socket) as `127.0.0.1`, so either spelling names a proxy. */
function normalize(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').toLowerCase();
}

function socketAddress(c: Context): string {
  try {
    return normalize(getConnInfo(c).remote.address ?? 'unknown');
  } catch {
    return 'local'; // app.request in tests has no socket
  }
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy. Then the
 * `X-Forwarded-For` list is read from the right (each proxy appends the address it heard from),
 * skipping trusted proxies, and the first address no trusted proxy vouches for is the client —
 * entries left of it were written by the client itself and prove nothing.
 */
export function clientAddress(c: Context, trusted: readonly string[] = []): string {
  const peer = socketAddress(c);
  if (!trusted.includes(peer)) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((a) => normalize(a.trim()))
    .filter(Boolean);
  for (let i = forwarded.length - 1; i >= 0; i--) if (!trusted.includes(forwarded[i]!)) return forwarded[i]!;
  return forwarded[0] ?? peer;
}

/**
 * What limits count by: an IPv4 address as it is, an IPv6 address by its /64 network, since one
 * subscriber is given a whole /64 and could otherwise spread attempts over 2^64 addresses.
 */
export function limitKeyOf(address: string): string {
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
