export * from './store.ts';
export * from './store-errors.ts';
export { createMemoryStore } from './memory-store.ts';
export { canonicalJson, hashEvent, nextDayAnchor, anchorDayOf, GENESIS_HASH } from './event-hash.ts';
export { verifyCaseChain, type ChainBreak } from './verify-chain.ts';
