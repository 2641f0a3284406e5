import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { runInTenant } from '@oversing/platform';
import { apiConfigSchema, ApiConfig, resolveApiConfig } from '../api.config';
import { AppModule } from '../app.module';
import { AuditDeadLettersRepository } from '../audit/audit-dead-letters.repository';
import { OAuthClientRepository } from '../oauth/oauth-client.repository';
import { SigningKeysService } from '../oauth/signing-keys.service';
import { TenantProvisioningService } from '../tenancy/tenant-provisioning.service';
import { TenantRepository } from '../tenancy/tenant.repository';
import { UsersService } from '../identity/users.service';
import { seedDemo } from './seed-demo';
import { INTERNAL_CLIENT_ID, parseConfig } from '@oversing/platform';

export type CliArgs = Record<string, string | boolean>;

export class CliUsageError extends Error {}

/** A command that ran and has a JSON result to print, but whose outcome is a failure (exit status 1). */
export class CliResultError extends Error {
  constructor(
    message: string,
    readonly result: unknown,
  ) {
    super(message);
  }
}

export function required(args: CliArgs, name: string): string {
  const value = args[name];
  if (typeof value !== 'string' || !value) throw new CliUsageError(`--${name} is required`);
  return value;
}

export async function withApi<T>(
  fn: (app: INestApplicationContext, config: ApiConfig) => Promise<T>,
): Promise<T> {
  const config = resolveApiConfig(parseConfig(apiConfigSchema, { ...process.env, LOG_LEVEL: 'silent' }));
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: false,
    abortOnError: false,
  });
  try {
    return await fn(app, config);
  } finally {
    await app.close();
  }
}

async function tenantIdOf(app: INestApplicationContext, slug: string): Promise<string> {
  const tenant = await app.get(TenantRepository).findBySlug(slug);
  if (!tenant) throw new CliUsageError(`no tenant "${slug}"`);
  return tenant.id;
}

/** Operator commands of the API. Each returns the JSON object printed as the last stdout line. */
export const apiCommands: Record<string, (args: CliArgs) => Promise<unknown>> = {
  'tenants:create': (args) =>
    withApi(async (app) => {
      const tenant = await app
        .get(TenantProvisioningService)
        .execute({ slug: required(args, 'slug'), name: String(args.name ?? args.slug) });
      return { id: tenant.id, slug: tenant.slug, name: tenant.name };
    }),

  'users:create': (args) =>
    withApi(async (app) => {
      const tenantId = await tenantIdOf(app, required(args, 'tenant'));
      const roles =
        typeof args.roles === 'string'
          ? args.roles
              .split(',')
              .map((r) => r.trim())
              .filter(Boolean)
          : typeof args.role === 'string'
            ? [args.role]
            : ['member'];
      const user = await runInTenant(tenantId, () =>
        app.get(UsersService).create({
          email: required(args, 'email'),
          name: String(args.name ?? args.email),
          password: required(args, 'password'),
          roles,
        }),
      );
      return { id: user.id, email: user.email, tenant_id: tenantId, roles: user.roles };
    }),

  'clients:create': (args) =>
    withApi(async (app) => {
      const tenantId = await tenantIdOf(app, required(args, 'tenant'));
      const grants = String(args.grant ?? 'client_credentials')
        .split(/[ ,]+/)
        .filter(Boolean);
      const scopes = String(args.scopes ?? '')
        .split(/[ ,]+/)
        .filter(Boolean);
      const redirectUris = typeof args['redirect-uri'] === 'string' ? [args['redirect-uri']] : undefined;
      return app.get(OAuthClientRepository).createIntegrator({
        tenantId,
        name: required(args, 'name'),
        grantTypes: grants,
        scopes,
        redirectUris,
      });
    }),

  /** The internal service account the worker and the API use to call the certification service. */
  'clients:create-internal': (args) =>
    withApi(async (app) => {
      const secret = typeof args.secret === 'string' ? args.secret : randomBytes(32).toString('base64url');
      if (secret.length < 24) throw new CliUsageError('--secret must be at least 24 characters');
      await app.get(OAuthClientRepository).upsertInternalClient(INTERNAL_CLIENT_ID, secret);
      return { client_id: INTERNAL_CLIENT_ID, client_secret: secret };
    }),

  /** Audit events the certification service refused, set aside by the relay (oldest first). */
  'audit:dead-letters': () =>
    withApi(async (app) => ({ dead_letters: await app.get(AuditDeadLettersRepository).open() })),

  /** Sends dead-lettered events again after the cause was fixed: `--event ID` (repeatable as a list) or `--all`. */
  'audit:replay': (args) =>
    withApi(async (app) => {
      const events =
        args.all === true
          ? ('all' as const)
          : required(args, 'event')
              .split(',')
              .map((id) => id.trim())
              .filter(Boolean);
      return { replayed: await app.get(AuditDeadLettersRepository).replay(events) };
    }),

  'oauth-keys:rotate': () => withApi(async (app) => app.get(SigningKeysService).rotate()),

  'seed:demo': () =>
    withApi(async (app, config) => {
      if (config.NODE_ENV === 'production')
        throw new CliUsageError('the demo tenant is not seeded in production');
      return seedDemo(app, config);
    }),
};
