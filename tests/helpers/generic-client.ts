import type { Listening } from './listening-server.ts';
import { valueFor } from './schema-value.ts';

type Schema = Record<string, any>;
type View = { id: string; done: boolean; version: number; stateValue: unknown; links?: { caseId: string; direction: string }[]; availableEvents: { type: string; form: Schema | null }[] };

/**
 * A client that knows no workflow: only the API, the users' logins, and the JSON Schemas the
 * server sends. It starts a case with data made from `startForm` and sends available events,
 * filled from their forms, until the case is done.
 */
export interface GenericClient {
  readonly api: Listening;
  /** The users, in the order they are tried. */
  readonly users: readonly string[];
  /** A login for the user; `fresh` when the last one was refused (logins expire as time passes). */
  token(user: string, fresh?: boolean): Promise<string>;
  /** Moves the server's clock on and lets due timers fire; false when the test cannot. */
  advance(ms: number): Promise<boolean>;
}

const SEEDS = 40;

/** Starts `workflow` as the first user allowed to, retrying refused data with other values. */
export async function startCase(client: GenericClient, workflow: string, startForm: Schema | null): Promise<{ id: string; by: string } | { refused: string }> {
  let last = 'nobody may start it';
  for (const user of client.users) {
    const sent = await sendFilled(startForm, (data) => call(client, user, 'POST', '/api/cases', { workflow, ...(data === undefined ? {} : { data }) }));
    if (sent.status === 201) return { id: sent.body.id, by: user };
    if (sent.status !== 403) last = `${user}: ${sent.status} ${sent.text}`;
  }
  return { refused: last };
}

/**
 * Drives the case (and the cases it opens as children) until it is done, choosing each time the
 * available event least tried in its state, so a comment that keeps the state is not sent forever.
 * Returns the trail of what it sent; throws with the trail when it gets stuck.
 */
export async function driveToEnd(client: GenericClient, caseId: string, limits = { steps: 150, days: 120 }): Promise<string[]> {
  const trail: string[] = [];
  const tried = new Map<string, number>();
  const open = new Set([caseId]);
  let waited = 0;
  for (let step = 0; step < limits.steps; step++) {
    const options: { user: string; view: View; type: string; form: Schema | null; key: string }[] = [];
    for (const id of open) {
      // Every user at once: whoever may see the case and send something now.
      const answers = await Promise.all(client.users.map(async (user) => ({ user, res: await call(client, user, 'GET', `/api/cases/${id}`) })));
      for (const { user, res } of answers) {
        if (res.status !== 200) continue;
        const view = res.body as View;
        if (view.done) {
          if (id === caseId) return trail;
          open.delete(id);
          break;
        }
        for (const l of view.links ?? []) if (l.direction === 'child') open.add(l.caseId);
        for (const e of view.availableEvents) options.push({ user, view, type: e.type, form: e.form, key: `${id}|${JSON.stringify(view.stateValue)}|${e.type}` });
      }
    }
    if (!options.length) {
      if (waited >= limits.days || !(await client.advance(86_400_000))) throw new Error(`stuck with no available event:\n${trail.join('\n')}`);
      waited++;
      trail.push('(a day passes)');
      continue;
    }
    const chosen = options.reduce((a, b) => ((tried.get(b.key) ?? 0) < (tried.get(a.key) ?? 0) ? b : a));
    tried.set(chosen.key, (tried.get(chosen.key) ?? 0) + 1);
    const sent = await sendFilled(chosen.form, (data) =>
      call(client, chosen.user, 'POST', `/api/cases/${chosen.view.id}/events`, { type: chosen.type, data, expectedVersion: chosen.view.version }),
    );
    trail.push(`${chosen.user} ${chosen.type} in ${JSON.stringify(chosen.view.stateValue)} → ${sent.status}${sent.status === 200 ? ` ${JSON.stringify(sent.body.stateValue)}` : ` ${sent.text.slice(0, 300)}`}`);
    // A refusal whatever the data (a guard, a rule beyond the form): try the others first.
    if (sent.status !== 200) tried.set(chosen.key, (tried.get(chosen.key) ?? 0) + 10);
    else if (sent.body.done && chosen.view.id === caseId) return trail;
  }
  throw new Error(`not done after ${limits.steps} steps:\n${trail.join('\n')}`);
}

type Answer = { status: number; body: any; text: string };

/** A call as `user`, logging in again once when the login has expired. */
export async function call(client: GenericClient, user: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const once = async (fresh: boolean) => client.api.call(method, path, { token: await client.token(user, fresh), ...(body === undefined ? {} : { body }) });
  const answer = await once(false);
  return answer.status === 401 ? once(true) : answer;
}

/**
 * Sends data made from the form, again with other values while the server refuses some fields
 * (422 with field errors): an optional field it refuses is left out, a required one made anew.
 */
async function sendFilled(form: Schema | null, send: (data: unknown) => Promise<Answer>): Promise<Answer> {
  const omitted = new Set<string>();
  let answer: Answer = { status: 0, body: undefined, text: '' };
  for (let seed = 0; seed < SEEDS; seed++) {
    const data = form ? (valueFor(form, seed) as Record<string, unknown>) : undefined;
    if (data) for (const name of omitted) delete data[name];
    answer = await send(data);
    if (answer.status !== 422 || !Array.isArray(answer.body?.errors) || !answer.body.errors.length) return answer;
    const required = new Set<string>(form?.required ?? []);
    for (const e of answer.body.errors as { path: string }[]) {
      const top = e.path.split('/')[1];
      if (top && !required.has(top) && !form?.properties?.[top]?.['x-sf-required']) omitted.add(top);
    }
  }
  return answer;
}
