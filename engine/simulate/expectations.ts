import type { CaseRecord } from '../runtime/case-record.ts';
import type { OutboxRecord, ScoreFactRecord } from '../store/store.ts';
import { includesValues, matchList, matchSome, sameValue } from './match.ts';
import { clockLineText } from '../sla/clock-lines.ts';
import { say, type Said, type SaidParam } from '../definitions/said.ts';
import type { Localized } from '../localized.ts';
import {
  allOf,
  channelSaid,
  instantSaid,
  namesOrNone,
  patternSaid,
  statusSaid,
  titleSaid,
  valueSaid,
  type ScenarioProblem,
} from './scenario-said.ts';
import { plainNames, type ScenarioNames } from './scenario-names.ts';

/** Everything an `expect` step may look at, gathered for one case. */
export interface Observed {
  readonly record: CaseRecord;
  readonly outbox: readonly OutboxRecord[];
  readonly scoreFacts: readonly ScoreFactRecord[];
  readonly history: readonly { type: string; actor: string }[];
  readonly userFacts: (username: string) => Readonly<Record<string, unknown>>;
  /** The case id a scenario ref names (`case:` in a score fact), or undefined. */
  readonly caseOf: (ref: string) => string | undefined;
  /** The time zone a clock of this case (or the case itself) is read in: its calendar's. */
  readonly zone: (clock?: string) => string;
  /** Names of the SLA policies of the set: a clock named in an expectation must be one. */
  readonly policies: ReadonlySet<string>;
  /** An SLA policy's title, as its definition gives it. */
  readonly policyTitle?: (policy: string) => Localized | undefined;
  /** How a failure names what it is about (titles for a Chinese reader); as written when not given. */
  readonly names?: ScenarioNames;
}

type Check = (expected: unknown, seen: Observed) => ScenarioProblem | null;

/** A clock a case never started, for `clocks: { NAME: not-started }`. */
export const NOT_STARTED = 'not-started';

const namesOf = (seen: Observed) => seen.names ?? plainNames;
/** A person, or the word for nobody. */
const personSaid = (names: ScenarioNames, user: unknown): SaidParam =>
  user === null || user === undefined ? say('scenario.nobody') : names.user(String(user));
/** A place in the case's data by its field's title. */
const dataName = (seen: Observed) => (path: string) => namesOf(seen).field(seen.record.workflow, path);

/**
 * One entry per key an `expect` step may use (register new ones here, describe them in
 * scenario.schema.json and give them a failing case in tests/engine/simulate/simulate-expectations.test.ts).
 * Every key is exact, or says in its name what it checks (`…Include(s)`); an empty list means none.
 */
