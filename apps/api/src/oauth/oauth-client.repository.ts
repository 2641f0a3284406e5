import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppException, UnitOfWork } from '@oversing/platform';
import type { AdapterPayload } from 'oidc-provider';
import { OAuthClient } from './oauth.entities';

export const RESOURCE_SCOPES = [
  'tasks',
  'programs',
  'workflows',
  'work-logs',
  'financial',
  'certifications',
  'audit',
  'users',
].flatMap((r) => [`${r}:read`, `${r}:write`]);

/** `tasks:write` grants `tasks:read` too: the scope list a client may ask for, with the implied reads. */
export function withImpliedReadScopes(scope: string): string {
  const scopes = scope.split(' ').filter(Boolean);
  const implied = scopes
    .filter((s) => s.endsWith(':write'))
    .map((s) => `${s.slice(0, -':write'.length)}:read`)
    .filter((s) => RESOURCE_SCOPES.includes(s));
  return [...new Set([...scopes, ...implied])].join(' ');
}

export interface NewIntegratorClient {
  tenantId: string;
  name: string;
  grantTypes: string[];
  scopes: string[];
  redirectUris?: string[];
}

/** What the internal service account may do at the certification service. */
export const INTERNAL_SCOPES = ['audit:write', 'certifications:read', 'certifications:write'];

/** Client secrets are 256-bit random values, so a SHA-256 digest is a safe one-way storage form. */
export const hashClientSecret = (secret: string): string =>
  `sha256:${createHash('sha256').update(secret).digest('base64url')}`;

export function clientSecretMatches(storedHash: string | undefined, presented: string): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(storedHash);
  const b = Buffer.from(hashClientSecret(presented));
  return a.length === b.length && timingSafeEqual(a, b);
}

@Injectable()
export class OAuthClientRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * Client metadata in oidc-provider's shape; the secret field carries the stored hash. A write scope
   * implies its read scope, so a client may ask for a read-only token (least privilege).
   */
  async findMetadata(id: string): Promise<AdapterPayload | undefined> {
    const client = await this.uow.repositoryFor(OAuthClient).findOne({ where: { id } });
    if (!client) return undefined;
    const scope = (client.metadata as { scope?: unknown }).scope;
    return {
      ...client.metadata,
      ...(typeof scope === 'string' ? { scope: withImpliedReadScopes(scope) } : {}),
      client_id: client.id,
      client_name: client.name,
      ...(client.secretHash ? { client_secret: client.secretHash } : {}),
      ...(client.tenantId ? { tenant_id: client.tenantId } : {}),
    } as AdapterPayload;
  }

  async createIntegrator(input: NewIntegratorClient): Promise<{ client_id: string; client_secret: string }> {
    const unknown = input.scopes.filter((s) => !RESOURCE_SCOPES.includes(s));
    if (unknown.length)
      throw AppException.validation([{ field: 'scopes', message: `unknown scopes: ${unknown.join(', ')}` }]);
    const badGrants = input.grantTypes.filter(
      (g) => !['client_credentials', 'authorization_code', 'refresh_token'].includes(g),
    );
    if (badGrants.length)
      throw AppException.validation([
        { field: 'grant', message: `unsupported grant types: ${badGrants.join(', ')}` },
      ]);
    if (input.grantTypes.includes('authorization_code') && !input.redirectUris?.length) {
      throw AppException.validation([
        { field: 'redirect_uris', message: 'are required for the authorization code grant' },
      ]);
    }
    const clientId = `cli_${randomBytes(12).toString('base64url')}`;
    const clientSecret = randomBytes(32).toString('base64url');
    await this.uow.repositoryFor(OAuthClient).insert({
      id: clientId,
      tenantId: input.tenantId,
      name: input.name,
      secretHash: hashClientSecret(clientSecret),
      metadata: {
        grant_types: input.grantTypes,
        response_types: input.grantTypes.includes('authorization_code') ? ['code'] : [],
        redirect_uris: input.redirectUris ?? [],
        token_endpoint_auth_method: 'client_secret_basic',
        scope:
          input.scopes.join(' ') +
          (input.grantTypes.includes('refresh_token') ? ' openid offline_access' : ''),
        first_party: false,
      },
    });
    return { client_id: clientId, client_secret: clientSecret };
  }

  /** The PWA: public client, authorization code + PKCE, refresh tokens, first party (no consent screen). */
  async upsertPublicWebClient(
    id: string,
    redirectUris: string[],
    postLogoutRedirectUris: string[],
  ): Promise<void> {
    await this.uow.repositoryFor(OAuthClient).upsert(
      {
        id,
        tenantId: null,
        name: 'Oversing web app',
        secretHash: null,
        metadata: {
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          redirect_uris: redirectUris,
          post_logout_redirect_uris: postLogoutRedirectUris,
          token_endpoint_auth_method: 'none',
          application_type: 'web',
          scope: ['openid', 'offline_access', 'profile', 'email', ...RESOURCE_SCOPES].join(' '),
          first_party: true,
        },
      },
      ['id'],
    );
  }

  /**
   * The internal service account (no tenant; tokens carry tenant_id "*" and the role "service", and every
   * request names the tenant it acts for). Only for the certification service's audience.
   */
  async upsertInternalClient(id: string, secret: string): Promise<void> {
    await this.uow.repositoryFor(OAuthClient).upsert(
      {
        id,
        tenantId: null,
        name: 'Oversing internal services',
        secretHash: hashClientSecret(secret),
        metadata: {
          grant_types: ['client_credentials'],
          response_types: [],
          redirect_uris: [],
          token_endpoint_auth_method: 'client_secret_basic',
          scope: INTERNAL_SCOPES.join(' '),
          first_party: true,
          internal: true,
        },
      },
      ['id'],
    );
  }

  async listForTenant(tenantId: string): Promise<OAuthClient[]> {
    return this.uow.repositoryFor(OAuthClient).find({ where: { tenantId }, order: { createdAt: 'ASC' } });
  }

  async deleteForTenant(tenantId: string, id: string): Promise<boolean> {
    const result = await this.uow.repositoryFor(OAuthClient).delete({ tenantId, id });
    return (result.affected ?? 0) > 0;
  }
}
