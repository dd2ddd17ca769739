import type { CaseRecord } from '../runtime/case-record.ts';
import type { OutboxRecord, ScoreFactRecord } from '../store/store.ts';

/** Everything an `expect` step may look at, gathered for one case. */
export interface Observed {
  readonly record: CaseRecord;
  readonly outbox: readonly OutboxRecord[];
  readonly scoreFacts: readonly ScoreFactRecord[];
  readonly history: readonly { type: string; actor: string }[];
  readonly userFacts: (username: string) => Readonly<Record<string, unknown>>;
}

type Check = (expected: unknown, seen: Observed) => string | null;

/** One entry per key an `expect` step may use; unknown keys are reported with the known ones. */
export const expectationChecks: Record<string, Check> = {
  state(expected, { record }) {
    const wanted = Array.isArray(expected) ? expected.map(String) : [String(expected)];
    const ok = wanted.every((w) => record.activeStates.some((s) => s === w || s.startsWith(`${w}.`)));
    return ok ? null : `state is ${record.activeStates.join(', ')}, expected ${wanted.join(', ')}`;
  },
  done(expected, { record }) {
    return record.done === expected ? null : `case is ${record.done ? '' : 'not '}closed`;
  },
  data(expected, { record }) {
    return partialMatch(expected, record.data, 'data');
  },
  owner: (expected, { record }) => (record.owner === expected ? null : `owner is ${record.owner ?? 'nobody'}, expected ${String(expected)}`),
  assignee: (expected, { record }) => (record.assignee === expected ? null : `assignee is ${record.assignee ?? 'nobody'}, expected ${String(expected)}`),
  unit: (expected, { record }) => (record.unit === expected ? null : `unit is ${record.unit}, expected ${String(expected)}`),
  customerUser: (expected, { record }) => (record.customerUser === expected ? null : `customer is ${record.customerUser ?? 'nobody'}, expected ${String(expected)}`),
  watchers(expected, { record }) {
    const missing = (expected as string[]).filter((w) => !record.watchers.includes(w));
    return missing.length ? `watchers are [${record.watchers.join(', ')}], missing ${missing.join(', ')}` : null;
  },
  deadlines(expected, { record }) {
    for (const [clock, iso] of Object.entries(expected as Record<string, string | null>)) {
      const c = record.clocks[clock];
      if (!c) return `no clock "${clock}" (clocks: ${Object.keys(record.clocks).join(', ') || 'none'})`;
      const want = iso === null ? null : Date.parse(iso);
      if (c.deadline !== want) {
        return `deadline of ${clock} is ${c.deadline === null ? 'none' : new Date(c.deadline).toISOString()}, expected ${want === null ? 'none' : new Date(want).toISOString()} (${c.explanation.join('; ')})`;
      }
    }
    return null;
  },
  clocks(expected, { record }) {
    for (const [clock, status] of Object.entries(expected as Record<string, string>)) {
      const c = record.clocks[clock];
      if (!c) return `no clock "${clock}"`;
      if (c.status !== status) return `clock ${clock} is ${c.status}, expected ${status}`;
    }
    return null;
  },
  breached(expected, { record }) {
    const list = expected as string[];
    const now = Object.entries(record.clocks).filter(([, c]) => c.breached).map(([k]) => k).sort();
    const want = [...list].sort();
    return JSON.stringify(now) === JSON.stringify(want) ? null : `breached clocks are [${now.join(', ')}], expected [${want.join(', ')}]`;
  },
  notifications(expected, { outbox }) {
    for (const want of expected as Record<string, unknown>[]) {
      const hit = outbox.some((n) => Object.entries(want).every(([k, v]) => (k === 'to' ? n.recipient === v : (n as unknown as Record<string, unknown>)[k] === v)));
      if (!hit) {
        const seen = outbox.map((n) => `${n.template}→${n.recipient}/${n.channel}${n.urgent ? '!' : ''}`).join(', ');
        return `no notification like ${JSON.stringify(want)} (queued: ${seen || 'none'})`;
      }
    }
    return null;
  },
  /** `notNotified: [ { template, to, channel } ]` — no queued notification matches any of them (e.g. no SMS to a landline). */
  notNotified(expected, { outbox }) {
    for (const unwanted of expected as Record<string, unknown>[]) {
      const hit = outbox.find((n) => Object.entries(unwanted).every(([k, v]) => (k === 'to' ? n.recipient === v : (n as unknown as Record<string, unknown>)[k] === v)));
      if (hit) return `a notification like ${JSON.stringify(unwanted)} was queued: ${hit.template}→${hit.recipient}/${hit.channel}`;
    }
    return null;
  },
  scoreFacts(expected, { scoreFacts }) {
    for (const want of expected as Record<string, unknown>[]) {
      const hit = scoreFacts.some((f) => Object.entries(want).every(([k, v]) => (k === 'data' ? partialMatch(v, f.data, 'data') === null : (f as unknown as Record<string, unknown>)[k] === v)));
      if (!hit) return `no score fact like ${JSON.stringify(want)} (recorded: ${scoreFacts.map((f) => `${f.fact}@${f.unit}`).join(', ') || 'none'})`;
    }
    return null;
  },
  history(expected, { history }) {
    const types = history.map((h) => h.type);
    const want = expected as string[];
    let i = 0;
    for (const t of types) if (t === want[i]) i++;
    return i === want.length ? null : `history is [${types.join(', ')}], expected to contain in order [${want.join(', ')}]`;
  },
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
      if (!ok) return `${name} record is ${id ?? 'not linked'}, expected ${want === true ? 'one' : want === false ? 'none' : String(want)} (links: ${JSON.stringify(record.records)})`;
    }
    return null;
  },
  userFacts(expected, { userFacts }) {
    for (const [user, want] of Object.entries(expected as Record<string, unknown>)) {
      const problem = partialMatch(want, userFacts(user), `user ${user}`);
      if (problem) return problem;
    }
    return null;
  },
};

/** Every key of `expected` must equal the value found (recursively); extra values are fine. */
export function partialMatch(expected: unknown, actual: unknown, path: string): string | null {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object') return `${path} is ${JSON.stringify(actual)}, expected an object`;
    for (const [k, v] of Object.entries(expected)) {
      const problem = partialMatch(v, (actual as Record<string, unknown>)[k], `${path}.${k}`);
      if (problem) return problem;
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return `${path} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
    for (let i = 0; i < expected.length; i++) {
      const problem = partialMatch(expected[i], actual[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  return Object.is(expected, actual) || (typeof expected === 'number' && typeof actual === 'number' && Math.abs(expected - actual) < 1e-9)
    ? null
    : `${path} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}
