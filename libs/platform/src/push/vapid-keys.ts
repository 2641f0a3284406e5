import { createECDH, hkdfSync } from 'node:crypto';

export interface VapidKeys {
  /** Uncompressed P-256 public key, base64url (what PushManager.subscribe takes as applicationServerKey). */
  publicKey: string;
  /** P-256 private scalar, base64url. */
  privateKey: string;
  /** `mailto:` or `https:` contact the push services may use. */
  subject: string;
}

/**
 * The VAPID key pair (RFC 8292). Production sets VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY / VAPID_SUBJECT
 * (the config refuses to boot without them). Elsewhere the pair is derived deterministically from
 * KEY_ENCRYPTION_KEY with HKDF-SHA256, so every API and worker process and every restart agree on it without
 * storing anything; with the development KEK that key is public, which is fine for development only.
 */
export function resolveVapidKeys(options: {
  publicKey?: string;
  privateKey?: string;
  subject?: string;
  keyEncryptionKey: Buffer;
  webUrl: string;
}): VapidKeys {
  const subject = options.subject ?? defaultSubject(options.webUrl);
  if (options.publicKey && options.privateKey)
    return { publicKey: options.publicKey, privateKey: options.privateKey, subject };
  for (let counter = 0; ; counter++) {
    const seed = Buffer.from(
      hkdfSync('sha256', options.keyEncryptionKey, Buffer.alloc(0), `oversing vapid ${counter}`, 32),
    );
    const ecdh = createECDH('prime256v1');
    try {
      ecdh.setPrivateKey(seed); // rejects the (astronomically unlikely) scalars outside [1, n-1]
    } catch {
      continue;
    }
    return {
      publicKey: ecdh.getPublicKey().toString('base64url'),
      privateKey: seed.toString('base64url'),
      subject,
    };
  }
}

/** web-push accepts only mailto: or https: subjects; a development web URL is usually http. */
function defaultSubject(webUrl: string): string {
  return webUrl.startsWith('https://') ? webUrl : 'mailto:push@oversing.invalid';
}
