/** Pusher Channels protocol 7: error codes sent in `pusher:error` and as WebSocket close codes. */
export const PusherErrorCode = {
  /** 4000-4099: do not reconnect */
  SSL_ONLY: 4000,
  APP_NOT_FOUND: 4001,
  APP_DISABLED: 4003,
  OVER_CONNECTION_QUOTA: 4004,
  PATH_NOT_FOUND: 4005,
  INVALID_VERSION: 4006,
  UNSUPPORTED_PROTOCOL: 4007,
  NO_PROTOCOL: 4008,
  UNAUTHORIZED: 4009,
  /** 4100-4199: reconnect after backing off */
  OVER_CAPACITY: 4100,
  /** 4200-4299: reconnect immediately */
  GENERIC_RECONNECT: 4200,
  PONG_NOT_RECEIVED: 4201,
  CLOSED_AFTER_INACTIVITY: 4202,
  /** 4300-4399: other errors (the connection stays open) */
  CLIENT_EVENT_RATE_LIMIT: 4301,
  GENERIC: 4300,
} as const;

export type ChannelType =
  | 'public'
  | 'private'
  | 'presence'
  | 'private-encrypted'
  | 'cache'
  | 'private-cache'
  | 'presence-cache'
  | 'private-encrypted-cache';

/** Valid channel names per the Pusher spec: up to 164 characters of [A-Za-z0-9_\-=@,.;]. */
export const CHANNEL_NAME_PATTERN = /^[A-Za-z0-9_\-=@,.;]{1,164}$/;

export function isValidChannelName(name: unknown): name is string {
  return typeof name === 'string' && CHANNEL_NAME_PATTERN.test(name) && !name.startsWith('#');
}

export function channelTypeOf(name: string): ChannelType {
  if (name.startsWith('private-encrypted-cache-')) return 'private-encrypted-cache';
  if (name.startsWith('private-encrypted-')) return 'private-encrypted';
  if (name.startsWith('private-cache-')) return 'private-cache';
  if (name.startsWith('presence-cache-')) return 'presence-cache';
  if (name.startsWith('cache-')) return 'cache';
  if (name.startsWith('private-')) return 'private';
  if (name.startsWith('presence-')) return 'presence';
  return 'public';
}

export function isPresenceChannel(name: string): boolean {
  return name.startsWith('presence-');
}

/** Private, presence and encrypted channels need a signature from the app's auth endpoint. */
export function requiresAuth(name: string): boolean {
  return name.startsWith('private-') || name.startsWith('presence-');
}

export function isCacheChannel(name: string): boolean {
  return channelTypeOf(name).endsWith('cache');
}

export function isEncryptedChannel(name: string): boolean {
  return name.startsWith('private-encrypted-');
}
