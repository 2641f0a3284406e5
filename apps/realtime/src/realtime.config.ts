import { z } from 'zod';
import { env, tlsSchema } from '@oversing/platform';

const base = z.object({
  NODE_ENV: env.nodeEnv(),
  PORT: env.port(6001),
  /** wins over PORT, so `npm start` (one environment for every process) can move the realtime server */
  REALTIME_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: env.logLevel(),
  /** the primary database, where `realtime_apps` lives */
  DATABASE_URL: env.postgresUrl('postgres://postgres@127.0.0.1:5432/oversing'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(4),
  REDIS_URL: env.redisUrl('redis://127.0.0.1:6379'),
  /** prefix of every Redis key and of the pub/sub bus; nodes of one cluster share it */
  REDIS_PREFIX: z.string().min(1).default('rt:'),
  /** 32-byte key (base64) that encrypted the app secrets (the API's KEY_ENCRYPTION_KEY) */
  KEY_ENCRYPTION_KEY: z.string().optional(),
  ACTIVITY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  PONG_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  MAX_MESSAGE_BYTES: z.coerce.number().int().min(256).max(1_048_576).default(10_240),
  APPS_REFRESH_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  /** how long shutdown waits for sockets to close after telling clients to reconnect (4200) */
  DRAIN_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  /** channels one connection may subscribe to (one more: pusher:error 4300) */
  MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).max(10_000).default(100),
  /** unsent bytes a socket may hold before the slow consumer is closed with 4100 */
  MAX_BUFFERED_BYTES: z.coerce.number().int().min(16_384).max(268_435_456).default(1_048_576),
  /** CIDRs app webhooks may reach although not public (development, tests). */
  OUTBOUND_ALLOWLIST: env.addressAllowlist(),
  /** delay before channel_vacated and member_removed webhooks, absorbing reconnects */
  WEBHOOK_DELAY_SECONDS: z.coerce.number().min(0).max(60).default(3),
  WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  /** first retry delay; doubles on each attempt */
  WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** browser origins allowed to call the HTTP API (normally none: it is server to server) */
  CORS_ORIGINS: env.list(''),
  TRUST_PROXY: env.bool(false),
});

export const realtimeConfigSchema = base.and(tlsSchema).superRefine((value, ctx) => {
  if (value.NODE_ENV === 'production' && !value.KEY_ENCRYPTION_KEY) {
    ctx.addIssue({ code: 'custom', path: ['KEY_ENCRYPTION_KEY'], message: 'is required in production' });
  }
  if (value.KEY_ENCRYPTION_KEY && Buffer.from(value.KEY_ENCRYPTION_KEY, 'base64').length !== 32) {
    ctx.addIssue({
      code: 'custom',
      path: ['KEY_ENCRYPTION_KEY'],
      message: 'must be 32 bytes encoded as base64',
    });
  }
});

export type RealtimeConfig = z.infer<typeof realtimeConfigSchema> & { keyEncryptionKey: Buffer };

/** The API's development-only key-encryption key, so both read the seeded demo app's secret. */
const DEV_KEK = Buffer.alloc(32, 7).toString('base64');

export function resolveRealtimeConfig(parsed: z.infer<typeof realtimeConfigSchema>): RealtimeConfig {
  return {
    ...parsed,
    PORT: parsed.REALTIME_PORT ?? parsed.PORT,
    keyEncryptionKey: Buffer.from(parsed.KEY_ENCRYPTION_KEY ?? DEV_KEK, 'base64'),
  };
}

export const REALTIME_CONFIG = Symbol('REALTIME_CONFIG');
