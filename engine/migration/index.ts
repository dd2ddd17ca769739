export { checkMigration } from './check-migration.ts';
export {
  migrationMessage,
  migrationMessageCodes,
  type MigrationMessage,
  type MigrationMessageCode,
} from './migration-message.ts';
export * from './migration-model.ts';
export { planCase, type CasePlanInput } from './plan-case.ts';
export {
  applyCases,
  planCases,
  selectCases,
  type CaseResult,
  type MigrationIo,
  type MigrationRunOptions,
} from './run-migration.ts';
export { canLeave, leafStates, mappedLeaf, stateValueOf } from './state-mapping.ts';
