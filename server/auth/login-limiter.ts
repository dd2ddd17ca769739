export interface LoginLimiterOptions {
  /** Failed attempts allowed per username and address within the window (default 5). */
  readonly maxFailures?: number;
  readonly windowMs?: number;
}

/**
 * Counts failed logins per (username, address) in a sliding window. A blocked key answers 429
 * with Retry-After until its oldest failure leaves the window; a success clears the key.
 */
export function createLoginLimiter(options: LoginLimiterOptions = {}) {
  const max = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number) => (failures.get(key) ?? []).filter((t) => t > now - windowMs);
  return {
    /** Milliseconds to wait before trying again, or 0 when an attempt may be made now. */
    retryAfter(key: string, now: number): number {
      const times = recent(key, now);
      if (times.length < max) return 0;
      return times[0]! + windowMs - now;
    },
    failed(key: string, now: number): void {
      const times = recent(key, now);
      times.push(now);
      failures.set(key, times);
      // Keep the map from growing without bound under a spray of usernames.
      if (failures.size > 100_000) for (const k of [...failures.keys()].slice(0, 50_000)) failures.delete(k);
    },
    succeeded(key: string): void {
      failures.delete(key);
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
