import { describe, expect, it } from 'vitest';
import { realServerForSuite } from '../helpers/real-server.ts';

// Issue 13 item 9: /metrics shows business figures (open cases by workflow and state, backlog).
describe('/metrics is read only with the metrics token or by an administrator', () => {
  describe('given a server with SERVICEFRAME_METRICS_TOKEN set', () => {
    const server = realServerForSuite({ SERVICEFRAME_METRICS_TOKEN: 'scrape-secret-0123456789' });

    it('answers the configured bearer token and administrators, and nobody else', async () => {
      const s = server();
      const staff = await s.login('b1.staff');
      const admin = await s.login('admin');
      // then anonymous requests, a wrong token and a staff login are refused without figures
      const anonymous = await s.api('GET', '/metrics');
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('content-type')).toMatch(/problem\+json/);
      expect(anonymous.text).not.toMatch(/serviceframe_cases/);
      const wrong = await s.api('GET', '/metrics', { token: 'scrape-secret-0123456788' });
      expect(wrong.status).toBe(401);
      expect(wrong.text).not.toMatch(/serviceframe_/);
      const notAdmin = await s.api('GET', '/metrics', { token: staff });
      expect(notAdmin.status).toBe(403);
      expect(notAdmin.text).not.toMatch(/serviceframe_/);
      // and the token and an administrator get the figures
      const scraper = await s.api('GET', '/metrics', { token: 'scrape-secret-0123456789' });
      expect(scraper.status).toBe(200);
      expect(scraper.text).toMatch(/serviceframe_http_requests_total/);
      const byAdmin = await s.api('GET', '/metrics', { token: admin });
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.text).toMatch(/serviceframe_outbox_backlog/);
    });
  });

  describe('given a server without a metrics token', () => {
    const server = realServerForSuite({ SERVICEFRAME_METRICS_TOKEN: '' });

    it('without a token configured, only administrators read it', async () => {
      const s = server();
      expect((await s.api('GET', '/metrics')).status).toBe(401);
      expect((await s.api('GET', '/metrics', { token: 'anything' })).status).toBe(401);
      expect((await s.api('GET', '/metrics', { token: await s.login('b1.lead') })).status).toBe(403);
      expect((await s.api('GET', '/metrics', { token: await s.login('admin') })).status).toBe(200);
    });
  });
});
