import { join } from 'node:path';

/**
 * The embedded database file: `serviceframe.sqlite` in the data directory (`--data DIR`, else
 * `DATA_DIR`, else `./data`). The server and every command that opens the database use this one
 * function, so they always agree on the file.
 */
export const DATABASE_FILE_NAME = 'serviceframe.sqlite';

export function dataDirectory(option: string | true | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return typeof option === 'string' ? option : env.DATA_DIR || './data';
}

export function databaseFile(dataDir: string): string {
  return join(dataDir, DATABASE_FILE_NAME);
}
