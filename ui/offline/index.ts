export { createDrafts, drafts, type Draft, type Drafts } from './drafts.ts';
export {
  createOutbox,
  type Outbox,
  type OutboxEntry,
  type OutboxProblem,
  type OutboxRequest,
  type FlushResult,
  type Enqueued,
} from './outbox.ts';
