import type { ConnectionPlan } from './http-load.ts';

/**
 * Connections setting up at a time. Each login is a scrypt on libuv's four threads, where pg's SCRAM
 * authentication of a new database connection queues too: 50 logins at once kept a PostgreSQL
 * node's new connections waiting past their 10 s connect timeout (503) on the loaded machine.
 */
const SETTING_UP_AT_ONCE = 8;

/** What a bench connection does: log in as one of the demo's branch users and post notes to cases of its own. */
export interface ClientSetup {
  readonly connections: number;
  readonly casesPerConnection: number;
  readonly password: string;
}

/**
 * The `http.events` benches' clients: connection i goes to `urls[i % urls.length]`, logs in there
 * (b1.lead or b1.staff in turn, as a client would) and creates its cases there. Every connection
 * sets up with others (SETTING_UP_AT_ONCE), each creating its cases one after the other: the same
 * logins and cases as one connection after the other made (what is measured afterwards does not
 * change), in a fraction of the time, since the server's group commit writes the concurrent
 * creations together.
 */
export async function prepareClients(urls: readonly string[], setup: ClientSetup): Promise<ConnectionPlan[][]> {
  const made = await inTurns(setup.connections, SETTING_UP_AT_ONCE, async (i) => {
    const url = urls[i % urls.length]!;
    const post = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const login = async (username: string) =>
      (await post('/api/auth/login', { username, password: setup.password })).token as string;
    const token = await login(i % 2 ? 'b1.staff' : 'b1.lead');
    // b1.staff starts every connection's cases, as the bench always did; the lead's connections note on them.
    const staff = i % 2 ? token : await login('b1.staff');
    const targets = [];
    for (let k = 0; k < setup.casesPerConnection; k++) {
      const c = await post(
        '/api/cases',
        { workflow: 'ticket', data: { customerName: `Bench ${i}.${k}`, phone: '13800000009' } },
        staff,
      );
      targets.push({ path: `/api/cases/${c.id as string}/events`, version: c.version as number });
    }
    const plan: ConnectionPlan = {
      targets,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ type: 'note', expectedVersion: '{version}' }),
    };
    return plan;
  });
  const plans: ConnectionPlan[][] = urls.map(() => []);
  made.forEach((plan, i) => plans[i % urls.length]!.push(plan));
  return plans;
}

/** `plans` with each target's version as a load run left it. */
export function afterRun(plans: readonly ConnectionPlan[], versions: readonly (readonly number[])[]): ConnectionPlan[] {
  return plans.map((p, i) => ({ ...p, targets: p.targets.map((t, k) => ({ ...t, version: versions[i]![k]! })) }));
}

/** `make(0 … count - 1)`, at most `atOnce` at a time, in index order. */
async function inTurns<T>(count: number, atOnce: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const made: T[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      made[i] = await make(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, count) }, lane));
  return made;
}
