import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { sendNotification, WebPushError } from 'web-push';
import { resolveVapidKeys, VapidKeys } from '@oversing/platform';
import { keyEncryptionKeyOf, WorkerConfig } from '../worker.config';

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** What a push attempt came to: delivered, gone (the push service says the subscription is dead) or failed. */
export type PushOutcome = { result: 'delivered' } | { result: 'gone' } | { result: 'failed'; error: string };

const SEND_TIMEOUT_MS = 10_000;
/** How long the push service keeps an undelivered message (an assignment is stale after a day). */
const TTL_SECONDS = 24 * 3600;

/**
 * The outside world of Web Push: encrypts the payload for the browser (RFC 8291, aes128gcm), signs the
 * VAPID JWT (RFC 8292) with the key pair the API hands to browsers, and POSTs to the subscription's
 * push service with the `web-push` library.
 */
export class WebPushSender {
  readonly vapid: VapidKeys;
  private readonly agent: Agent | undefined;

  constructor(config: WorkerConfig) {
    this.vapid = resolveVapidKeys({
      publicKey: config.VAPID_PUBLIC_KEY,
      privateKey: config.VAPID_PRIVATE_KEY,
      subject: config.VAPID_SUBJECT,
      keyEncryptionKey: keyEncryptionKeyOf(config),
      webUrl: config.PUBLIC_WEB_URL,
    });
    this.agent = config.PUSH_CA_FILE
      ? new Agent({ keepAlive: true, ca: readFileSync(config.PUSH_CA_FILE, 'utf8') })
      : undefined;
  }

  async send(target: PushTarget, payload: Record<string, unknown>): Promise<PushOutcome> {
    try {
      await sendNotification(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        JSON.stringify(payload),
        {
          vapidDetails: {
            subject: this.vapid.subject,
            publicKey: this.vapid.publicKey,
            privateKey: this.vapid.privateKey,
          },
          TTL: TTL_SECONDS,
          timeout: SEND_TIMEOUT_MS,
          ...(this.agent ? { agent: this.agent } : {}),
        },
      );
      return { result: 'delivered' };
    } catch (error) {
      if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410))
        return { result: 'gone' };
      const message =
        error instanceof WebPushError
          ? `push service answered ${error.statusCode}`
          : (error as Error).message;
      return { result: 'failed', error: message };
    }
  }
}
