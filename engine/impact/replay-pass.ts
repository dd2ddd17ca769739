import { createDirectory, SYSTEM_ACTOR, type Actor, type DirectoryUser } from '../runtime/actor.ts';
import type { IdSource } from '../runtime/action-context.ts';
import type { CaseRecord } from '../runtime/case-record.ts';
import type { CompiledSet } from '../runtime/compiled-set.ts';
import { VirtualClock } from '../runtime/clock.ts';
import { createEngine } from '../runtime/engine.ts';
import { EngineError, EngineErrorCode, type EngineSaid } from '../runtime/engine-error.ts';
import type { RecordEntry } from '../runtime/records-view.ts';
import type { OutboxRecord } from '../store/store.ts';
import { MIGRATED_EVENT } from '../migration/migration-model.ts';
import { scoreSide, type SidePoints } from './compare-points.ts';
import { growingRecords } from './growing-records.ts';
import type { RecordedCase, RecordedEvent } from './recorded-period.ts';
import { createReplayStore } from './replay-store.ts';

/** One event a pass's rules refused (the case's recorded id). */
export interface PassRefusal {
  readonly caseId: string;
  readonly seq: number;
  readonly code: string;
  readonly reason: string;
  readonly errors: readonly { readonly path: string; readonly code: string; readonly message: string }[];
  /** The engine's reason as people read it (a catalogue key and its parameters), when it gave one. */
  readonly said?: EngineSaid;
}

/**
 * How a case ended in a pass: what the comparison reads of it. Kept instead of the whole record
 * (explanations, data, rendered notices), so that the first pass's outcome of a large month stays
 * small while the second pass runs.
 */
export interface CaseEnd {
  readonly unit: string;
  readonly workflow: string;
  readonly activeStates: readonly string[];
  readonly done: boolean;
  readonly clocks: Readonly<
    Record<string, { readonly policy: string; readonly deadline: number | null; readonly breached: boolean }>
  >;
}

/** A notification a pass queued: who, what, and when it would go. */
export type Notice = Pick<OutboxRecord, 'template' | 'channel' | 'recipient' | 'notBefore'>;

/** What one pass left: every case by its recorded id (replay-only cases by their own id). */
export interface PassOutcome {
  readonly cases: ReadonlyMap<string, CaseEnd>;
  readonly outbox: ReadonlyMap<string, readonly Notice[]>;
  /** The points of the pass's score facts (their caseId the recorded id), scored by `score.set`. */
  readonly points: SidePoints;
  readonly refusals: readonly PassRefusal[];
  /** Cases the rules started that the recording does not have (by replay id → parent's recorded id). */
  readonly replayOnly: ReadonlyMap<string, string | null>;
  /** Recorded events replayed (accepted or refused). */
  readonly events: number;
}

export interface PassInput {
  readonly cases: readonly RecordedCase[];
  /** The rules a case runs on in this pass, by the case (its recorded version, or the candidate). */
  readonly setFor: (c: RecordedCase) => CompiledSet | undefined;
  /** The rules a case already created in this pass keeps running on, by its version. */
  readonly version: (version: string) => CompiledSet | undefined;
  readonly users: readonly DirectoryUser[];
  readonly records: readonly RecordEntry[];
  /** The clock runs on to here after the last event, firing what falls due on the way. */
  readonly until: number;
  /** Awaited every `every` events with how many are done; throw from it to stop the pass. */
  readonly checkpoint?: (done: number) => Promise<void> | void;
  readonly every?: number;
  /** Decisions with their wording (EngineDeps.explain), as the server makes them; default false. */
  readonly explain?: boolean;
  /**
   * What the pass's score facts are counted by (scoreSide): the published set's scorecards for the
   * recorded versions, the candidate's for the candidate; facts inside the period count.
   */
  readonly score: { readonly set: CompiledSet; readonly period: { readonly from: number; readonly to: number } };
  /** inputsOf(cases), when the caller has it already (both passes send the same events). */
  readonly inputs?: readonly PassEvent[];
}

/** Codes of refusals that are not the engine's: the case an event belongs to is not there. */
export const NOT_STARTED = 'NOT_STARTED';
export const UNKNOWN_VERSION = EngineErrorCode.unknownVersion;

/** A recorded event a pass sends again, with its case. */
export interface PassEvent {
  readonly recorded: RecordedCase;
  readonly event: RecordedEvent;
  readonly order: number;
}

/**
 * Re-runs recorded cases through the engine — createEngine, decide, the same timers, SLA clocks,
 * notifications and score facts as the server — on a virtual clock and a replay store. Only
 * what people (and schedules) did is sent again, at its recorded time, by its recorded actor with
 * its recorded data; what the engine did by itself happens again as the pass's rules make it
 * happen. Deterministic: the same input gives the same outcome.
 */
