// The test cluster itself (issue 17): the shared cluster answers, each test takes a database of its
// own, and a private cluster can be stopped and brought back on the same port with its data.
import { afterAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { createDatabase, dropDatabase, startPostgresCluster } from '../../helpers/postgres-cluster.js';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL test cluster', () => {
  const made: string[] = [];
  afterAll(async () => {
    for (const url of made) await dropDatabase(url);
  });

  it('gives each test a database of its own on the shared cluster', async () => {
    const a = await createDatabase(inject('postgresUrl'));
    const b = await createDatabase(inject('postgresUrl'));
    made.push(a, b);
    expect(a).not.toBe(b);
    await query(a, 'CREATE TABLE t (x int); INSERT INTO t VALUES (1)');
    expect(await query(a, 'SELECT x FROM t')).toEqual([{ x: 1 }]);
    await expect(query(b, 'SELECT x FROM t')).rejects.toThrow(/does not exist/);
  });

  it('refuses a wrong password', async () => {
    const url = new URL(inject('postgresUrl'));
    url.password = 'wrong';
    await expect(query(url.toString(), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
  });

  it('stops and starts a private cluster with its data', async () => {
    const cluster = await startPostgresCluster({ fsync: false });
    try {
      await query(cluster.url, 'CREATE TABLE kept (x int); INSERT INTO kept VALUES (7)');
      await cluster.stop();
      await expect(query(cluster.url, 'SELECT 1')).rejects.toThrow();
      await cluster.start();
      expect(await query(cluster.url, 'SELECT x FROM kept')).toEqual([{ x: 7 }]);
    } finally {
      await cluster.destroy();
    }
  });
});
