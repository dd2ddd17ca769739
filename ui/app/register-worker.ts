/**
 * Registers /sw.js (served from the root, so its scope is the whole app) after the page has
 * loaded, so installing it does not compete with the first worklist. Where service workers are
 * unavailable (plain http on another host than localhost, some embedded browsers) the app works
 * as before, only without the offline shell.
 */
export async function registerShellWorker(url = '/sw.js'): Promise<ServiceWorkerRegistration | undefined> {
  if (!('serviceWorker' in navigator)) return undefined;
  if (document.readyState !== 'complete')
    await new Promise((resolve) => addEventListener('load', resolve, { once: true }));
  try {
    return await navigator.serviceWorker.register(url, { scope: '/' });
  } catch (error) {
    console.warn('serviceframe: no offline shell:', (error as Error).message);
    return undefined;
  }
}

/** The cache of API answers the worker keeps for offline reloads; emptied when a person logs out. */
export const API_CACHE = 'sf-api';

/** Forgets the API answers kept for offline use (at logout, or when another person logs in). */
export async function forgetCachedAnswers(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await caches.delete(API_CACHE).catch(() => false);
}
