import { Workbox } from 'workbox-window';

/** Registers the service worker (production builds only) and lets sign-out clear its API read cache. */
let workbox: Workbox | undefined;

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  workbox = new Workbox('/sw.js', { scope: '/' });
  void workbox.register();
}

/**
 * Calls `listener` when a service worker first takes control of this page (the first visit: the worker
 * installs while the page is already running). Reads made before that went to the network only, so the
 * caller refetches them through the worker, which keeps them for offline use.
 */
export function onFirstControl(listener: () => void): void {
  if (!('serviceWorker' in navigator) || navigator.serviceWorker.controller) return;
  navigator.serviceWorker.addEventListener('controllerchange', listener, { once: true });
}

export function clearApiCache(): void {
  if (workbox) workbox.messageSW({ type: 'CLEAR_API_CACHE' }).catch(() => undefined);
}
