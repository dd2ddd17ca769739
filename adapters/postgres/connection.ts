/**
 * The PostgreSQL connection every PostgreSQL adapter shares (engine store, server tables): a pg
 * Pool made from a `postgres://` URL (DATABASE_URL), checked once at open so a wrong or unreachable
 * URL stops a start with a message naming `host:port/database` (never the password), and one
 * error mapping: losing the database (refused, reset, restarting, timed out) becomes
 * StoreUnavailableError (code STORE_UNAVAILABLE, answered 503 by server/http/error-status.ts).
 *
 * Use `conn.query` for single statements and `conn.transaction` for several in one transaction;
 * both map errors. BIGINT columns (epoch milliseconds, positions, counts) come back as numbers,
 * not pg's default strings: every value this product stores fits in 2^53.
 */
import pg from 'pg';
import { StoreUnavailableError } from '../../engine/store/store-errors.ts';

/** DATABASE_URL is not a PostgreSQL URL this adapter can use (a deployment mistake, found at start). */
export class DatabaseUrlError extends Error {
  readonly code = 'DATABASE_URL_INVALID';
  constructor(readonly reason: string) {
    super(`DATABASE_URL is not usable: ${reason} (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE)`);
    this.name = 'DatabaseUrlError';
  }
}

export interface PostgresOptions {
  /** Connections this process may open (default 10). */
  readonly max?: number;
  /** Shown in pg_stat_activity, e.g. "serviceframe serve". */
  readonly applicationName?: string;
  /** How long a connection attempt may take before it counts as unreachable (default 10 s). */
  readonly connectTimeoutMs?: number;
}

export interface PostgresConnection {
  readonly pool: pg.Pool;
  /** `host:port/database`, for messages: never the user's password. */
  readonly target: string;
  /** One statement, errors mapped (storeErrorOf). A `name` makes it a prepared statement on each connection. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string | pg.QueryConfig,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>>;
  /** Runs `work` inside BEGIN … COMMIT on one connection (ROLLBACK when it throws), errors mapped. */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  /** A connection of the pool for the caller's own use; release it (with the error when it broke). */
  connect(): Promise<pg.PoolClient>;
  close(): Promise<void>;
}

// int8 → number; everything else as pg parses it. Per pool, so no other pg user in the process changes.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  },
} as pg.CustomTypesConfig;

/** The parts of a DATABASE_URL people may read: `host:port/database`. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    return `${host}:${parsed.port || '5432'}/${decodeURIComponent(parsed.pathname.replace(/^\//, '')) || parsed.username || 'postgres'}`;
  } catch {
    return '(unparsable URL)';
  }
}

/** Whether DATABASE_URL names PostgreSQL (postgres:// or postgresql://). */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url.trim());
}

/**
 * A pool for `url`, checked with one round trip. Throws DatabaseUrlError for a URL that is not
 * postgres://…, StoreUnavailableError (naming host:port/database and pg's reason, e.g. "password
 * authentication failed for user …", "database … does not exist", "connect ECONNREFUSED") when
 * the database cannot be used.
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<PostgresConnection> {
  if (!isPostgresUrl(url)) throw new DatabaseUrlError(`it must start with postgres:// or postgresql://`);
  try {
    new URL(url);
  } catch {
    throw new DatabaseUrlError('it is not a valid URL');
  }
  const target = describeDatabaseUrl(url);
  const password = passwordOf(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: options.applicationName ?? 'serviceframe',
    types,
  });
  // An idle connection that breaks (the database restarted) is reported here; without a listener
  // the process would exit. The next query on the pool opens a new connection or fails (mapped).
  pool.on('error', () => {});
  // A connection checked out of the pool has no such listener (pg-pool removes it on acquire): one
  // that breaks between two statements (the database shut down mid-transaction) would throw an
  // uncaught 'error' and end the process. Every connection keeps a listener of its own; the break
  // then shows as the next statement's error, mapped to StoreUnavailableError like any other.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  const mapped = (error: unknown) => storeErrorOf(error, target, password);
  const conn: PostgresConnection = {
    pool,
    target,
    async query<R extends pg.QueryResultRow>(text: string | pg.QueryConfig, values?: unknown[]) {
      try {
        return await pool.query<R>(text as string, values);
      } catch (error) {
        throw mapped(error);
      }
    },
    async transaction(work) {
      const client = await conn.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (isConnectionLoss(error)) broken = error as Error;
        else await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw mapped(error);
      } finally {
        client.release(broken);
      }
    },
    async connect() {
      try {
        return await pool.connect();
      } catch (error) {
        throw mapped(error);
      }
    },
    async close() {
      await pool.end();
    },
  };
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new StoreUnavailableError(target, scrub(reasonOf(error), password));
  }
  return conn;
}

const LOST_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);
// SQLSTATE: 08… connection exception; 57P01-57P03 the server shuts down, crashed, or is starting;
// 53300 too many connections. Each means "try again later", not "this request is wrong".
const LOST_STATES = /^(08...|57P01|57P02|57P03|53300)$/;
const LOST_MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed|terminating connection/i;

/** Whether `error` means the database went away rather than refused this statement. */
export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (LOST_CODES.has(code) || LOST_STATES.test(code))) return true;
  return LOST_MESSAGES.test(error.message);
}

/** Connection loss → StoreUnavailableError; every other error as it is (a store error, a constraint …). */
export function storeErrorOf(error: unknown, target: string, password = ''): unknown {
  if (error instanceof StoreUnavailableError || !isConnectionLoss(error)) return error;
  return new StoreUnavailableError(target, scrub(reasonOf(error), password));
}

function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return reasonOf(error.errors[0]);
  return error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
}

function passwordOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}

/** pg's messages do not carry the password; this makes sure no future one does through us. */
function scrub(text: string, password: string): string {
  return password ? text.split(password).join('***') : text;
}
