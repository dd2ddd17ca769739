/**
 * The PostgreSQL database a command works on: `--database-url URL`, else DATABASE_URL (as
 * `serviceframe serve` reads it); undefined means the SQLite file under the data directory. A value
 * that is not postgres://… is returned as given, for the PostgreSQL adapter to refuse by name.
 */
export function databaseUrl(
  option: string | true | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (typeof option === 'string') return option;
  return env.DATABASE_URL?.trim() || undefined;
}
