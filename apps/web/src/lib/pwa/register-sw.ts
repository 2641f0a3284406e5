import { Workbox } from 'workbox-window';

/** Registers the service worker (production builds only) and lets sign-out clear its API read cache. */
let workbox: Workbox | undefined;

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  workbox = new Workbox('/sw.js', { scope: '/' });
  void workbox.register();
}

export function clearApiCache(): void {
  if (workbox) workbox.messageSW({ type: 'CLEAR_API_CACHE' }).catch(() => undefined);
}
