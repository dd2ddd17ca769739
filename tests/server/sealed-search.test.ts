// covers: TND-7
// Issue 13, item 1: a search must answer exactly as if sealed bids did not exist — its items, its
// `next` cursor and the page behind it — so that nobody recovers a bid by probing the search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listening } from '../helpers/listening-server.ts';
import { testServer, ticketData, type TestServer } from './server-support.ts';

let t: TestServer;
let http: Listening;
let staff: string;
let manager: string;
let bidCase: string;

beforeAll(async () => {
  t = await testServer();
  http = await listen(t);
  staff = await t.login('b1.staff');
  manager = await t.login('hq.mgr');
  // given an older, ordinary case whose data holds both probe values, so every probe finds it …
  const decoy = await http.call('POST', '/api/cases', {
    token: staff,
    body: { workflow: 'ticket', data: ticketData('Decoy 987654 111111 Sealedcorp Othercorp') },
  });
  expect(decoy.status, decoy.text).toBe(201);
  t.clock.advance(60_000);
  // … and a newer tender whose sealed bid holds one of them
  const started = await http.call('POST', '/api/cases', { token: staff, body: { workflow: 'bidding', data: {} } });
  expect(started.status, started.text).toBe(201);
  bidCase = started.body.id;
  t.clock.advance(60_000);
  const bid = await http.call('POST', `/api/cases/${bidCase}/events`, {
    token: staff,
    body: { type: 'submit-bid', data: { price: 987654, bidder: 'Sealedcorp' } },
  });
  expect(bid.status, bid.text).toBe(200);
});
afterAll(async () => {
  await http.close();
  await t.close();
});

const probe = (token: string, q: string, extra = '') =>
  http.call('GET', `/api/cases?q=${encodeURIComponent(q)}&limit=1${extra}`, { token });

describe('search over sealed bids (TND-7)', () => {
  it('answers a probe that matches a sealed bid exactly as one that matches nothing sealed', async () => {
    for (const token of [staff, manager]) {
      for (const [inBid, elsewhere] of [
        ['987654', '111111'],
        ['sealedcorp', 'othercorp'],
        ['9876', '1111'],
        ['98765', '11111'],
      ]) {
        const a = await probe(token, inBid!);
        const b = await probe(token, elsewhere!);
        expect(a.status).toBe(200);
        // the same items and no cursor: no empty page with a `next`, no page behind it
        expect(a.body, `q=${inBid}`).toEqual(b.body);
        expect(a.body.next).toBeNull();
        expect(a.body.items.map((i: { workflow: string }) => i.workflow)).toEqual(['ticket']);
      }
    }
  });

  it('keeps sealed data out of the store index itself', async () => {
    const page = await t.services.store.listCases({ text: '987654', limit: 10 });
    expect(page.items.map((c) => c.workflow)).toEqual(['ticket']);
  });

  it('finds the bid by its content once the bids are opened', async () => {
    const opened = await http.call('POST', `/api/cases/${bidCase}/events`, {
      token: manager,
      body: { type: 'open-bids' },
    });
    expect(opened.status, opened.text).toBe(200);
    const found = await probe(manager, '987654', '&workflow=bidding');
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([bidCase]);
  });
});
