import type { CaseRecord } from '../runtime/case-record.ts';
import type { OutboxRecord, ScoreFactRecord } from '../store/store.ts';
import { includesValues, matchList, matchSome, sameValue } from './match.ts';
import { clockLineText } from '../sla/clock-lines.ts';
import { say } from '../definitions/said.ts';
import type { Localized } from '../localized.ts';
import { instantSaid, titleSaid, type ScenarioProblem } from './scenario-said.ts';

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
}

type Check = (expected: unknown, seen: Observed) => ScenarioProblem | null;

/** A clock a case never started, for `clocks: { NAME: not-started }`. */
export const NOT_STARTED = 'not-started';

/**
 * One entry per key an `expect` step may use (register new ones here, describe them in
 * scenario.schema.json and give them a failing case in tests/engine/simulate/simulate-expectations.test.ts).
 * Every key is exact, or says in its name what it checks (`…Include(s)`); an empty list means none.
 */
export const expectationChecks: Record<string, Check> = {
  /** Exactly these active states; a parent names its children ('handling' matches 'handling.hq'). */
  state(expected, { record }) {
    const wanted = Array.isArray(expected) ? expected.map(String) : [String(expected)];
    const covers = (w: string, s: string) => s === w || s.startsWith(`${w}.`);
    const ok =
      wanted.every((w) => record.activeStates.some((s) => covers(w, s))) &&
      record.activeStates.every((s) => wanted.some((w) => covers(w, s)));
    return ok ? null : `state is ${record.activeStates.join(', ')}, expected ${wanted.join(', ')}`;
  },
  done(expected, { record }) {
    return record.done === expected ? null : `case is ${record.done ? '' : 'not '}closed`;
  },
  /** Each key named holds exactly this value (other keys of the data are not checked). */
  data(expected, { record }) {
    for (const [k, v] of Object.entries(expected as Record<string, unknown>)) {
      const problem = sameValue(v, record.data[k], `data.${k}`);
      if (problem) return problem;
    }
    return null;
  },
  /** Each key named holds at least the values given, recursively (objects may hold more). */
  dataIncludes(expected, { record }) {
    return includesValues(expected, record.data, 'data');
  },
  number: (expected, { record }) =>
    record.number === expected ? null : `number is ${record.number ?? 'none'}, expected ${String(expected ?? 'none')}`,
  owner: (expected, { record }) =>
    record.owner === expected ? null : `owner is ${record.owner ?? 'nobody'}, expected ${String(expected ?? 'nobody')}`,
  assignee: (expected, { record }) =>
    record.assignee === expected
      ? null
      : `assignee is ${record.assignee ?? 'nobody'}, expected ${String(expected ?? 'nobody')}`,
  unit: (expected, { record }) =>
    record.unit === expected ? null : `unit is ${record.unit}, expected ${String(expected)}`,
  customerUser: (expected, { record }) =>
    record.customerUser === expected
      ? null
      : `customer is ${record.customerUser ?? 'nobody'}, expected ${String(expected ?? 'nobody')}`,
  /** Exactly these watchers, in any order. */
  watchers(expected, { record }) {
    const want = [...(expected as string[])].sort();
    const seen = [...record.watchers].sort();
    return JSON.stringify(want) === JSON.stringify(seen)
      ? null
      : `watchers are [${seen.join(', ')}], expected [${want.join(', ')}]`;
  },
  watchersInclude(expected, { record }) {
    const missing = (expected as string[]).filter((w) => !record.watchers.includes(w));
    return missing.length ? `watchers are [${record.watchers.join(', ')}], missing ${missing.join(', ')}` : null;
  },
  /** The deadline of each clock named, exactly; null: the clock has none (paused). */
  deadlines(expected, { record, zone, policyTitle }) {
    for (const [clock, iso] of Object.entries(expected as Record<string, string | null>)) {
      const c = record.clocks[clock];
      if (!c) return `no clock "${clock}" (clocks: ${Object.keys(record.clocks).join(', ') || 'none'})`;
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
  clocks(expected, { record, policies }) {
    for (const [clock, status] of Object.entries(expected as Record<string, string>)) {
      const c = record.clocks[clock];
      if (!c && !policies.has(clock))
        return `no SLA policy "${clock}" (policies: ${[...policies].join(', ') || 'none'})`;
      const seen = c ? c.status : NOT_STARTED;
      if (seen !== status)
        return `clock ${clock} is ${seen}, expected ${status}${c ? ` (${c.explanation.map(clockLineText).join('; ')})` : ''}`;
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
  notifications(expected, { outbox }) {
    const { missing, extra } = matchList(expected as unknown[], outbox, notificationLike);
    if (missing.length === 0 && extra.length === 0) return null;
    return `notifications differ: ${[...missing.map((m) => `none like ${JSON.stringify(m)}`), ...extra.map((n) => `also ${describeNotification(n)}`)].join('; ')} (queued: ${outbox.map(describeNotification).join(', ') || 'none'}; to check only some, use notificationsInclude)`;
  },
  /** Each entry matches some queued notification (others may be there too). */
  notificationsInclude(expected, { outbox }) {
    const missing = matchSome(expected as unknown[], outbox, notificationLike);
    return missing.length
      ? `no notification like ${JSON.stringify(missing[0])} (queued: ${outbox.map(describeNotification).join(', ') || 'none'})`
      : null;
  },
  /**
   * `notNotified: [ { template, to, channel } ]` — no queued notification matches any of them (e.g. no SMS to a
   * landline).
   */
  notNotified(expected, { outbox }) {
    for (const unwanted of expected as Record<string, unknown>[]) {
      const hit = outbox.find((n) => notificationLike(unwanted, n));
      if (hit) return `a notification like ${JSON.stringify(unwanted)} was queued: ${describeNotification(hit)}`;
    }
    return null;
  },
  /** Exactly these score facts were recorded about the case, one entry each ([] means none). */
  scoreFacts(expected, seen) {
    return exactFacts(expected as unknown[], seen.scoreFacts, seen.caseOf, 'scoreFactsInclude');
  },
  /** Each entry matches some score fact recorded about the case (others may be there too). */
  scoreFactsInclude(expected, seen) {
    return someFacts(expected as unknown[], seen.scoreFacts, seen.caseOf);
  },
  /** Exactly these events, in this order (the case's whole history). */
  history(expected, { history }) {
    const types = history.map((h) => h.type);
    return sameValue(expected, types, 'history') === null
      ? null
      : `history is [${types.join(', ')}], expected [${(expected as string[]).join(', ')}]${(expected as string[]).length < types.length ? ' (to check only some, in order, use historyIncludes)' : ''}`;
  },
  /** These events in this order, others may come between. */
  historyIncludes(expected, { history }) {
    const types = history.map((h) => h.type);
    const want = expected as string[];
    let i = 0;
    for (const t of types) if (t === want[i]) i++;
    return i === want.length
      ? null
      : `history is [${types.join(', ')}], expected to contain in order [${want.join(', ')}]`;
  },
  /** How many cases of each link name are linked, exactly (0: none). */
  links(expected, { record }) {
    for (const [name, count] of Object.entries(expected as Record<string, number>)) {
      const n = record.links.filter((l) => l.name === name).length;
      if (n !== count) return `${n} linked "${name}" case(s), expected ${count}`;
    }
    return null;
  },
  /**
   * `records: { customer: C000001-customer, product: true, other: false }` — the archive record each
   * link names: its id, any record (true), or none (false).
   */
  records(expected, { record }) {
    for (const [name, want] of Object.entries(expected as Record<string, string | boolean>)) {
      const id = record.records[name];
      const ok = want === true ? id !== undefined : want === false ? id === undefined : id === String(want);
      if (!ok)
        return `${name} record is ${id ?? 'not linked'}, expected ${want === true ? 'one' : want === false ? 'none' : String(want)} (links: ${JSON.stringify(record.records)})`;
    }
    return null;
  },
  /** For each user named, each fact named holds exactly this value. */
  userFacts(expected, { userFacts }) {
    for (const [user, want] of Object.entries(expected as Record<string, Record<string, unknown>>)) {
      for (const [fact, value] of Object.entries(want)) {
        const problem = sameValue(value, userFacts(user)[fact], `user ${user} ${fact}`);
        if (problem) return problem;
      }
    }
    return null;
  },
};

/** A notification entry: template, to (the recipient), channel, urgent, notBefore (ISO or epoch ms). */
function notificationLike(pattern: unknown, n: OutboxRecord): boolean {
  return Object.entries(pattern as Record<string, unknown>).every(([k, v]) => {
    if (k === 'to') return n.recipient === v;
    if (k === 'notBefore') return n.notBefore === (typeof v === 'string' ? Date.parse(v) : v);
    return (n as unknown as Record<string, unknown>)[k] === v;
  });
}

function describeNotification(n: OutboxRecord): string {
  return `${n.template}→${n.recipient}/${n.channel}${n.urgent ? '!' : ''}`;
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

export function describeFact(f: ScoreFactRecord): string {
  return `${f.fact}@${f.unit}${f.caseId ? ` (${f.caseId})` : ''}${Object.keys(f.data).length ? ` ${JSON.stringify(f.data)}` : ''}`;
}

export function exactFacts(
  expected: readonly unknown[],
  facts: readonly ScoreFactRecord[],
  caseOf: (ref: string) => string | undefined,
  partialKey: string,
): string | null {
  const { missing, extra } = matchList(expected, facts, factLike(caseOf));
  if (missing.length === 0 && extra.length === 0) return null;
  return `score facts differ: ${[...missing.map((m) => `none like ${JSON.stringify(m)}`), ...extra.map((f) => `also ${describeFact(f)}`)].join('; ')} (recorded: ${facts.map(describeFact).join(', ') || 'none'}; to check only some, use ${partialKey})`;
}

export function someFacts(
  expected: readonly unknown[],
  facts: readonly ScoreFactRecord[],
  caseOf: (ref: string) => string | undefined,
): string | null {
  const missing = matchSome(expected, facts, factLike(caseOf));
  return missing.length
    ? `no score fact like ${JSON.stringify(missing[0])} (recorded: ${facts.map(describeFact).join(', ') || 'none'})`
    : null;
}

/** For `find`: the case data holds at least these values. */
export const partialMatch = includesValues;
