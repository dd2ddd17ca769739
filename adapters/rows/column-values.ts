/**
 * The two ways a column's value comes back differently from the two databases, read one way:
 * better-sqlite3 gives flags as 0/1 and pg gives them as booleans; pg could give BIGINT
 * milliseconds as text (connection.ts makes them numbers, the row types allow both).
 */

/** A flag column (SQLite INTEGER 0/1, PostgreSQL BOOLEAN) as a boolean. */
export const flagOf = (value: number | boolean): boolean => value === true || value === 1;

/** An epoch-milliseconds column (SQLite INTEGER, PostgreSQL BIGINT) as a number. */
export const millisOf = (value: number | string): number => Number(value);