export async function replayPass(input: PassInput): Promise<PassOutcome> {
  // Recorded children of each recorded case, by link name, in the order they were started.
  const childrenOf = new Map<string, Map<string, string[]>>();
  for (const c of [...input.cases].sort(byCreation)) {
    if (!c.parent) continue;
    const names = childrenOf.get(c.parent.caseId) ?? new Map<string, string[]>();
    names.set(c.parent.name, [...(names.get(c.parent.name) ?? []), c.id]);
    childrenOf.set(c.parent.caseId, names);
  }
  const toRecorded = new Map<string, string>();
  const toReplay = new Map<string, string>();
  const replayOnly = new Map<string, string | null>();
  const taken = new Set<string>();

  // A case the rules start from another is matched to the recorded case its parent started under
  // the same link name, first come first matched; one the recording lacks is kept by its own id.
  const store = createReplayStore((record) => {
    if (toRecorded.has(record.id)) return;
    const parent = record.links.find((l) => l.direction === 'parent');
    if (!parent) return;
    const recordedParent = toRecorded.get(parent.caseId) ?? null;
    const candidates = recordedParent ? (childrenOf.get(recordedParent)?.get(parent.name) ?? []) : [];
    const match = candidates.find((id) => !taken.has(id));
    if (match) {
      taken.add(match);
      toRecorded.set(record.id, match);
      toReplay.set(match, record.id);
    } else replayOnly.set(record.id, recordedParent);
  });

  let nextCaseId: string | null = null;
  const counters = { case: 0, outbox: 0, fact: 0 };
  const ids: IdSource = {
    next(kind) {
      if (kind === 'case' && nextCaseId !== null) {
        const id = nextCaseId;
        nextCaseId = null;
        return id;
      }
      counters[kind] += 1;
      // '~' sorts after every recorded id's characters, and no server id contains it.
      return `~${kind[0]}${counters[kind]}`;
    },
  };

  const facts = new Map<string, Record<string, unknown>>();
  for (const u of input.users) if (u.facts) facts.set(u.username, { ...u.facts });
  const withFacts = () => input.users.map((u) => ({ ...u, facts: facts.get(u.username) ?? {} }));
  let directory = createDirectory(withFacts());
  const archive = growingRecords(input.records);
  const clock = new VirtualClock(input.cases.reduce((m, c) => Math.min(m, c.createdAt), input.until));
  let current: CompiledSet | undefined;
  const engine = createEngine({
    store,
    clock,
    ids,
    directory: () => directory,
    records: () => archive.view,
    async writeRecords(writes) {
      for (const w of writes) archive.add({ type: w.type, id: w.id, unit: w.unit, data: w.data });
    },
    current: () => current!,
    version: input.version,
    // The report reads what decisions change, never their wording: explanations, notes and
    // notification texts were a third of a replay's work (measured on a 10,000-case month).
    explain: input.explain ?? false,
    onCommit(_changed, commit) {
      if (!commit.userFacts?.length) return;
      for (const c of commit.userFacts) facts.set(c.username, { ...(facts.get(c.username) ?? {}), [c.fact]: c.value });
      directory = createDirectory(withFacts());
      actors.clear();
    },
  });

  // One Actor per person and unit while the directory stands: the engine keeps what it derives
  // from an actor (actorFacts) by the object, and a new object per event derived it all again
  // (an eighth of a replay's CPU on a 10,000-case month, with its WeakMap entries).
  const actors = new Map<string, Actor>();
  const actorOf = (e: RecordedEvent): Actor => {
    const key = `${e.actor}\u0000${e.actorUnit ?? ''}`;
    let actor = actors.get(key);
    if (!actor) actors.set(key, (actor = newActor(e)));
    return actor;
  };
  const newActor = (e: RecordedEvent): Actor => {
    if (e.actor === SYSTEM_ACTOR.username) return { ...SYSTEM_ACTOR, unit: e.actorUnit };
    const u = directory.user(e.actor);
    // Someone no longer in the directory acts with no roles: what the rules allow them decides.
    return {
      username: e.actor,
      unit: e.actorUnit ?? u?.unit ?? null,
      roles: u?.roles ?? [],
      facts: facts.get(e.actor) ?? {},
    };
  };

  const inputs = input.inputs ?? inputsOf(input.cases);
  const refusals: PassRefusal[] = [];
  const refuse = (caseId: string, seq: number, e: unknown) => {
    if (!(e instanceof EngineError)) throw e;
    refusals.push({
      caseId,
      seq,
      code: e.code,
      reason: e.message,
      errors: e.errors.map((x) => ({ path: x.path, code: x.code, message: x.message })),
      ...(e.said ? { said: e.said } : {}),
    });
  };
  const advance = async (to: number) => {
    for (;;) {
      const next = store.nextDue();
      if (next === null || next > to) break;
      if (next > clock.now()) clock.set(next);
      await engine.fireDueTimers(next);
    }
    if (to > clock.now()) clock.set(to);
  };

  const every = input.every ?? 500;
  let done = 0;
  for (const { recorded, event } of inputs) {
    // Most events find no timer due before them: no async step then (two per event were 3% of a pass).
    const due = store.nextDue();
    if (due !== null && due <= event.at) await advance(event.at);
    else if (event.at > clock.now()) clock.set(event.at);
    if (event.seq === 1) {
      const set = input.setFor(recorded);
      if (!set) {
        refusals.push({
          caseId: recorded.id,
          seq: 1,
          code: UNKNOWN_VERSION,
          reason: `definition version ${recorded.definitionVersion} is not known`,
          errors: [],
        });
      } else {
        current = set;
        nextCaseId = recorded.id;
        try {
          await engine.createCase(actorOf(event), recorded.workflow, event.data);
          toRecorded.set(recorded.id, recorded.id);
          toReplay.set(recorded.id, recorded.id);
        } catch (e) {
          refuse(recorded.id, 1, e);
        } finally {
          nextCaseId = null;
        }
      }
    } else {
      const id = toReplay.get(recorded.id);
      if (id === undefined) {
        refusals.push({
          caseId: recorded.id,
          seq: event.seq,
          code: NOT_STARTED,
          reason: `case ${recorded.id} was not started under these rules`,
          errors: [],
        });
      } else {
        try {
          await engine.sendEvent(id, { type: event.type, data: event.data, actor: actorOf(event) });
        } catch (e) {
          refuse(recorded.id, event.seq, e);
        }
      }
    }
    done++;
    if (input.checkpoint && done % every === 0) await input.checkpoint(done);
  }
  await advance(input.until);

  const cases = new Map<string, CaseEnd>();
  const outbox = new Map<string, readonly Notice[]>();
  const named = (id: string) => toRecorded.get(id) ?? id;
  for (const record of store.allCases()) cases.set(named(record.id), endOf(record));
  for (const [id, list] of store.outboxByCase())
    outbox.set(
      named(id),
      list.map((o) => ({ template: o.template, channel: o.channel, recipient: o.recipient, notBefore: o.notBefore })),
    );
  const scoreFacts = store
    .allScoreFacts()
    .map((f) => (f.caseId && toRecorded.has(f.caseId) ? { ...f, caseId: toRecorded.get(f.caseId)! } : f));
  // Scored here, in the pass's thread: only the points cross to the comparison, not every fact.
  const points = scoreSide(input.score.period, input.score.set, scoreFacts);
  return { cases, outbox, points, refusals, replayOnly, events: done };
}

