import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { env, tlsSchema } from '@oversing/platform';

const base = z.object({
  NODE_ENV: env.nodeEnv(),
  PORT: env.port(3100),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: env.logLevel(),
  AUDIT_DATABASE_URL: env.postgresUrl('postgres://postgres@127.0.0.1:5432/runcible_audit'),
  /**
   * Role the service assumes on every pooled connection (`SET ROLE` via the `role` startup parameter):
   * only INSERT and SELECT. Empty to connect as the URL's user (then that user must be the limited one).
   */
  AUDIT_DATABASE_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$|^$/, 'must be a PostgreSQL role name')
    .default('runcible_app'),
  AUDIT_DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  REDIS_URL: env.redisUrl('redis://127.0.0.1:6379'),
  OAUTH_ISSUER: env.url('http://localhost:3000'),
  CERTIFICATION_AUDIENCE: z.string().default('urn:oversing:certification'),
  JWKS_URL: z.string().url('must be a URL').optional(),
  /** 32-byte key (base64) encrypting the signing keys at rest. */
  KEY_ENCRYPTION_KEY: z.string().optional(),
  /** Algorithm of newly created certificate signing keys. */
  CERTIFICATE_ALGORITHM: z.enum(['RS256', 'ES256', 'EdDSA']).default('RS256'),
  /** Checkpoint origin (and the log key's name). */
  LOG_ORIGIN: z
    .string()
    .regex(/^[^\s+]+$/, 'must not contain spaces or "+"')
    .default('oversing.dev/runcible/log'),
  /** Redis key prefix of the service's BullMQ queue (`certification-maintenance`); the same as the worker's. */
  BULLMQ_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]{1,40}$/i, 'must be a short key prefix')
    .default('bull'),
  /**
   * Body limit of POST /api/v1/audit-events only (other routes keep 1 MiB): an event carries a task's
   * before and after state, and a large LLM output makes it bigger than 1 MiB.
   */
  AUDIT_INGEST_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024 * 1024)
    .max(64 * 1024 * 1024)
    .default(16 * 1024 * 1024),
  CHECKPOINT_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Largest number of certifications appended in one transaction (group commit). */
  CERTIFY_BATCH_MAX: z.coerce.number().int().min(1).max(1000).default(200),
  /** Pusher HTTP API of the realtime server; status changes are published when all four are set. */
  REALTIME_URL: z.string().url('must be a URL').optional(),
  REALTIME_APP_ID: z.string().min(1).optional(),
  REALTIME_APP_KEY: z.string().min(1).optional(),
  REALTIME_APP_SECRET: z.string().min(1).optional(),
  /**
   * An external RFC 3161 time-stamp authority (HTTP POST application/timestamp-query) used instead of the
   * built-in one; TSA_CERTIFICATE_FILE (PEM) is then required and goes into the trust file.
   */
  TSA_URL: z.string().url('must be a URL').optional(),
  TSA_CERTIFICATE_FILE: z.string().min(1).optional(),
  /**
   * Witnesses asked to cosign every new checkpoint (comma-separated c2sp.org/tlog-witness submission
   * prefixes, e.g. the API's `http://127.0.0.1:3000/api/v1/witness`). Empty: no witness.
   */
  WITNESS_URLS: env.list(''),
  CORS_ORIGINS: env.list('http://localhost:4173,http://127.0.0.1:4173'),
  TRUST_PROXY: env.bool(false),
});

export const certificationConfigSchema = base.and(tlsSchema).superRefine((value, ctx) => {
  if (value.NODE_ENV === 'production' && !value.KEY_ENCRYPTION_KEY) {
    ctx.addIssue({ code: 'custom', path: ['KEY_ENCRYPTION_KEY'], message: 'is required in production' });
  }
  const realtime = ['REALTIME_URL', 'REALTIME_APP_ID', 'REALTIME_APP_KEY', 'REALTIME_APP_SECRET'] as const;
  if (realtime.some((k) => value[k]) && !realtime.every((k) => value[k])) {
    for (const k of realtime.filter((name) => !value[name])) {
      ctx.addIssue({ code: 'custom', path: [k], message: 'is required when any REALTIME_* variable is set' });
    }
  }
  if (value.TSA_URL && !value.TSA_CERTIFICATE_FILE) {
    ctx.addIssue({
      code: 'custom',
      path: ['TSA_CERTIFICATE_FILE'],
      message: "is required when TSA_URL is set (the authority's certificate, PEM, for the trust file)",
    });
  }
  if (value.TSA_CERTIFICATE_FILE) {
    let pem = '';
    try {
      pem = readFileSync(value.TSA_CERTIFICATE_FILE, 'utf8');
    } catch (e) {
      ctx.addIssue({
        code: 'custom',
        path: ['TSA_CERTIFICATE_FILE'],
        message: `cannot be read: ${(e as Error).message}`,
      });
    }
    if (pem && !pem.includes('-----BEGIN CERTIFICATE-----')) {
      ctx.addIssue({
        code: 'custom',
        path: ['TSA_CERTIFICATE_FILE'],
        message: 'must hold a PEM certificate',
      });
    }
  }
  if (value.KEY_ENCRYPTION_KEY && Buffer.from(value.KEY_ENCRYPTION_KEY, 'base64').length !== 32) {
    ctx.addIssue({
      code: 'custom',
      path: ['KEY_ENCRYPTION_KEY'],
      message: 'must be 32 bytes encoded as base64',
    });
  }
});

export type CertificationConfig = z.infer<typeof certificationConfigSchema> & {
  issuer: string;
  jwksUrl: string;
  keyEncryptionKey: Buffer;
  realtime?: { url: string; appId: string; key: string; secret: string };
  externalTsa?: { url: string; certificatePem: string };
};

/** Development-only key-encryption key (the API uses the same fallback); production must set one. */
const DEV_KEK = Buffer.alloc(32, 7).toString('base64');

export function resolveCertificationConfig(
  parsed: z.infer<typeof certificationConfigSchema>,
): CertificationConfig {
  const issuer = parsed.OAUTH_ISSUER.replace(/\/$/, '');
  return {
    ...parsed,
    issuer,
    jwksUrl: parsed.JWKS_URL ?? `${issuer}/oauth/jwks`,
    keyEncryptionKey: Buffer.from(parsed.KEY_ENCRYPTION_KEY ?? DEV_KEK, 'base64'),
    externalTsa:
      parsed.TSA_URL && parsed.TSA_CERTIFICATE_FILE
        ? { url: parsed.TSA_URL, certificatePem: readFileSync(parsed.TSA_CERTIFICATE_FILE, 'utf8') }
        : undefined,
    realtime:
      parsed.REALTIME_URL && parsed.REALTIME_APP_ID && parsed.REALTIME_APP_KEY && parsed.REALTIME_APP_SECRET
        ? {
            url: parsed.REALTIME_URL,
            appId: parsed.REALTIME_APP_ID,
            key: parsed.REALTIME_APP_KEY,
            secret: parsed.REALTIME_APP_SECRET,
          }
        : undefined,
  };
}

export const CERTIFICATION_CONFIG = Symbol('CERTIFICATION_CONFIG');