export const expectationChecks: Record<string, Check> = {
  /** Exactly these active states; a parent names its children ('handling' matches 'handling.hq'). */
  state(expected, seen) {
    const { record } = seen;
    const wanted = Array.isArray(expected) ? expected.map(String) : [String(expected)];
    const covers = (w: string, s: string) => s === w || s.startsWith(`${w}.`);
    const ok =
      wanted.every((w) => record.activeStates.some((s) => covers(w, s))) &&
      record.activeStates.every((s) => wanted.some((w) => covers(w, s)));
    const state = (path: string) => namesOf(seen).state(record.workflow, path);
    return ok ? null : say('scenario.state', { seen: record.activeStates.map(state), want: wanted.map(state) });
  },
  done(expected, { record }) {
    return record.done === expected ? null : say(record.done ? 'scenario.closed' : 'scenario.notClosed');
  },
  /** Each key named holds exactly this value (other keys of the data are not checked). */
  data(expected, seen) {
    for (const [k, v] of Object.entries(expected as Record<string, unknown>)) {
      const problem = sameValue(v, seen.record.data[k], `data.${k}`, dataName(seen));
      if (problem) return problem;
    }
    return null;
  },
  /** Each key named holds at least the values given, recursively (objects may hold more). */
  dataIncludes(expected, seen) {
    return includesValues(expected, seen.record.data, 'data', dataName(seen));
  },
  number: (expected, { record }) =>
    record.number === expected
      ? null
      : say('scenario.number', {
          seen: record.number ?? say('scenario.none'),
          want: expected === undefined || expected === null ? say('scenario.none') : String(expected),
        }),
  owner: (expected, seen) =>
    seen.record.owner === expected
      ? null
      : say('scenario.owner', {
          seen: personSaid(namesOf(seen), seen.record.owner),
          want: personSaid(namesOf(seen), expected),
        }),
  assignee: (expected, seen) =>
    seen.record.assignee === expected
      ? null
      : say('scenario.assignee', {
          seen: personSaid(namesOf(seen), seen.record.assignee),
          want: personSaid(namesOf(seen), expected),
        }),
  unit: (expected, seen) =>
    seen.record.unit === expected
      ? null
      : say('scenario.unit', {
          seen: namesOf(seen).unit(seen.record.unit),
          want: namesOf(seen).unit(String(expected)),
        }),
  customerUser: (expected, seen) =>
    seen.record.customerUser === expected
      ? null
      : say('scenario.customer', {
          seen: personSaid(namesOf(seen), seen.record.customerUser),
          want: personSaid(namesOf(seen), expected),
        }),
  /** Exactly these watchers, in any order. */
  watchers(expected, seen) {
    const want = [...(expected as string[])].sort();
    const now = [...seen.record.watchers].sort();
    const user = namesOf(seen).user;
    return JSON.stringify(want) === JSON.stringify(now)
      ? null
      : say('scenario.watchers', { seen: now.map(user), want: want.map(user) });
  },
  watchersInclude(expected, seen) {
    const missing = (expected as string[]).filter((w) => !seen.record.watchers.includes(w));
    const user = namesOf(seen).user;
    return missing.length
      ? say('scenario.watchersMissing', { seen: seen.record.watchers.map(user), missing: missing.map(user) })
      : null;
  },
  /** The deadline of each clock named, exactly; null: the clock has none (paused). */
  deadlines(expected, seen) {
    const { record, zone, policyTitle } = seen;
    for (const [clock, iso] of Object.entries(expected as Record<string, string | null>)) {
      const c = record.clocks[clock];
      if (!c) return noClock(clock, seen);
      const want = iso === null ? null : Date.parse(iso);
      if (c.deadline !== want)
        return say('scenario.deadline', {
          clock: titleSaid(policyTitle?.(c.policy), clock),
          seen: instantSaid(c.deadline, zone(clock)),
          want: instantSaid(want, zone(clock)),
          explanation: c.explanation.map(clockLineText).join('; '),
        });
    }
    return null;
  },
  /** The status of each clock named: running, paused, stopped, or not-started (never started on this case). */
  clocks(expected, seen) {
    const { record, policies, policyTitle } = seen;
    for (const [clock, status] of Object.entries(expected as Record<string, string>)) {
      const c = record.clocks[clock];
      if (!c && !policies.has(clock))
        return say('scenario.noPolicy', {
          clock,
          policies: namesOrNone([...policies].map((p) => titleSaid(policyTitle?.(p), p))),
        });
      const now = c ? c.status : NOT_STARTED;
      if (now !== status)
        return say('scenario.clock', {
          clock: titleSaid(policyTitle?.(c?.policy ?? clock), clock),
          seen: statusSaid(now),
          want: statusSaid(status),
          explanation: c ? ` (${c.explanation.map(clockLineText).join('; ')})` : '',
        });
    }
    return null;
  },
  /** Exactly these clocks are breached; [] means none. */
  breached(expected, { record, policyTitle }) {
    const list = expected as string[];
    const now = Object.entries(record.clocks)
      .filter(([, c]) => c.breached)
      .map(([k]) => k)
      .sort();
    const want = [...list].sort();
    const titles = (names: string[]) => names.map((n) => titleSaid(policyTitle?.(record.clocks[n]?.policy ?? n), n));
    return JSON.stringify(now) === JSON.stringify(want)
      ? null
      : say('scenario.breached', { seen: titles(now), want: titles(want) });
  },
  /**
   * Exactly these notifications were queued for the case, one entry each ([] means none); an entry names the fields it
   * checks.
   */
  notifications(expected, seen) {
    const { outbox } = seen;
    const { missing, extra } = matchList(expected as unknown[], outbox, notificationLike);
    if (missing.length === 0 && extra.length === 0) return null;
    const names = namesOf(seen);
    return say('scenario.notifications', {
      items: allOf([
        ...missing.map((m) => say('scenario.noneLike', { pattern: notificationPattern(m, names) })),
        ...extra.map((n) => say('scenario.also', { item: notificationSaid(n, names) })),
      ]),
      queued: namesOrNone(outbox.map((n) => notificationSaid(n, names))),
    });
  },
  /** Each entry matches some queued notification (others may be there too). */
  notificationsInclude(expected, seen) {
    const missing = matchSome(expected as unknown[], seen.outbox, notificationLike);
    const names = namesOf(seen);
    return missing.length
      ? say('scenario.noNotification', {
          pattern: notificationPattern(missing[0], names),
          queued: namesOrNone(seen.outbox.map((n) => notificationSaid(n, names))),
        })
      : null;
  },
  /**
   * `notNotified: [ { template, to, channel } ]` — no queued notification matches any of them (e.g. no SMS to a
   * landline).
   */
  notNotified(expected, seen) {
    for (const unwanted of expected as Record<string, unknown>[]) {
      const hit = seen.outbox.find((n) => notificationLike(unwanted, n));
      if (hit)
        return say('scenario.notified', {
          pattern: notificationPattern(unwanted, namesOf(seen)),
          notification: notificationSaid(hit, namesOf(seen)),
        });
    }
    return null;
  },
  /** Exactly these score facts were recorded about the case, one entry each ([] means none). */
  scoreFacts(expected, seen) {
    return exactFacts(expected as unknown[], seen.scoreFacts, seen.caseOf, 'scoreFactsInclude', namesOf(seen));
  },
  /** Each entry matches some score fact recorded about the case (others may be there too). */
  scoreFactsInclude(expected, seen) {
    return someFacts(expected as unknown[], seen.scoreFacts, seen.caseOf, namesOf(seen));
  },
  /** Exactly these events, in this order (the case's whole history). */
  history(expected, seen) {
    const types = seen.history.map((h) => h.type);
    const want = expected as string[];
    const event = (type: string) => namesOf(seen).event(seen.record.workflow, type);
    return sameValue(expected, types, 'history') === null
      ? null
      : say('scenario.history', {
          seen: types.map(event),
          want: want.map(event),
          hint: want.length < types.length ? say('scenario.historyHint') : '',
        });
  },
  /** These events in this order, others may come between. */
  historyIncludes(expected, seen) {
    const types = seen.history.map((h) => h.type);
    const want = expected as string[];
    let i = 0;
    for (const t of types) if (t === want[i]) i++;
    const event = (type: string) => namesOf(seen).event(seen.record.workflow, type);
    return i === want.length
      ? null
      : say('scenario.historyIncludes', { seen: types.map(event), want: want.map(event) });
  },
  /** How many cases of each link name are linked, exactly (0: none). */
  links(expected, seen) {
    for (const [name, count] of Object.entries(expected as Record<string, number>)) {
      const n = seen.record.links.filter((l) => l.name === name).length;
      if (n !== count) return say('scenario.links', { n, name: namesOf(seen).workflow(name), count });
    }
    return null;
  },
  /**
   * `records: { customer: C000001-customer, product: true, other: false }` — the archive record each
   * link names: its id, any record (true), or none (false).
   */
  records(expected, seen) {
    const { record } = seen;
    for (const [name, want] of Object.entries(expected as Record<string, string | boolean>)) {
      const id = record.records[name];
      const ok = want === true ? id !== undefined : want === false ? id === undefined : id === String(want);
      if (!ok)
        return say('scenario.records', {
          name: namesOf(seen).recordType(name),
          id: id ?? say('scenario.notLinked'),
          want: want === true ? say('scenario.one') : want === false ? say('scenario.none') : String(want),
          links: JSON.stringify(record.records),
        });
    }
    return null;
  },
  /** For each user named, each fact named holds exactly this value. */
  userFacts(expected, seen) {
    for (const [user, want] of Object.entries(expected as Record<string, Record<string, unknown>>)) {
      for (const [fact, value] of Object.entries(want)) {
        const prefix = `user ${user} `;
        const name = (path: string) =>
          say('scenario.userFact', { user: namesOf(seen).user(user), fact: path.slice(prefix.length) });
        const problem = sameValue(value, seen.userFacts(user)[fact], `${prefix}${fact}`, name);
        if (problem) return problem;
      }
    }
    return null;
  },
};

