import { BEFORE_UPDATE_TIMEOUT_MS, flushBeforeUpdate } from './beforeUpdate.ts';

/** How often an open app asks the server whether a new version exists. */
export const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export interface ServiceWorkerCallbacks {
  /** A new version is installed and waiting: show the prompt. */
  onNeedRefresh(): void;
  /** The first install finished: the app now works offline. */
  onOfflineReady(): void;
}

export interface ServiceWorkerControl {
  /** Saves drafts (sbd:before-update), activates the waiting version and reloads the page. */
  update(): Promise<void>;
}

let started: Promise<ServiceWorkerControl | null> | null = null;

/**
 * Registers /sw.js (built by vite-plugin-pwa, registerType 'prompt') once per page. workbox-window is
 * loaded on demand so it stays out of the first screen's bundle. Nothing happens in dev or tests.
 */
export function registerServiceWorker(callbacks: ServiceWorkerCallbacks): Promise<ServiceWorkerControl | null> {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return Promise.resolve(null);
  started ??= start(callbacks).catch((error: unknown) => {
    console.warn('Service worker registration failed', error);
    return null;
  });
  return started;
}

async function start(callbacks: ServiceWorkerCallbacks): Promise<ServiceWorkerControl> {
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox('/sw.js', { scope: '/', type: 'classic' });
  let reloading = false;
  // Another tab already switched to the new version: this page runs old code, a reload fixes it.
  let alreadyActive = false;

  // Fires for a worker that was installed while this page ran and for one already waiting at load.
  wb.addEventListener('waiting', () => callbacks.onNeedRefresh());
  wb.addEventListener('activated', (event) => {
    if (!event.isUpdate && !event.isExternal) callbacks.onOfflineReady();
  });
  // Only a click on "Cập nhật" makes the new worker take control; reload then, never before.
  wb.addEventListener('controlling', () => {
    if (reloading) {
      window.location.reload();
    } else {
      alreadyActive = true;
      callbacks.onNeedRefresh();
    }
  });

  const registration = await wb.register();

  const check = () => {
    if (navigator.onLine === false || !registration) return;
    registration.update().catch(() => {
      // Offline or the server is down: try again at the next check.
    });
  };
  setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });

  return {
    async update() {
      await flushBeforeUpdate();
      reloading = true;
      if (alreadyActive) {
        window.location.reload();
        return;
      }
      wb.messageSkipWaiting();
      // If 'controlling' never comes (another tab already activated it), reload anyway.
      setTimeout(() => window.location.reload(), BEFORE_UPDATE_TIMEOUT_MS);
    },
  };
}
