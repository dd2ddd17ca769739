import { describe, expect, it } from 'vitest';
import { ticketData } from '../server/server-support.ts';
import { realServerForSuite } from '../helpers/real-server.ts';

// Issue 13 item 3: Idempotency-Key stored the whole answer for 24 h (20 comment requests of
// 1,241 bytes in all grew the database by 33.6 MB). Only what identifies the outcome is stored.
describe('Idempotency-Key keeps the outcome, not the answer', () => {
  describe('on a server of its own', () => {
    const server = realServerForSuite();

    it('stores a few bytes per key however large the answer, and rebuilds the answer on a repeat', async () => {
      const s = server();
      const staff = await s.login('b1.staff');
      const created = await s.api('POST', '/api/cases', {
        token: staff,
        body: { workflow: 'ticket', data: ticketData('Wang Fang') },
        headers: { 'idempotency-key': 'create-1' },
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      const answers: number[] = [];
      for (let i = 0; i < 20; i++) {
        const res = await s.api('POST', `/api/cases/${id}/events`, {
          token: staff,
          body: { type: 'note', expectedVersion: i + 1 },
          headers: { 'idempotency-key': `note-${i}` },
        });
        expect(res.status).toBe(200);
        answers.push(res.text.length);
      }
      expect(Math.max(...answers)).toBeGreaterThan(4000); // the answers carry the growing history
      // then what the database keeps per key is small and does not grow with the answer
      const rows = await s.rows<{ key: string; size: number }>(
        "SELECT key, length(body) AS size FROM sf_idempotency WHERE scope = 'b1.staff'",
      );
      expect(rows).toHaveLength(21);
      for (const r of rows) expect(r.size, r.key).toBeLessThan(200);
      // a repeat changes nothing and answers with the case, rebuilt
      const again = await s.api('POST', `/api/cases/${id}/events`, {
        token: staff,
        body: { type: 'note', expectedVersion: 5 },
        headers: { 'idempotency-key': 'note-4' },
      });
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toMatchObject({ id, version: 21 });
      const createdAgain = await s.api('POST', '/api/cases', {
        token: staff,
        body: { workflow: 'ticket', data: ticketData('Wang Fang') },
        headers: { 'idempotency-key': 'create-1' },
      });
      expect(createdAgain.status).toBe(201);
      expect(createdAgain.body.id).toBe(id);
      expect(createdAgain.headers.get('location')).toBe(`/api/cases/${id}`);
      expect((await s.api('GET', `/api/cases/${id}`, { token: staff })).body.version).toBe(21);
      const list = await s.api('GET', '/api/cases?workflow=ticket', { token: staff });
      expect(list.body.items.filter((c: { id: string }) => c.id === id)).toHaveLength(1);
      expect(list.body.items).toHaveLength(1);
    });
  });

  describe('on another server of its own', () => {
    const server = realServerForSuite();

    it('refuses a reused key with a different request and changes nothing', async () => {
      const s = server();
      const staff = await s.login('b1.staff');
      const first = await s.api('POST', '/api/cases', {
        token: staff,
        body: { workflow: 'ticket', data: ticketData('Li Lei') },
        headers: { 'idempotency-key': 'k-1' },
      });
      expect(first.status).toBe(201);
      const other = await s.api('POST', '/api/cases', {
        token: staff,
        body: { workflow: 'ticket', data: ticketData('Han Meimei') },
        headers: { 'idempotency-key': 'k-1' },
      });
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect((await s.api('GET', '/api/cases?workflow=ticket', { token: staff })).body.items).toHaveLength(1);
      // a small answer (a problem document) is kept and replayed as it was
      const bad = await s.api('POST', '/api/cases', {
        token: staff,
        body: { workflow: 'ticket', data: { customerName: '' } },
        headers: { 'idempotency-key': 'k-2' },
      });
      expect(bad.status).toBe(422);
      const badAgain = await s.api('POST', '/api/cases', {
        token: staff,
        body: { workflow: 'ticket', data: { customerName: '' } },
        headers: { 'idempotency-key': 'k-2' },
      });
      expect(badAgain.status).toBe(422);
      expect(badAgain.body).toEqual(bad.body);
    });
  });
});
