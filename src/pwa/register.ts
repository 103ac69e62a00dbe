/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Registers the service worker (src/sw.ts) through vite-plugin-pwa's `virtual:pwa-register` (workbox-window)
 * in 'prompt' mode: a new version is downloaded in the background, then the update banner asks the user to
 * reload; only their click lets it take over. Also tracks the network and asks for persistent storage.
 */
import { registerSW } from 'virtual:pwa-register';
import { setApplyUpdate, setPwaState } from './pwa-state';

/** How often an open page asks the server for a new version (the browser also checks on each navigation). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;
/** How long to wait for the new version to take over before reloading anyway. */
const FALLBACK_RELOAD_MS = 5000;
/** Remembers where we asked for persistent storage: once in a browser tab, once more when installed. */
const PERSIST_ASKED_KEY = 'pg-storage-persist-asked';

export function startPwa(): void {
  watchConnection();
  if (!('serviceWorker' in navigator)) return;
  // A page opened by an installed service worker has the whole app cached already.
  if (navigator.serviceWorker.controller) setPwaState({ offlineReady: true });
  let registration: ServiceWorkerRegistration | undefined;
  const checkForUpdate = (): void => {
    if (registration && navigator.onLine && !registration.installing) void registration.update().catch(noop);
  };
  const updateServiceWorker = registerSW({
    onNeedRefresh: () => setPwaState({ updateReady: true }),
    onOfflineReady: () => setPwaState({ offlineReady: true }),
    onRegisteredSW: (_url, found) => {
      registration = found;
      setInterval(checkForUpdate, UPDATE_CHECK_MS);
      window.addEventListener('online', checkForUpdate);
    },
    // Not fatal: the app still works online. A warning, not an error (no service worker in some contexts).
    onRegisterError: (error: unknown) => console.warn('The service worker could not be registered:', error),
  });
  setApplyUpdate(async () => {
    // Tells the waiting worker to skip waiting; virtual:pwa-register reloads the page once it controls it.
    await updateServiceWorker(true);
    // Should that reload not come (another tab let the new version in first), reload here, but never while
    // a version still waits: the page would come back as the old one.
    await new Promise((resolve) => setTimeout(resolve, FALLBACK_RELOAD_MS));
    if (!registration?.waiting) location.reload();
  });
  void askPersistentStorage();
}

function noop(): void {}

function watchConnection(): void {
  const update = (): void => setPwaState({ online: navigator.onLine });
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  update();
}

function displayMode(): 'standalone' | 'browser' {
  return window.matchMedia('(display-mode: standalone)').matches ? 'standalone' : 'browser';
}

/**
 * Checkpoints live in IndexedDB, which a browser may clear when the disk runs low unless the site's storage
 * is persistent. Asks once per display mode (browsers tend to grant it to installed apps); a refusal is normal.
 */
async function askPersistentStorage(): Promise<void> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.persist || !storage.persisted) return;
  try {
    if (await storage.persisted()) {
      setPwaState({ storagePersisted: true });
      return;
    }
    const mode = displayMode();
    const asked = localStorage.getItem(PERSIST_ASKED_KEY)?.split(',') ?? [];
    if (asked.includes(mode)) {
      setPwaState({ storagePersisted: false });
      return;
    }
    localStorage.setItem(PERSIST_ASKED_KEY, [...asked, mode].join(','));
    setPwaState({ storagePersisted: await storage.persist() });
  } catch {
    setPwaState({ storagePersisted: false });
  }
}
