import { describe, expect, it, vi } from 'vitest';
import { realServerForSuite, type RealServer } from '../helpers/real-server.ts';

/** Opens GET /api/stream and waits for its `ready` event; the status when it is refused instead. */
async function openStream(s: RealServer, token: string): Promise<{ status: number; close: () => void; body: string }> {
  const controller = new AbortController();
  const res = await fetch(`${s.server.url}/api/stream`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  if (res.status !== 200) return { status: res.status, close: () => controller.abort(), body: await res.text() };
  const reader = res.body!.getReader();
  let text = '';
  while (!text.includes('event: ready')) {
    const r = await reader.read();
    if (r.done) break;
    text += new TextDecoder().decode(r.value);
  }
  return { status: 200, close: () => controller.abort(), body: text };
}

/**
 * Retries `attempt` until it gives 200 (a stream released on the server side is counted off when its
 * abort arrives): by a deadline in time, which a busy machine does not run out of as it could a
 * number of tries.
 */
function eventually(attempt: () => Promise<{ status: number; close: () => void }>) {
  return vi.waitFor(
    async () => {
      const r = await attempt();
      if (r.status === 200) return r;
      r.close();
      throw new Error(`still refused: ${r.status}`);
    },
    { timeout: 15_000, interval: 10 },
  );
}

// Issue 13 item 3: 300 event streams from one user were all accepted, and each case change then
// cost 100 ms of CPU.
describe('event streams are capped per user and per address', () => {
  describe('on a server with the default allowances', () => {
    const server = realServerForSuite();

    it('refuses a sixth stream of one user with 429, and accepts one again when another closes', async () => {
      const s = server();
      const staff = await s.login('b1.staff');
      const open = [];
      for (let i = 0; i < 5; i++) {
        const stream = await openStream(s, staff);
        expect(stream.status, `stream ${i + 1}`).toBe(200);
        open.push(stream);
      }
      const refused = await openStream(s, staff);
      expect(refused.status).toBe(429);
      expect(JSON.parse(refused.body)).toMatchObject({ code: 'TOO_MANY_STREAMS', status: 429 });
      // another user is not affected
      const lead = await openStream(s, await s.login('b1.lead'));
      expect(lead.status).toBe(200);
      open.push(lead);
      // when one closes, the user may open one again
      open[0]!.close();
      open.push(await eventually(() => openStream(s, staff)));
      for (const o of open) o.close();
    });
  });

  describe('on a server allowing three streams per address', () => {
    const server = realServerForSuite({ SERVICEFRAME_STREAMS_PER_ADDRESS: '3' });

    it('refuses streams beyond the per-address allowance whoever opens them', async () => {
      const s = server();
      const open = [];
      for (const user of ['b1.staff', 'b1.lead', 'b1.tech']) {
        const stream = await openStream(s, await s.login(user));
        expect(stream.status, user).toBe(200);
        open.push(stream);
      }
      const refused = await openStream(s, await s.login('admin'));
      expect(refused.status).toBe(429);
      // the address's allowance, said in the reader's language (zh-CN unless asked otherwise)
      expect(JSON.parse(refused.body).detail).toMatch(/address|地址/);
      for (const o of open) o.close();
    });
  });
});
