/**
 * The browser's push APIs the toggle needs (Notification permission, the service worker's
 * PushManager), in one small interface so the toggle works the same wherever they exist.
 */
export interface PushPlatform {
  supported(): boolean;
  permission(): NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  current(): Promise<PushSubscription | null>;
  subscribe(applicationServerKey: Uint8Array<ArrayBuffer>): Promise<PushSubscription>;
}

export const browserPushPlatform: PushPlatform = {
  supported: () =>
    typeof window !== 'undefined' &&
    'Notification' in window &&
    'PushManager' in window &&
    'serviceWorker' in navigator,
  permission: () => Notification.permission,
  requestPermission: () => Notification.requestPermission(),
  current: async () => (await navigator.serviceWorker.ready).pushManager.getSubscription(),
  subscribe: async (applicationServerKey) =>
    (await navigator.serviceWorker.ready).pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey,
    }),
};

/** base64url → bytes, for PushManager.subscribe's applicationServerKey. */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(value.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
