import type { RecordedCase, RecordedEvent } from '../../engine/impact/recorded-period.ts';
import { isSent } from '../../engine/impact/replay-pass.ts';

/** A recorded event as a replay thread is sent it: [seq, type, actor, actorUnit, at, data]. */
type WireEvent = [number, string, string, string | null, number, RecordedEvent['data']];
/** A recorded case: [id, workflow, unit, definitionVersion, createdAt, parent, events]. */
type WireCase = [string, string, string, string, number, RecordedCase['parent'], WireEvent[]];

/**
 * Recorded cases as one JSON string for a replay thread: only what a pass reads of them (replayPass),
 * that is the events it sends again, without their links, and as arrays: a month of a large company
 * is then 45 MB of JSON instead of 113, and written and read again in a third of the time.
 */
export function casesToWire(cases: readonly RecordedCase[]): string {
  return JSON.stringify(
    cases.map((c): WireCase => [
      c.id,
      c.workflow,
      c.unit,
      c.definitionVersion,
      c.createdAt,
      c.parent,
      c.events.filter((e) => isSent(c, e)).map((e): WireEvent => [e.seq, e.type, e.actor, e.actorUnit, e.at, e.data]),
    ]),
  );
}

/** The cases of casesToWire, as a pass reads them (no links; only the events it sends). */
export function casesFromWire(json: string): RecordedCase[] {
  return (JSON.parse(json) as WireCase[]).map(([id, workflow, unit, definitionVersion, createdAt, parent, events]) => ({
    id,
    workflow,
    unit,
    definitionVersion,
    createdAt,
    parent,
    links: [],
    events: events.map(([seq, type, actor, actorUnit, at, data]) => ({ seq, type, actor, actorUnit, at, data })),
  }));
}
