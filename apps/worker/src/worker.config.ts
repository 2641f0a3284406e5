import { z } from 'zod';
import { env } from '@oversing/platform';

const WORKER_QUEUE_NAMES = ['audit-relay', 'webhooks', 'maintenance', 'notifications', 'mail', 'exports'];

export const workerConfigSchema = z
  .object({
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    DATABASE_URL: env.postgresUrl('postgres://postgres@127.0.0.1:5432/oversing'),
    REDIS_URL: env.redisUrl('redis://127.0.0.1:6379'),
    METRICS_PORT: env.port(9464),
    /** Redis key prefix of the BullMQ queues. */
    BULLMQ_PREFIX: z
      .string()
      .regex(/^[a-z0-9:_-]{1,40}$/i, 'must be a short key prefix')
      .default('bull'),
    /** The certification service that owns the append-only audit store. */
    CERTIFICATION_URL: env.url('http://localhost:3100'),
    /** Token endpoint of the API's authorization server (client credentials for the relay). */
    OAUTH_TOKEN_URL: env.url('http://localhost:3000/oauth/token'),
    AUDIT_RELAY_CLIENT_ID: z.string().optional(),
    AUDIT_RELAY_CLIENT_SECRET: z.string().optional(),
    CERTIFICATION_AUDIENCE: z.string().default('urn:oversing:certification'),
    AUDIT_RELAY_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(100),
    /** Largest JSON body per relay request; keep it under the certification service's AUDIT_INGEST_BODY_LIMIT_BYTES. */
    AUDIT_RELAY_MAX_BATCH_BYTES: z.coerce
      .number()
      .int()
      .min(64 * 1024)
      .default(4 * 1024 * 1024),
    AUDIT_RELAY_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
    /** Which processors this process runs (scale them separately): audit-relay, webhooks, maintenance, notifications, mail. */
    WORKER_QUEUES: env
      .list('audit-relay,webhooks,maintenance,notifications,mail,exports')
      .refine((v) => v.length > 0 && v.every((q) => WORKER_QUEUE_NAMES.includes(q)), {
        message: `must be a comma-separated list of ${WORKER_QUEUE_NAMES.join(', ')}`,
      }),
    /** Delivered and dead webhook deliveries older than this are deleted by the maintenance queue. */
    WEBHOOK_DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /** Cron pattern (UTC) of the webhook delivery pruning job. */
    MAINTENANCE_WEBHOOK_PRUNE_CRON: z
      .string()
      .regex(/^(\S+\s+){4}\S+$/, 'must be a five-field cron pattern')
      .default('17 3 * * *'),
    /**
     * BullMQ lock of a maintenance job: a worker that dies mid-job leaves it stalled until the lock
     * expires; the stalled check (same interval) then hands it to another worker.
     */
    MAINTENANCE_LOCK_DURATION_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
    /** 32-byte key (base64) under which the API encrypted webhook signing secrets (same as the API's). */
    KEY_ENCRYPTION_KEY: z
      .string()
      .optional()
      .refine((v) => v === undefined || Buffer.from(v, 'base64').length === 32, {
        message: 'must be 32 bytes encoded as base64',
      }),
    /** CIDRs webhooks may reach although not public (development, tests). */
    OUTBOUND_ALLOWLIST: env.addressAllowlist(),
    WEBHOOK_DELIVERY_BATCH_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    WEBHOOK_DELIVERY_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
    WEBHOOK_DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    /** Attempts before a delivery is dead; retries wait BACKOFF_MS * 2^(attempt-1), at most 6 hours. */
    WEBHOOK_DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    WEBHOOK_DELIVERY_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
    /** Web Push (VAPID, RFC 8292): the API's key pair; required in production, derived from KEY_ENCRYPTION_KEY elsewhere. */
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
    /** The PWA's URL (the default VAPID subject when it is https), as the API's PUBLIC_WEB_URL. */
    PUBLIC_WEB_URL: env.url('http://localhost:4173'),
    /** PEM file of extra CA certificates trusted for push service endpoints (a private push relay, tests). */
    PUSH_CA_FILE: z.string().optional(),
    /** Where the `mail` queue sends (smtp:// or smtps://, credentials in the URL); required in production. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL')
      .optional(),
    /** The sender of every mail. */
    MAIL_FROM: z.string().min(3).default('Oversing <no-reply@oversing.localhost>'),
  })
  .superRefine((value, ctx) => {
    if (value.NODE_ENV === 'production' && !value.KEY_ENCRYPTION_KEY) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['KEY_ENCRYPTION_KEY'],
        message: 'is required in production',
      });
    }
    if (value.NODE_ENV === 'production' && value.WORKER_QUEUES.includes('notifications')) {
      for (const name of ['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT'] as const)
        if (!value[name])
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message: 'is required in production' });
    }
    if (value.NODE_ENV === 'production' && value.WORKER_QUEUES.includes('mail') && !value.SMTP_URL) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['SMTP_URL'], message: 'is required in production' });
    }
    if (!value.VAPID_PUBLIC_KEY !== !value.VAPID_PRIVATE_KEY) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [value.VAPID_PUBLIC_KEY ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY'],
        message: 'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together',
      });
    }
    if (
      value.NODE_ENV === 'production' &&
      (!value.AUDIT_RELAY_CLIENT_ID || !value.AUDIT_RELAY_CLIENT_SECRET)
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['AUDIT_RELAY_CLIENT_ID'],
        message: 'AUDIT_RELAY_CLIENT_ID and AUDIT_RELAY_CLIENT_SECRET are required in production',
      });
    }
  });

export type WorkerConfig = z.infer<typeof workerConfigSchema>;
export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

/** The API's development-only key-encryption key (apps/api/src/api.config.ts); production must set one. */
const DEV_KEK = Buffer.alloc(32, 7);

export function keyEncryptionKeyOf(config: WorkerConfig): Buffer {
  return config.KEY_ENCRYPTION_KEY ? Buffer.from(config.KEY_ENCRYPTION_KEY, 'base64') : DEV_KEK;
}

/** Outside production mail goes to the development mailbox `npm start` runs (MailDev on port 1025). */
export function smtpUrlOf(config: WorkerConfig): string {
  return config.SMTP_URL ?? 'smtp://127.0.0.1:1025';
}
