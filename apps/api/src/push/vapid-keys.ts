import { resolveVapidKeys } from '@oversing/platform';
import type { VapidKeys } from '@oversing/platform';
import type { ApiConfig } from '../api.config';

export type { VapidKeys };

/** The VAPID key pair (shared with the worker, which signs the pushes with it). */
export const VAPID_KEYS = Symbol('VAPID_KEYS');

export function vapidKeysOf(config: ApiConfig): VapidKeys {
  return resolveVapidKeys({
    publicKey: config.VAPID_PUBLIC_KEY,
    privateKey: config.VAPID_PRIVATE_KEY,
    subject: config.VAPID_SUBJECT,
    keyEncryptionKey: config.keyEncryptionKey,
    webUrl: config.PUBLIC_WEB_URL,
  });
}