function noClock(clock: string, { record, policyTitle }: Observed): Said {
  const clocks = Object.keys(record.clocks).map((k) => titleSaid(policyTitle?.(record.clocks[k]!.policy), k));
  return say('scenario.noClock', { clock, clocks: namesOrNone(clocks) });
}

/** A notification as the English has always listed it (template→recipient/channel), in Chinese by titles. */
function notificationSaid(n: OutboxRecord, names: ScenarioNames): Said {
  return say('scenario.notification', {
    template: names.template(n.template),
    to: names.user(n.recipient),
    channel: channelSaid(n.channel),
    urgent: n.urgent ? say('scenario.urgentMark') : '',
  });
}

const notificationPattern = (pattern: unknown, names: ScenarioNames) =>
  patternSaid(pattern, (key, v) =>
    key === 'template'
      ? names.template(String(v))
      : key === 'to'
        ? names.user(String(v))
        : key === 'channel'
          ? channelSaid(String(v))
          : valueSaid(v),
  );

/** A notification entry: template, to (the recipient), channel, urgent, notBefore (ISO or epoch ms). */
function notificationLike(pattern: unknown, n: OutboxRecord): boolean {
  return Object.entries(pattern as Record<string, unknown>).every(([k, v]) => {
    if (k === 'to') return n.recipient === v;
    if (k === 'notBefore') return n.notBefore === (typeof v === 'string' ? Date.parse(v) : v);
    return (n as unknown as Record<string, unknown>)[k] === v;
  });
}