function endOf(r: CaseRecord): CaseEnd {
  const clocks: Record<string, CaseEnd['clocks'][string]> = {};
  for (const [name, c] of Object.entries(r.clocks))
    clocks[name] = { policy: c.policy, deadline: c.deadline, breached: c.breached };
  return { unit: r.unit, workflow: r.workflow, activeStates: r.activeStates, done: r.done, clocks };
}

/**
 * The events a pass sends: every case's `create` unless another case started it, and every later
 * event a person sent (the engine's own — timers, SLA thresholds, signals — are its to make again).
 * A `migrated` event (an administrator moved the case to another version) is not a rule's to
 * accept or refuse: a pass runs the whole case on one set, the version it started on or the
 * candidate.
 * In time order; at the same instant, cases in the order they began, each case's events in order.
 */
export function inputsOf(cases: readonly RecordedCase[]): PassEvent[] {
  const out: PassEvent[] = [];
  const ordered = [...cases].sort(byCreation);
  ordered.forEach((recorded, order) => {
    for (const event of recorded.events) if (isSent(recorded, event)) out.push({ recorded, event, order });
  });
  return out.sort((a, b) => a.event.at - b.event.at || a.order - b.order || a.event.seq - b.event.seq);
}

/** How many events a pass sends (inputsOf(cases).length, without sorting them). */
export function sentCount(cases: readonly RecordedCase[]): number {
  let n = 0;
  for (const recorded of cases) for (const event of recorded.events) if (isSent(recorded, event)) n++;
  return n;
}

/** Whether a pass sends the recorded event again (inputsOf). */
export function isSent(recorded: RecordedCase, event: RecordedEvent): boolean {
  return event.seq === 1
    ? recorded.parent === null
    : event.actor !== SYSTEM_ACTOR.username && event.type !== MIGRATED_EVENT;
}

function byCreation(a: RecordedCase, b: RecordedCase): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
