import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of `message` under `secret`, hex encoded (every Pusher signature has this form). */
export function hmacSha256Hex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

export function md5Hex(body: string | Buffer): string {
  return createHash('md5').update(body).digest('hex');
}

/** Compares two strings in time independent of where they differ (lengths are not secret). */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

/** The string signed for a private or presence subscription: `socket_id:channel[:channel_data]`. */
export function channelAuthMessage(socketId: string, channel: string, channelData?: string): string {
  return channelData === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${channelData}`;
}

/** The `auth` value pusher-js sends on subscribe: `key:hex(hmac(secret, socket_id:channel[:data]))`. */
export function signChannelAuth(
  app: { key: string; secret: string },
  socketId: string,
  channel: string,
  channelData?: string,
): string {
  return `${app.key}:${hmacSha256Hex(app.secret, channelAuthMessage(socketId, channel, channelData))}`;
}

/** Verifies an `auth` value from a subscribe message in constant time. */
export function verifyChannelAuth(
  app: { key: string; secret: string },
  auth: string,
  socketId: string,
  channel: string,
  channelData?: string,
): boolean {
  return constantTimeEqual(auth, signChannelAuth(app, socketId, channel, channelData));
}

/** The `auth` value for `pusher:signin`: signs `socket_id::user::user_data`. */
export function signUserAuth(
  app: { key: string; secret: string },
  socketId: string,
  userData: string,
): string {
  return `${app.key}:${hmacSha256Hex(app.secret, `${socketId}::user::${userData}`)}`;
}

export function verifyUserAuth(
  app: { key: string; secret: string },
  auth: string,
  socketId: string,
  userData: string,
): boolean {
  return constantTimeEqual(auth, signUserAuth(app, socketId, userData));
}

/** `X-Pusher-Signature` of a webhook: hex(hmac(secret, body)). */
export function signWebhook(secret: string, body: string): string {
  return hmacSha256Hex(secret, body);
}

export function verifyWebhook(secret: string, body: string, signature: string): boolean {
  return constantTimeEqual(signature, signWebhook(secret, body));
}
