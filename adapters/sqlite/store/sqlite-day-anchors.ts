import type Database from 'better-sqlite3';
import { anchorDayOf } from '../../../engine/store/event-hash.ts';
import type { DayAnchor } from '../../../engine/store/store.ts';

interface NewestEventRow {
  pos: number;
  at: number;
  dayHash: string | null;
  dayEvents: number | null;
}

/** The day of the newest event, and its anchor when that event's row carries it. */
interface Tail {
  readonly pos: number;
  readonly day: string;
  readonly anchor: DayAnchor | undefined;
}

/**
 * The day anchors of the SQLite store (migration 10). The anchor of the tail day, the day of the
 * newest event, is the running anchor stored in that event's row (day_hash, day_events), so the
 * usual commit writes no day_anchors row. Every other day's anchor is its day_anchors row, written
 * when the day stopped being the tail (plan-commit.ts sealedDays); so is the tail day's while its
 * newest event predates migration 10 (NULL there).
 */
export function prepareDayAnchors(db: Database.Database) {
  // pos is the rowid: one descent of the table, no index.
  const newest = db.prepare(
    'SELECT pos, at, day_hash AS dayHash, day_events AS dayEvents FROM events ORDER BY pos DESC LIMIT 1',
  );
  const sealed = db.prepare('SELECT day, hash, events FROM day_anchors WHERE day = ?');
  const allSealed = db.prepare('SELECT day, hash, events FROM day_anchors ORDER BY day');
  // An upsert changes the day's row in place; OR REPLACE would delete it and insert it again.
  const put = db.prepare(
    'INSERT INTO day_anchors (day, hash, events) VALUES (@day, @hash, @events) ON CONFLICT (day) DO UPDATE SET hash = excluded.hash, events = excluded.events',
  );

  const readTail = (): Tail | undefined => {
    const row = newest.get() as NewestEventRow | undefined;
    if (row === undefined) return undefined;
    const day = anchorDayOf(row.at);
    return {
      pos: row.pos,
      day,
      anchor:
        row.dayHash === null || row.dayEvents === null ? undefined : { day, hash: row.dayHash, events: row.dayEvents },
    };
  };
  // The tail as the write transaction under way sees it (null: not read yet): read once, then
  // moved along by each commit of the transaction that writes events.
  let tail: Tail | undefined | null = null;
  const currentTail = () => (tail === null ? (tail = readTail()) : tail);
  // The tail this connection left at its last committed transaction, with the data version it
  // read in that transaction. Another connection's commit (a second node, a copy) changes the
  // data version, and then the tail is read again; otherwise it is still the tail, and the commit
  // does without the read (about 5% of a durable event's SQL time, bench engine).
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let version = 0;
  let committed: { readonly version: number; readonly tail: Tail | undefined } | undefined;

  return {
    /** Call first in each write transaction, inside it. */
    beginTransaction: () => {
      version = dataVersion.get() as number;
      tail = committed !== undefined && committed.version === version ? committed.tail : null;
    },
    /** The commit under way appended events up to `pos`; `anchor` is that last event's day anchor. */
    appended: (pos: number, anchor: DayAnchor) => {
      tail = { pos, day: anchor.day, anchor };
    },
    /** The write transaction committed: its tail is known to the next one. */
    transactionCommitted: () => {
      committed = tail === null ? undefined : { version, tail };
    },
    /** The write transaction was rolled back: the next one reads the tail. */
    transactionRolledBack: () => {
      committed = undefined;
    },
    /** The position of the newest event as the commit under way finds it (0: none), which its events follow. */
    newestPos: () => currentTail()?.pos ?? 0,
    /** The tail day as the commit under way finds it. */
    tailDay: () => currentTail()?.day,
    /** A day's current anchor as the commit under way finds it. */
    anchorOf: (day: string): DayAnchor | undefined => {
      const found = currentTail();
      if (found?.day === day && found.anchor !== undefined) return found.anchor;
      return sealed.get(day) as DayAnchor | undefined;
    },
    seal: (anchor: DayAnchor) => put.run(anchor),
    /** Every day's anchor, ascending by day; both reads in one transaction, so from one snapshot. */
    all: db.transaction((): DayAnchor[] => {
      const rows = allSealed.all() as DayAnchor[];
      const current = readTail()?.anchor;
      if (current === undefined) return rows;
      const anchors = rows.filter((a) => a.day !== current.day);
      anchors.push(current);
      // Days are ASCII, so this is SQLite's order too.
      return anchors.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    }),
  };
}
