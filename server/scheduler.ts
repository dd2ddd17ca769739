import { deliverOutbox, type ChannelRegistry } from '../engine/notify/index.ts';
import { runSchedules } from '../engine/schedules/index.ts';
import { HOUSEKEEPING_EVERY_MS, housekeeping } from './housekeeping.ts';
import type { Services } from './services.ts';

/**
 * Fires due timers and due schedule runs (Schedule definitions of the current version) through the
 * engine (the same road as every event), deletes expired sessions and old Idempotency-Keys once an
 * hour (housekeeping.ts) and delivers the outbox, on an interval. The steps
 * fail apart: a schedule that keeps failing does not hold up timers or notifications. Each tick
 * waits for the previous one; `stop` resolves when the last tick is done.
 */
export function startScheduler(services: Services, channels: ChannelRegistry, options: { intervalMs?: number } = {}) {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let lastHousekeeping = -Infinity;
  let ticks = 0;
  const step = async (name: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (e) {
      services.log('error', `scheduler ${name} failed`, {
        error: e instanceof Error ? (e.stack ?? e.message) : String(e),
      });
    }
  };
  const tick = async () => {
    await step('timers', async () => {
      const fired = await services.engine.fireDueTimers(services.clock.now());
      if (fired) services.log('info', 'timers fired', { fired });
    });
    await step('schedules', async () => {
      const runs = await runSchedules(
        services.engine,
        services.registry.current(),
        services.store,
        services.clock.now(),
      );
      for (const run of runs) {
        if (run.error)
          services.log('error', 'schedule run refused', {
            schedule: run.schedule,
            period: run.period,
            unit: run.unit,
            error: run.error,
          });
      }
      if (runs.length)
        services.log('info', 'schedule runs', { runs: runs.length, cases: runs.filter((r) => r.caseId).length });
    });
    await step('housekeeping', async () => {
      const now = services.clock.now();
      if (now - lastHousekeeping < HOUSEKEEPING_EVERY_MS) return;
      lastHousekeeping = now;
      const report = await housekeeping(services, now);
      if (report.sessions || report.idempotencyKeys) services.log('info', 'housekeeping', { ...report });
    });
    await step('outbox', async () => {
      const report = await deliverOutbox(services.store, channels, services.clock.now());
      if (report.sent.length || report.failed.length)
        services.log('info', 'outbox delivered', { sent: report.sent.length, failed: report.failed.length });
    });
    ticks++;
  };
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(tick);
  }, options.intervalMs ?? 1000);
  timer.unref();
  running = running.then(tick);
  return {
    /** Ticks completed so far: a test that asserts nothing more happens waits for ticks, not for time. */
    ticks: () => ticks,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