/**
 * A score fact entry: fact, unit, reason (either language of one written in both), case (a scenario ref: the case
 * the point is linked to, null for none), and data (each data key named holds exactly this value).
 */
export function factLike(
  caseOf: (ref: string) => string | undefined,
): (pattern: unknown, f: ScoreFactRecord) => boolean {
  return (pattern, f) =>
    Object.entries(pattern as Record<string, unknown>).every(([k, v]) => {
      if (k === 'data')
        return Object.entries(v as Record<string, unknown>).every(([dk, dv]) => sameValue(dv, f.data[dk], dk) === null);
      if (k === 'case') return v === null ? f.caseId === null : f.caseId !== null && f.caseId === caseOf(String(v));
      // A reason written in both languages matches the same pair, or either of its texts.
      if (k === 'reason')
        return typeof f.reason === 'string' || typeof v !== 'string'
          ? JSON.stringify(v) === JSON.stringify(f.reason)
          : v === f.reason.zh || v === f.reason.en;
      return (f as unknown as Record<string, unknown>)[k] === v;
    });
}

/** A score fact as the English has always listed it (fact@unit (case) data), in Chinese by titles. */
export function describeFact(f: ScoreFactRecord, names: ScenarioNames = plainNames): Said {
  return say('scenario.fact', {
    fact: names.fact(f.fact),
    unit: names.unit(f.unit),
    case: f.caseId ? say('scenario.factCase', { case: names.case(f.caseId) }) : '',
    data: Object.keys(f.data).length ? say('scenario.factData', { data: JSON.stringify(f.data) }) : '',
  });
}

const factPattern = (pattern: unknown, names: ScenarioNames) =>
  patternSaid(pattern, (key, v) =>
    key === 'fact' ? names.fact(String(v)) : key === 'unit' ? names.unit(String(v)) : valueSaid(v),
  );

export function exactFacts(
  expected: readonly unknown[],
  facts: readonly ScoreFactRecord[],
  caseOf: (ref: string) => string | undefined,
  partialKey: string,
  names: ScenarioNames = plainNames,
): Said | null {
  const { missing, extra } = matchList(expected, facts, factLike(caseOf));
  if (missing.length === 0 && extra.length === 0) return null;
  return say('scenario.scoreFacts', {
    items: allOf([
      ...missing.map((m) => say('scenario.noneLike', { pattern: factPattern(m, names) })),
      ...extra.map((f) => say('scenario.also', { item: describeFact(f, names) })),
    ]),
    recorded: namesOrNone(facts.map((f) => describeFact(f, names))),
    partial: partialKey,
  });
}

export function someFacts(
  expected: readonly unknown[],
  facts: readonly ScoreFactRecord[],
  caseOf: (ref: string) => string | undefined,
  names: ScenarioNames = plainNames,
): Said | null {
  const missing = matchSome(expected, facts, factLike(caseOf));
  return missing.length
    ? say('scenario.noScoreFact', {
        pattern: factPattern(missing[0], names),
        recorded: namesOrNone(facts.map((f) => describeFact(f, names))),
      })
    : null;
}

/** For `find`: the case data holds at least these values. */
export const partialMatch = includesValues;
