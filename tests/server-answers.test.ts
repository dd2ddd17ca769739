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
    const created = await s.call('POST', '/api/cases', { token: staff, body: { workflow: 'ticket', data: ticketData() } });
    const id = created.body.id as string;
    for (let i = 0; i < 4; i++) {
      // when one of them sends an event
      const sent = await s.call('POST', `/api/cases/${id}/events`, { token: i % 2 ? lead : staff, body: { type: 'note', expectedVersion: i + 1 } });
      expect(sent.status).toBe(200);
      // then the answer is what GET answers that user now, and its history is the stored one
      const read = await s.call('GET', `/api/cases/${id}`, { token: i % 2 ? lead : staff });
      expect(sent.body).toEqual(read.body);
      const stored = await s.services.store.history(id);
      expect(sent.body.history).toEqual(
        stored.map((e) => ({ seq: e.seq, type: e.type, actor: e.actor, actorUnit: e.actorUnit, at: new Date(e.at).toISOString(), definitionVersion: e.definitionVersion, data: e.data, from: e.from, to: e.to, effects: e.effects })),
      );
      expect(sent.body.version).toBe(i + 2);
    }
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
