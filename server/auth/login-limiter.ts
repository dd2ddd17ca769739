export interface LoginLimiterOptions {
  /** Failed attempts allowed per username and address within the window (default 5). */
  readonly maxFailures?: number;
  readonly windowMs?: number;
  /**
   * Failed attempts one address may make across all usernames within the window before each
   * further attempt waits (default 10): password spraying tries few passwords on many usernames,
   * which the per-username limit never sees.
   */
  readonly addressFailures?: number;
  /** The first wait beyond `addressFailures` (default 1 s); each further failure doubles it. */
  readonly backoffMs?: number;
  /** The longest wait (default the window). */
  readonly maxBackoffMs?: number;
  /** Keys kept per map before forgotten ones are trimmed (default 100,000). */
  readonly maxKeys?: number;
}

/**
 * Counts failed logins twice, in sliding windows: per (username, address) — five failures block
 * that pair until the oldest leaves the window — and per address across usernames — beyond ten,
 * every failure doubles the wait before the next attempt from that address (1 s, 2 s, 4 s … up to
 * the window). A blocked attempt answers 429 with Retry-After and does not count. A success clears
 * its own pair only: one colleague logging in from the office's address must not wash out a
 * spray from it.
 *
 * Memory is bounded by trimming keys whose failures have all left the window first, then keys
 * that block nothing; a blocked key is never forgotten, or a spray of fresh keys would unblock it.
 */
export function createLoginLimiter(options: LoginLimiterOptions = {}) {
  const max = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const free = options.addressFailures ?? 10;
  const backoff = options.backoffMs ?? 1000;
  const maxBackoff = options.maxBackoffMs ?? windowMs;
  const maxKeys = options.maxKeys ?? 100_000;
  const pairs = new Map<string, number[]>();
  const addresses = new Map<string, number[]>();
  const recent = (map: Map<string, number[]>, key: string, now: number) =>
    (map.get(key) ?? []).filter((t) => t > now - windowMs);

  const pairWait = (times: readonly number[], now: number) => (times.length < max ? 0 : times[0]! + windowMs - now);
  const addressWait = (times: readonly number[], now: number) => {
    if (times.length < free) return 0;
    const wait = Math.min(maxBackoff, backoff * 2 ** Math.min(30, times.length - free));
    return Math.max(0, times[times.length - 1]! + wait - now);
  };

  function trim(map: Map<string, number[]>, holds: (times: readonly number[]) => boolean, now: number) {
    if (map.size <= maxKeys) return;
    for (const [k, times] of map) {
      const kept = times.filter((t) => t > now - windowMs);
      if (!kept.length) map.delete(k);
      else if (!holds(kept)) map.delete(k);
      if (map.size <= maxKeys / 2) return;
    }
  }

  return {
    /** Milliseconds to wait before trying again, or 0 when an attempt may be made now. */
    retryAfter(username: string, address: string, now: number): number {
      return Math.max(
        pairWait(recent(pairs, pairKey(username, address), now), now),
        addressWait(recent(addresses, address, now), now),
      );
    },
    failed(username: string, address: string, now: number): void {
      for (const [map, key] of [
        [pairs, pairKey(username, address)],
        [addresses, address],
      ] as const) {
        const times = recent(map, key, now);
        times.push(now);
        map.set(key, times);
      }
      // What still blocks (or builds towards the address's backoff) is kept through a trim.
      trim(pairs, (times) => times.length >= max, now);
      trim(addresses, (times) => times.length >= free, now);
    },
    succeeded(username: string, address: string): void {
      pairs.delete(pairKey(username, address));
    },
    /** How many keys are remembered (for tests of the trim). */
    size: () => ({ pairs: pairs.size, addresses: addresses.size }),
  };
}

const pairKey = (username: string, address: string) => `${username.toLowerCase()}\n${address}`;

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
