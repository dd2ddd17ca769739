import type { ClusterBus } from '../../ports/cluster-bus.ts';

/** One node alone (SQLite): nobody else to tell. */
export const soloBus: ClusterBus = {
  publish() {},
  subscribe() {},
  async close() {},
};
