import { z } from 'zod';
import { DEVELOPMENT_INTERNAL_CLIENT_SECRET, env, INTERNAL_CLIENT_ID, tlsSchema } from '@oversing/platform';

/** The demo realtime app's secret (seeded outside production); public, so refused in production. */
export const DEMO_REALTIME_APP_SECRET = 'oversing-demo-secret';

const base = z.object({
  NODE_ENV: env.nodeEnv(),
  PORT: env.port(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: env.logLevel(),
  DATABASE_URL: env.postgresUrl('postgres://postgres@127.0.0.1:5432/oversing'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  REDIS_URL: env.redisUrl('redis://127.0.0.1:6379'),
  /** The public origin of the API; also the OAuth issuer unless OAUTH_ISSUER is set. */
  PUBLIC_API_URL: env.url('http://localhost:3000'),
  OAUTH_ISSUER: z.string().url('must be a URL').optional(),
  /** Resource indicator (audience) of the API and of the certification service. */
  API_AUDIENCE: z.string().default('urn:oversing:api'),
  CERTIFICATION_AUDIENCE: z.string().default('urn:oversing:certification'),
  PUBLIC_CERTIFICATION_URL: env.url('http://localhost:3100'),
  /** Internal URL of the certification service (workflow certification guard); default the public one. */
  CERTIFICATION_URL: z.string().url('must be a URL').optional(),
  /** OAuth client (client credentials, certifications:read) the API uses to ask the certification service. */
  CERTIFICATION_CLIENT_ID: z.string().optional(),
  CERTIFICATION_CLIENT_SECRET: z.string().optional(),
  /** Secret of the internal service client `oversing-internal` that the demo seed creates (development). */
  INTERNAL_CLIENT_SECRET: z.string().min(24, 'must be at least 24 characters').optional(),
  PUBLIC_REALTIME_HOST: z.string().default('localhost'),
  PUBLIC_REALTIME_PORT: env.port(6001),
  PUBLIC_REALTIME_SCHEME: z.enum(['ws', 'wss']).default('ws'),
  REALTIME_APP_KEY: z.string().default('oversing-demo-key'),
  /** Where the API publishes events (the realtime server's Pusher HTTP API) and the app it signs as. */
  REALTIME_URL: env.url('http://127.0.0.1:6001'),
  REALTIME_APP_ID: z.string().default('oversing'),
  REALTIME_APP_SECRET: z.string().min(8).default(DEMO_REALTIME_APP_SECRET),
  PUBLIC_WEB_URL: env.url('http://localhost:4173'),
  CORS_ORIGINS: env.list('http://localhost:4173,http://127.0.0.1:4173'),
  /** 32-byte key (base64) encrypting signing keys and TOTP secrets at rest. */
  KEY_ENCRYPTION_KEY: z.string().optional(),
  COOKIE_SECRET: z.string().optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86400).default(600),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(14 * 24 * 3600),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(100),
  /** How often pending automatic certification requests are retried (0 turns the repeatable sweep off). */
  CERTIFICATION_REQUEST_SWEEP_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  /** How often the API reads the certification service's status feed (ms; 0 turns the poll off). */
  CERTIFICATION_FEED_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** Requests per minute and client IP to the token, revocation and introspection endpoints. */
  TOKEN_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** First delay after LOGIN_MAX_FAILURES attempts of one account from one IP; it doubles each attempt. */
  LOGIN_BACKOFF_BASE_SECONDS: z.coerce.number().min(0.001).max(3600).default(30),
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).default(900),
  TRUST_PROXY: env.bool(false),
  DEMO_PASSWORD: z.string().default('demo-password'),
  /** The tenant whose admins operate the platform: only its `admin` role opens the queue dashboard. */
  OPERATOR_TENANT: z.string().min(1).default('demo'),
  /** Lifetime of the queue dashboard's session cookie (capped at ACCESS_TOKEN_TTL_SECONDS). */
  QUEUE_DASHBOARD_SESSION_SECONDS: z.coerce.number().int().min(30).max(86400).default(600),
  /** Redis key prefix of the BullMQ queues: the API's own `certification-requests` and the worker's (same value). */
  BULLMQ_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]{1,40}$/i, 'must be a short key prefix')
    .default('bull'),
  /** Redis key prefix of the per-route rate limits (password reset requests). */
  RATE_LIMIT_PREFIX: z.string().min(1).default('ratelimit:api:'),
  /** The realtime server's REDIS_PREFIX (its webhook queue lives under `${REDIS_PREFIX}bull`). */
  REALTIME_REDIS_PREFIX: z.string().min(1).default('rt:'),
  /** Web Push (VAPID, RFC 8292): required in production; derived from KEY_ENCRYPTION_KEY elsewhere. */
  VAPID_PUBLIC_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64url').length === 65, 'must be a base64url P-256 public key')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64url').length === 32, 'must be a base64url P-256 private key')
    .optional(),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)\S+$/, 'must be a mailto: or https: URL')
    .optional(),
  /** PEM file of extra CA certificates trusted for push service endpoints (a private push relay, tests). */
  PUSH_CA_FILE: z.string().optional(),
  /** CIDRs webhook URLs may name although not public (development, tests). */
  OUTBOUND_ALLOWLIST: env.addressAllowlist(),
  /** Name of the API's transparency-log witness (c2sp.org/tlog-witness), its cosignature key name. */
  WITNESS_NAME: z
    .string()
    .regex(/^[^\s+]+$/, 'must not contain spaces or "+"')
    .default('oversing.dev/witness/api'),
  /** 32-byte Ed25519 seed (base64) of the witness key; derived from KEY_ENCRYPTION_KEY (HKDF) when unset. */
  WITNESS_SIGNING_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded as base64')
    .optional(),
  /**
   * Note verifier keys of the logs the witness cosigns (comma-separated, `<origin>+<id>+<key>`). When unset,
   * the witness pins the key of the first valid checkpoint of each origin (trust on first use).
   */
  WITNESS_LOG_KEYS: z.string().optional(),
});

