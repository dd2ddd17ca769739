import type { Listening } from './listening-server.ts';
import { dependsOnOrganization, NoValidValueError, valueFor } from './schema-value.ts';

type Schema = Record<string, any>;
type View = {
  id: string;
  done: boolean;
  version: number;
  stateValue: unknown;
  links?: { caseId: string; direction: string }[];
  availableEvents: { type: string; form: Schema | null }[];
};

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
/** How often an event that keeps the state is sent before the client lets time pass instead. */
const STAY_TRIES = 3;
/** Pages of an x-sf-choices link the client reads at most. */
const MAX_CHOICE_PAGES = 100;

/**
 * The form with each field that names an `x-sf-choices` link given the `oneOf` read from it, page
 * by page ({items: [{const, title}], next}; `next` is the next page's link, null at the end).
 */
export async function withChoices(client: GenericClient, user: string, form: Schema): Promise<Schema> {
  if (typeof form['x-sf-choices'] === 'string') {
    const items: { const: string; title: string }[] = [];
    let link: string | null = form['x-sf-choices'];
    for (let page = 0; link !== null; page++) {
      if (page >= MAX_CHOICE_PAGES)
        throw new Error(`x-sf-choices ${form['x-sf-choices']} has more than ${MAX_CHOICE_PAGES} pages`);
      const answer = await call(client, user, 'GET', link);
      if (answer.status !== 200) throw new Error(`x-sf-choices ${link}: ${answer.status} ${answer.text}`);
      items.push(...(answer.body.items as { const: string; title: string }[]));
      link = answer.body.next as string | null;
    }
    const { ['x-sf-choices']: _, ...rest } = form;
    return items.length ? { ...rest, oneOf: items } : { ...rest, not: {} };
  }
  if (dependsOnOrganization(form)) return form;
  let out = form;
  for (const [name, sub] of Object.entries((form.properties ?? {}) as Record<string, Schema>)) {
    const next = await withChoices(client, user, sub);
    if (next !== sub) out = { ...out, properties: { ...out.properties, [name]: next } };
  }
  if (form.items && typeof form.items === 'object' && !Array.isArray(form.items)) {
    const items = await withChoices(client, user, form.items as Schema);
    if (items !== form.items) out = { ...out, items };
  }
  return out;
}

/** Starts `workflow` as the first user allowed to, retrying refused data with other values. */
export async function startCase(
  client: GenericClient,
  workflow: string,
  startForm: Schema | null,
): Promise<{ id: string; by: string } | { refused: string }> {
  let last = 'nobody may start it';
  for (const user of client.users) {
    // The start form as this user gets it: its people listed for a case in their unit.
    const own = startForm && (await call(client, user, 'GET', `/api/definitions/Workflow/${workflow}`));
    const form = own && own.status === 200 ? await withChoices(client, user, own.body.startForm as Schema) : startForm;
    let sent: Answer;
    try {
      sent = await sendFilled(form, (data) =>
        call(client, user, 'POST', '/api/cases', { workflow, ...(data === undefined ? {} : { data }) }),
      );
    } catch (e) {
      // Nobody this user could name is valid: someone else starts it.
      if (e instanceof NoValidValueError) continue;
      throw e;
    }
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
export async function driveToEnd(
  client: GenericClient,
  caseId: string,
  limits = { steps: 150, days: 120 },
): Promise<string[]> {
  const trail: string[] = [];
  const tried = new Map<string, number>();
  const open = new Set([caseId]);
  let waited = 0;
  for (let step = 0; step < limits.steps; step++) {
    const options: { user: string; view: View; type: string; form: Schema | null; key: string }[] = [];
    for (const id of open) {
      // Every user at once: whoever may see the case and send something now.
      const answers = await Promise.all(
        client.users.map(async (user) => ({ user, res: await call(client, user, 'GET', `/api/cases/${id}`) })),
      );
      for (const { user, res } of answers) {
        if (res.status !== 200) continue;
        const view = res.body as View;
        if (view.done) {
          if (id === caseId) return trail;
          open.delete(id);
          break;
        }
        for (const l of view.links ?? []) if (l.direction === 'child') open.add(l.caseId);
        for (const e of view.availableEvents)
          options.push({
            user,
            view,
            type: e.type,
            form: e.form,
            key: `${id}|${JSON.stringify(view.stateValue)}|${e.type}`,
          });
      }
    }
    if (!options.length) {
      if (waited >= limits.days || !(await client.advance(86_400_000)))
        throw new Error(`stuck with no available event:\n${trail.join('\n')}`);
      waited++;
      trail.push('(a day passes)');
      continue;
    }
    const chosen = options.reduce((a, b) => ((tried.get(b.key) ?? 0) < (tried.get(a.key) ?? 0) ? b : a));
    // Everything on offer has been tried often and left its state as it was (comments and the
    // like): the case waits for time (a deadline, a period) — let a day pass.
    if ((tried.get(chosen.key) ?? 0) >= STAY_TRIES && waited < limits.days && (await client.advance(86_400_000))) {
      waited++;
      trail.push('(a day passes: only events that keep the state are left)');
      for (const o of options) tried.set(o.key, 0);
      continue;
    }
    tried.set(chosen.key, (tried.get(chosen.key) ?? 0) + 1);
    const form = chosen.form && (await withChoices(client, chosen.user, chosen.form));
    let sent: Answer;
    try {
      sent = await sendFilled(form, (data) =>
        call(client, chosen.user, 'POST', `/api/cases/${chosen.view.id}/events`, {
          type: chosen.type,
          data,
          expectedVersion: chosen.view.version,
        }),
      );
    } catch (e) {
      if (!(e instanceof NoValidValueError)) throw e;
      // The server lists nobody this user could name: the event is not theirs to send now.
      tried.set(chosen.key, (tried.get(chosen.key) ?? 0) + 10);
      trail.push(`${chosen.user} ${chosen.type}: nobody to name`);
      continue;
    }
    trail.push(
      `${chosen.user} ${chosen.type} in ${JSON.stringify(chosen.view.stateValue)} → ${sent.status}${sent.status === 200 ? ` ${JSON.stringify(sent.body.stateValue)}` : ` ${sent.text.slice(0, 300)}`}`,
    );
    // A refusal whatever the data (a guard, a rule beyond the form): try the others first.
    if (sent.status !== 200) tried.set(chosen.key, (tried.get(chosen.key) ?? 0) + 10);
    else if (sent.body.done && chosen.view.id === caseId) return trail;
  }
  throw new Error(`not done after ${limits.steps} steps:\n${trail.join('\n')}`);
}

type Answer = { status: number; body: any; text: string };

/** A call as `user`, logging in again once when the login has expired. */
export async function call(
  client: GenericClient,
  user: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const once = async (fresh: boolean) =>
    client.api.call(method, path, { token: await client.token(user, fresh), ...(body === undefined ? {} : { body }) });
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
