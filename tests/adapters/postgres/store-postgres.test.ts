// covers: P-7
// The store contract on PostgreSQL (issue 17): the same suite as the memory and SQLite stores, each
// test on a fresh schema of one database of the shared test cluster.
import { afterAll, beforeAll, inject } from 'vitest';
import { openPostgres, type PostgresConnection } from '../../../adapters/postgres/connection.ts';
import { openPostgresStore } from '../../../adapters/postgres/store/postgres-store.ts';
import { createDatabase, dropDatabase } from '../../helpers/postgres-cluster.ts';
import { describeStoreContract } from '../../engine/store/store-contract.ts';
import { schemaUrl } from '../../helpers/postgres-schema.ts';

let url: string;
let admin: PostgresConnection;
let schemas = 0;
beforeAll(async () => {
  url = await createDatabase(inject('postgresUrl'));
  admin = await openPostgres(url, { max: 1 });
});
afterAll(async () => {
  await admin?.close();
  if (url) await dropDatabase(url);
});

describeStoreContract('postgres', async () =>
  openPostgresStore(await schemaUrl(admin, url, `contract_${++schemas}`), { max: 4 }),
);