export const apiConfigSchema = base.and(tlsSchema).superRefine((value, ctx) => {
  if (value.NODE_ENV === 'production') {
    for (const name of [
      'KEY_ENCRYPTION_KEY',
      'COOKIE_SECRET',
      'VAPID_PUBLIC_KEY',
      'VAPID_PRIVATE_KEY',
      'VAPID_SUBJECT',
    ] as const) {
      if (!value[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required in production' });
    }
    // without its client the API cannot request certifications or follow their decisions (the feed)
    for (const name of ['CERTIFICATION_CLIENT_ID', 'CERTIFICATION_CLIENT_SECRET'] as const) {
      if (!value[name]) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'is required in production (the API calls the certification service with it)',
        });
      }
    }
    // the demo secret is public (it is in the repository): with it anyone could sign channel authorizations
    if (value.REALTIME_APP_SECRET === DEMO_REALTIME_APP_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['REALTIME_APP_SECRET'],
        message: 'must be set in production (the default is the public demo secret)',
      });
    }
  }
  if (!value.VAPID_PUBLIC_KEY !== !value.VAPID_PRIVATE_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: [value.VAPID_PUBLIC_KEY ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY'],
      message: 'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together',
    });
  }
  if (value.KEY_ENCRYPTION_KEY && Buffer.from(value.KEY_ENCRYPTION_KEY, 'base64').length !== 32) {
    ctx.addIssue({
      code: 'custom',
      path: ['KEY_ENCRYPTION_KEY'],
      message: 'must be 32 bytes encoded as base64',
    });
  }
});

export type ApiConfig = z.infer<typeof apiConfigSchema> & {
  issuer: string;
  keyEncryptionKey: Buffer;
  cookieSecret: string;
};

/** Development-only fallbacks, derived deterministically so restarts keep working; production must set them. */
const DEV_KEK = Buffer.alloc(32, 7).toString('base64');

export function resolveApiConfig(parsed: z.infer<typeof apiConfigSchema>): ApiConfig {
  return {
    ...parsed,
    issuer: (parsed.OAUTH_ISSUER ?? parsed.PUBLIC_API_URL).replace(/\/$/, ''),
    keyEncryptionKey: Buffer.from(parsed.KEY_ENCRYPTION_KEY ?? DEV_KEK, 'base64'),
    cookieSecret: parsed.COOKIE_SECRET ?? 'dev-cookie-secret-change-me-in-production',
    ...(parsed.NODE_ENV !== 'production' && !parsed.CERTIFICATION_CLIENT_ID
      ? {
          CERTIFICATION_CLIENT_ID: INTERNAL_CLIENT_ID,
          CERTIFICATION_CLIENT_SECRET: internalClientSecret(parsed),
        }
      : {}),
  };
}

/** The secret the demo seed gives the internal service client (never used in production). */
export function internalClientSecret(parsed: { INTERNAL_CLIENT_SECRET?: string }): string {
  return parsed.INTERNAL_CLIENT_SECRET ?? DEVELOPMENT_INTERNAL_CLIENT_SECRET;
}

export const API_CONFIG = Symbol('API_CONFIG');
