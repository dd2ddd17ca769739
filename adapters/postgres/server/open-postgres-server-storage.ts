import type { PostgresConnection } from '../connection.ts';
import type { ServerStorage } from '../../../ports/server-storage.ts';
import { postgresIdempotency } from './pg-idempotency.ts';
import { postgresInboxReads } from './pg-inbox-reads.ts';
import { postgresProjections } from './pg-projections.ts';
import { postgresRecords } from './pg-records.ts';
import { postgresSessions, postgresUsers } from './pg-users.ts';
import { postgresVersions } from './pg-versions.ts';
import { postgresMigrationBatches } from './pg-migration-batches.ts';

/**
 * The server's tables in PostgreSQL on `pool`, migrated by the caller (SERVER_POSTGRES_STEPS through
 * the shared runner). The pool belongs to the caller too: the engine store shares it, so closing
 * this storage leaves it open.
 */
export function postgresServerStorage(db: PostgresConnection): ServerStorage {
  return {
    users: postgresUsers(db),
    inboxReads: postgresInboxReads(db),
    sessions: postgresSessions(db),
    idempotency: postgresIdempotency(db),
    versions: postgresVersions(db),
    migrations: postgresMigrationBatches(db),
    records: postgresRecords(db),
    projections: postgresProjections(db),
    async close() {},
  };
}
