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
  })
  .superRefine((value, ctx) => {
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
