// The staff app's service worker (dist/ui/sw.js, served at /sw.js): it keeps the app shell, so a
// reload without network shows the app — the header, the worklist and cases as last read, the
// drafts and the queued work, which live in IndexedDB (ui/offline) and need no worker. It queues
// nothing itself: a POST goes to the network, and when that fails the page's idb outbox keeps it,
// as before (one queue). Built by ui/build.mjs as a plain script, with the shell's file list and a
// version derived from those files' names, so every build with other chunks installs anew.

declare const SHELL_FILES: readonly string[];
declare const SHELL_VERSION: string;

// The DOM library the project compiles against has no worker types; these are the few used here.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}

const scope = self as unknown as WorkerScope;
const SHELL = `sf-shell-${SHELL_VERSION}`;
/** Chunks not in the shell (pages opened later), kept once fetched: their names never change content. */
const CHUNKS = 'sf-chunks';
/** GET answers of the API as last read, for offline reloads; the page empties it at logout. */
const API = 'sf-api';

scope.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll([...SHELL_FILES]))
      .then(() => scope.skipWaiting()),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith('sf-shell-') && n !== SHELL).map((n) => caches.delete(n))),
      )
      .then(() => scope.clients.claim()),
  );
});

scope.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== scope.location.origin) return;
  if (url.pathname === '/api/stream' || url.pathname === '/sw.js') return;
  if (url.pathname.startsWith('/ui/chunks/')) return event.respondWith(cacheFirst(request));
  if (url.pathname.startsWith('/api/'))
    return event.respondWith(
      networkFirst(request, API, (res) => (res.headers.get('content-type') ?? '').includes('json')),
    );
  // The page itself (any hash route is the same request), the app's entry, the favicon: fresh when online.
  if (url.pathname === '/')
    return event.respondWith(
      networkFirst(request, SHELL, (res) => res.headers.get('content-type')?.startsWith('text/html') === true, '/'),
    );
  if (url.pathname.startsWith('/ui/') || url.pathname === '/favicon.ico')
    return event.respondWith(networkFirst(request, SHELL, () => true));
});

async function cacheFirst(request: Request): Promise<Response> {
  const hit = await caches.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) await (await caches.open(CHUNKS)).put(request, res.clone());
  return res;
}

/**
 * The network's answer, kept for later; the kept one when the network fails (or, for the page,
 * the kept shell under `fallback`). A failure with nothing kept is passed on, so the page sees the
 * network error it would have seen without a worker.
 */
async function networkFirst(
  request: Request,
  cacheName: string,
  keep: (res: Response) => boolean,
  fallback?: string,
): Promise<Response> {
  try {
    const res = await fetch(request);
    if (res.status === 200 && keep(res)) await (await caches.open(cacheName)).put(fallback ?? request, res.clone());
    return res;
  } catch (error) {
    const hit =
      (await caches.match(request, { ignoreVary: true })) ?? (fallback ? await caches.match(fallback) : undefined);
    if (hit) return hit;
    throw error;
  }
}
