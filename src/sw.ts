/// <reference lib="webworker" />
/**
 * The service worker: Workbox precaches every file of the build (the list is injected at build time by
 * vite-plugin-pwa, see vite.config.ts) and answers every navigation with the cached app shell, so all routes
 * work offline. A new version installs in the background and waits until the page asks it to take over
 * (the user clicked Reload in the update banner): never a silent swap mid-training.
 */
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | PrecacheEntry)[];
};

// Hosts that answer `Vary: Origin` (vite preview does) do not make precached module scripts miss: the requests
// Workbox stores and looks up carry no Origin header (the browser adds it after the service worker). Checked
// in Chromium against vite preview and in e2e/pwa.spec.ts with a server that sends `Vary: Origin`, then goes
// down; so no `ignoreVary` is needed.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first install takes over the open page at once, so it keeps working if the network goes before a
// reload. An update activates only after the user's go-ahead (below), and the page then reloads.
clientsClaim();

// Routes are hash routes (#/arena, #/share/<payload>), so a navigation is almost always to '/'; any other
// path, typed or from an old link, also gets the shell. bench.html is a developer page and is not cached.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/\/bench\.html(\?|$)/] }),
);

// workbox-window's messageSkipWaiting() (virtual:pwa-register's updateServiceWorker) sends this.
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING') {
    void self.skipWaiting();
  }
});
