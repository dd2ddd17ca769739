import type { PostgresConnection } from '../../adapters/postgres/connection.ts';

/**
 * A new, empty schema in the database at `url` and a URL whose connections use it (search_path):
 * a fresh store per test without a database each (CREATE DATABASE takes a checkpoint's time).
 */
export async function schemaUrl(admin: PostgresConnection, url: string, schema: string): Promise<string> {
  await admin.query(`CREATE SCHEMA ${schema}`);
  const target = new URL(url);
  target.searchParams.set('options', `-c search_path=${schema}`);
  return target.toString();
}
