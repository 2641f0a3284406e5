/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { API_READS_CACHE } from '@/lib/pwa/cache-names';

/**
 * The service worker: the app shell precached (every built asset, index.html for every route), API and
 * config reads network-first with a cached fallback for offline use, and Background Sync handed to the
 * open page, which holds the access token and replays the offline queue in order.
 */
declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

const API_CACHE = API_READS_CACHE;
const SYNC_TAG = 'oversing-offline-queue';

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/auth\/callback/] }),
);

registerRoute(
  ({ request, url }) =>
    request.method === 'GET' &&
    (url.pathname.startsWith('/api/v1/') || url.pathname === '/web-config.json') &&
    !url.pathname.startsWith('/api/v1/broadcasting'),
  new NetworkFirst({ cacheName: API_CACHE, networkTimeoutSeconds: 5 }),
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data = event.data as { type?: string } | undefined;
  if (data?.type === 'SKIP_WAITING') void self.skipWaiting();
  if (data?.type === 'CLEAR_API_CACHE') event.waitUntil(caches.delete(API_CACHE));
});

self.addEventListener('sync', (event: Event) => {
  const e = event as ExtendableEvent & { tag: string };
  if (e.tag !== SYNC_TAG) return;
  e.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((windows) => {
      for (const w of windows) w.postMessage({ type: 'replay-offline-queue' });
    }),
  );
});

/** Web Push from the API (apps/api/src/notifications/notification-recipients.ts): {type, title, body, url, tag, task_id}. */
self.addEventListener('push', (event: PushEvent) => {
  let message: { title?: string; body?: string; url?: string; tag?: string } = {};
  try {
    message = (event.data?.json() ?? {}) as typeof message;
  } catch {
    message = { body: event.data?.text() };
  }
  event.waitUntil(
    self.registration.showNotification(message.title ?? 'Oversing', {
      body: message.body,
      tag: message.tag,
      icon: '/icons/icon-192.png',
      data: { url: message.url ?? '/' },
    }),
  );
});

/** A click focuses an open window on the task (or opens one). */
self.addEventListener('notificationclick', (event: NotificationEvent) => {
  event.notification.close();
  const path = (event.notification.data as { url?: string } | null)?.url ?? '/';
  const target = new URL(path, self.location.origin);
  if (target.origin !== self.location.origin) return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(async (windows) => {
      const open = windows.find((w) => new URL(w.url).origin === target.origin);
      if (open) {
        await open.focus();
        await open.navigate(target.href);
        return;
      }
      await self.clients.openWindow(target.href);
    }),
  );
});

void self.skipWaiting();
clientsClaim();
