import { z } from 'zod';
import { env } from '@oversing/platform';

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
    AUDIT_RELAY_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
    /** Which processors this process runs (scale them separately): audit-relay, webhooks, maintenance. */
    WORKER_QUEUES: env
      .list('audit-relay,webhooks,maintenance')
      .refine((v) => v.length > 0 && v.every((q) => ['audit-relay', 'webhooks', 'maintenance'].includes(q)), {
        message: 'must be a comma-separated list of audit-relay, webhooks, maintenance',
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
    WEBHOOK_DELIVERY_BATCH_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    WEBHOOK_DELIVERY_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
    WEBHOOK_DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    /** Attempts before a delivery is dead; retries wait BACKOFF_MS * 2^(attempt-1), at most 6 hours. */
    WEBHOOK_DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    WEBHOOK_DELIVERY_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  })
  .superRefine((value, ctx) => {
    if (value.NODE_ENV === 'production' && !value.KEY_ENCRYPTION_KEY) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['KEY_ENCRYPTION_KEY'],
        message: 'is required in production',
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
