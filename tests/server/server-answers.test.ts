import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testServer, ticketData, type TestServer } from './server-support.ts';

let s: TestServer;
beforeEach(async () => {
  s = await testServer();
});
afterEach(async () => s.close());

describe('answers kept in memory', () => {
  it('answers each event with the case exactly as GET returns it, history as stored', async () => {
    // given a case and two users working on it in turns
    const staff = await s.login('b1.staff');
    const lead = await s.login('b1.lead');
    const created = await s.call('POST', '/api/cases', {
      token: staff,
      body: { workflow: 'ticket', data: ticketData() },
    });
    const id = created.body.id as string;
    for (let i = 0; i < 4; i++) {
      // when one of them sends an event
      const sent = await s.call('POST', `/api/cases/${id}/events`, {
        token: i % 2 ? lead : staff,
        body: { type: 'note', expectedVersion: i + 1 },
      });
      expect(sent.status).toBe(200);
      // then the answer is what GET answers that user now, and its history is the stored one
      const read = await s.call('GET', `/api/cases/${id}`, { token: i % 2 ? lead : staff });
      expect(sent.body).toEqual(read.body);
      const stored = await s.services.store.history(id);
      expect(sent.body.history).toEqual(
        stored.map((e) => ({
          seq: e.seq,
          type: e.type,
          actor: e.actor,
          actorUnit: e.actorUnit,
          at: new Date(e.at).toISOString(),
          definitionVersion: e.definitionVersion,
          data: e.data,
          from: e.from,
          to: e.to,
          effects: e.effects,
        })),
      );
      expect(sent.body.version).toBe(i + 2);
    }
  });

  it('answers structured effects as the store holds them', async () => {
    // given a ticket dispatched by the lead to b1's technician
    const staff = await s.login('b1.staff');
    const created = await s.call('POST', '/api/cases', {
      token: staff,
      body: { workflow: 'ticket', data: ticketData() },
    });
    const id = created.body.id as string;
    const sent = await s.call('POST', `/api/cases/${id}/events`, {
      token: await s.login('b1.lead'),
      body: { type: 'dispatch', data: { technician: 'b1.tech' }, expectedVersion: 1 },
    });
    expect(sent.status).toBe(200);
    // when staff read the case
    const read = await s.call('GET', `/api/cases/${id}`, { token: staff });
    // then the dispatch's effects are the structured note, as stored, not its text
    const dispatch = (read.body.history as { seq: number; effects: unknown[] }[]).find((e) => e.seq === 2)!;
    expect(dispatch.effects).toEqual([{ code: 'assigned', args: { person: 'b1.tech' }, text: 'assigned to b1.tech' }]);
    expect(dispatch.effects).toEqual((await s.services.store.history(id))[1]!.effects);
  });

  it('refuses a token at once after its logout, though it was just used', async () => {
    // given a token that has just been accepted
    const token = await s.login('b1.staff');
    expect((await s.call('GET', '/api/cases', { token })).status).toBe(200);
    // when it logs out
    expect((await s.call('POST', '/api/auth/logout', { token })).status).toBe(204);
    // then the next request with it is refused
    expect((await s.call('GET', '/api/cases', { token })).status).toBe(401);
  });
});
