/**
 * How many event streams may be open at once, per user and per client address. Every open stream
 * costs a scope check on every case change (300 streams of one user made each change cost 100 ms
 * of CPU), so one user or one address must not open them without end. Offices behind one address
 * (a NAT) share the per-address allowance: make it at least the number of people there.
 */
export interface StreamLimits {
  /** Default 5: a person with a few tabs open. */
  readonly perUser?: number;
  /** Default 50 (SERVICEFRAME_STREAMS_PER_ADDRESS). */
  readonly perAddress?: number;
}

export function streamLimitsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): StreamLimits {
  const perAddress = Number(env['SERVICEFRAME_STREAMS_PER_ADDRESS']);
  return env['SERVICEFRAME_STREAMS_PER_ADDRESS'] !== undefined && Number.isInteger(perAddress) && perAddress > 0
    ? { perAddress }
    : {};
}

export interface StreamQuota {
  /** Counts a new stream of `user` from `address`; a release function, or what is full when refused. */
  open(
    user: string,
    address: string,
  ): { readonly release: () => void } | { readonly full: 'user' | 'address'; readonly limit: number };
}

export function createStreamQuota(limits: StreamLimits = {}): StreamQuota {
  const perUser = limits.perUser ?? 5;
  const perAddress = limits.perAddress ?? 50;
  const users = new Map<string, number>();
  const addresses = new Map<string, number>();
  const down = (map: Map<string, number>, key: string) => {
    const n = (map.get(key) ?? 1) - 1;
    if (n <= 0) map.delete(key);
    else map.set(key, n);
  };
  return {
    open(user, address) {
      if ((users.get(user) ?? 0) >= perUser) return { full: 'user', limit: perUser };
      if ((addresses.get(address) ?? 0) >= perAddress) return { full: 'address', limit: perAddress };
      users.set(user, (users.get(user) ?? 0) + 1);
      addresses.set(address, (addresses.get(address) ?? 0) + 1);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          down(users, user);
          down(addresses, address);
        },
      };
    },
  };
}
