import { z } from 'zod';
import { parseAddressAllowlist } from '../net/public-address';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Parses the environment against an app's schema. Every problem names the variable, so an operator
 * knows what to fix; callers at boot print the message and exit non-zero.
 */
export function parseConfig<S extends z.ZodTypeAny>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data as z.infer<S>;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    const received = issue.path.length ? env[String(issue.path[0])] : undefined;
    return received === undefined
      ? `${variable}: ${issue.message === 'Required' ? 'is required but not set' : issue.message}`
      : `${variable}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** Loads config or exits the process with a message naming each bad variable. */
export function loadConfigOrExit<S extends z.ZodTypeAny>(schema: S, app: string): z.infer<S> {
  try {
    return parseConfig(schema, process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${app}: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Reusable field schemas so every app spells its variables the same way. */
export const env = {
  port: (fallback: number) =>
    z.coerce
      .number({ invalid_type_error: 'must be a port number (0-65535)' })
      .int('must be a port number (0-65535)')
      .min(0, 'must be a port number (0-65535)')
      .max(65535, 'must be a port number (0-65535)')
      .default(fallback),
  url: (fallback?: string) =>
    fallback === undefined
      ? z.string().url('must be a URL')
      : z.string().url('must be a URL').default(fallback),
  postgresUrl: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL'),
  redisUrl: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .refine((v) => /^rediss?:\/\//.test(v), 'must be a redis:// URL'),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  list: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
  /** `OUTBOUND_ALLOWLIST`: CIDRs that requests to user-supplied URLs may reach although not public. */
  addressAllowlist: () =>
    z
      .string()
      .optional()
      .superRefine((v, ctx) => {
        try {
          parseAddressAllowlist(v);
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be comma-separated IP addresses or CIDRs' });
        }
      })
      .transform((v) => parseAddressAllowlist(v)),
  nodeEnv: () => z.enum(['development', 'test', 'production']).default('development'),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

/** TLS is optional, but when one of the two files is given the other is required. */
export const tlsSchema = z
  .object({
    TLS_CERT_FILE: z.string().optional(),
    TLS_KEY_FILE: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.TLS_CERT_FILE && !v.TLS_KEY_FILE)
      ctx.addIssue({
        code: 'custom',
        path: ['TLS_KEY_FILE'],
        message: 'is required when TLS_CERT_FILE is set',
      });
    if (v.TLS_KEY_FILE && !v.TLS_CERT_FILE)
      ctx.addIssue({
        code: 'custom',
        path: ['TLS_CERT_FILE'],
        message: 'is required when TLS_KEY_FILE is set',
      });
  });
