import { deliverOutbox, type ChannelRegistry } from '../engine/notify/index.ts';
import type { Services } from './services.ts';

/**
 * Fires due timers through the engine (the same road as every event) and delivers the outbox, on
 * an interval. Each tick waits for the previous one; `stop` resolves when the last tick is done.
 */
export function startScheduler(services: Services, channels: ChannelRegistry, options: { intervalMs?: number } = {}) {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = async () => {
    try {
      const fired = await services.engine.fireDueTimers(services.clock.now());
      if (fired) services.log('info', 'timers fired', { fired });
      const report = await deliverOutbox(services.store, channels, services.clock.now());
      if (report.sent.length || report.failed.length) services.log('info', 'outbox delivered', { sent: report.sent.length, failed: report.failed.length });
    } catch (e) {
      services.log('error', 'scheduler tick failed', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  };
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(tick);
  }, options.intervalMs ?? 1000);
  timer.unref();
  running = running.then(tick);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
