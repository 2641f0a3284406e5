import Provider, { errors } from 'oidc-provider';
import type { Configuration, KoaContextWithOIDC, ResourceServer } from 'oidc-provider';
import { JWK } from 'jose';
import { DataSource } from 'typeorm';
import { RevocationList, runInTenant, SERVICE_TENANT } from '@oversing/platform';
import { ApiConfig } from '../api.config';
import { PolicyService } from '../access/policy.service';
import { IdentityLookup } from '../identity/user.repository';
import { createOidcAdapter } from './oidc-adapter';
import { clientSecretMatches, OAuthClientRepository, RESOURCE_SCOPES } from './oauth-client.repository';
import { renderOAuthErrorPage } from './interaction-views';

export const OIDC_PROVIDER = Symbol('OIDC_PROVIDER');

export interface OidcProviderDeps {
  config: ApiConfig;
  dataSource: DataSource;
  clients: OAuthClientRepository;
  identities: IdentityLookup;
  policy: PolicyService;
  revocation: RevocationList;
  privateJwks: JWK[];
}

/** Every route of the authorization server lives under /oauth (discovery under /.well-known). */
export const OAUTH_ROUTES = {
  authorization: '/oauth/auth',
  token: '/oauth/token',
  jwks: '/oauth/jwks',
  revocation: '/oauth/token/revocation',
  introspection: '/oauth/token/introspection',
  end_session: '/oauth/session/end',
  userinfo: '/oauth/me',
  pushed_authorization_request: '/oauth/request',
  code_verification: '/oauth/device',
  device_authorization: '/oauth/device/auth',
  backchannel_authentication: '/oauth/backchannel',
  challenge: '/oauth/challenge',
} as const;

/**
 * The OAuth 2.0 authorization server (oidc-provider, certified): authorization code with mandatory
 * S256 PKCE, client credentials, refresh-token rotation with reuse detection, revocation, introspection,
 * RFC 9068 JWT access tokens per resource indicator (RFC 8707). Tokens carry the tenant and roles.
 */
export function createOidcProvider(deps: OidcProviderDeps): Provider {
  const { config } = deps;
  const ttl = config.ACCESS_TOKEN_TTL_SECONDS;
  const audiences = [config.API_AUDIENCE, config.CERTIFICATION_AUDIENCE];

  const resourceServer = (audience: string, client: { scope?: string } | undefined): ResourceServer => {
    const allowed = new Set((client?.scope ?? '').split(' '));
    return {
      audience,
      scope: RESOURCE_SCOPES.filter((s) => allowed.has(s)).join(' '),
      accessTokenTTL: ttl,
      accessTokenFormat: 'jwt',
      jwt: { sign: { alg: 'ES256' } },
    };
  };

  const configuration: Configuration = {
    adapter: createOidcAdapter(deps.dataSource, deps.clients),
    jwks: { keys: deps.privateJwks as never },
    routes: OAUTH_ROUTES,
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access', 'profile', 'email', ...RESOURCE_SCOPES],
    claims: { openid: ['sub'], email: ['email'], profile: ['name'], tenant: ['tenant_id'] },
    extraClientMetadata: { properties: ['tenant_id', 'first_party', 'internal'] },
    allowOmittingSingleRegisteredRedirectUri: false,
    clientBasedCORS: (_ctx, origin) => config.CORS_ORIGINS.includes(origin),
    cookies: { keys: [config.cookieSecret] },
    rotateRefreshToken: true,
    ttl: {
      AccessToken: ttl,
      ClientCredentials: ttl,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: config.REFRESH_TOKEN_TTL_SECONDS,
      RefreshToken: config.REFRESH_TOKEN_TTL_SECONDS,
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => config.API_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resourceIndicator, client) => {
          if (!audiences.includes(resourceIndicator)) throw new errors.InvalidTarget();
          // The internal service account talks only to the certification service.
          if (
            (client as unknown as { internal?: boolean }).internal &&
            resourceIndicator !== config.CERTIFICATION_AUDIENCE
          ) {
            throw new errors.InvalidTarget(
              'this client may only request tokens for the certification service',
            );
          }
          return resourceServer(resourceIndicator, client as { scope?: string });
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/oauth/interaction/${interaction.uid}` },
    /** Refresh tokens for clients allowed the grant: always for first-party clients, else with offline_access. */
    issueRefreshToken: (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') &&
      (Boolean((client as unknown as { first_party?: boolean }).first_party) ||
        code.scopes.has('offline_access')),
    async findAccount(_ctx, sub) {
      const user = await deps.identities.findById(sub);
      if (!user || user.status !== 'active') return undefined;
      return {
        accountId: user.id,
        claims: () => ({ sub: user.id, email: user.email, name: user.name, tenant_id: user.tenantId }),
      };
    },
    async extraTokenClaims(_ctx, token) {
      const t = token as unknown as {
        accountId?: string;
        clientId: string;
        grantId?: string;
        client?: { tenant_id?: string };
      };
      if (t.accountId) {
        const user = await deps.identities.findById(t.accountId);
        if (!user) return undefined;
        const roles = await runInTenant(user.tenantId, () => deps.policy.tenantRolesOf(user.id));
        return { tenant_id: user.tenantId, roles, grant_id: t.grantId };
      }
      const client = await deps.clients.findMetadata(t.clientId);
      if (client?.internal === true) return { tenant_id: SERVICE_TENANT, roles: ['service'] };
      return { tenant_id: client?.tenant_id as string | undefined, roles: [] };
    },
    /** First-party clients (the PWA) get the scopes they ask for without a consent screen. */
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grantId =
        ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const client = ctx.oidc.client!;
      if (!(client as unknown as { first_party?: boolean }).first_party) return undefined;
      const grant = new ctx.oidc.provider.Grant({
        clientId: client.clientId,
        accountId: ctx.oidc.session!.accountId,
      });
      grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
      for (const [resource, scopes] of Object.entries(ctx.oidc.resourceServers ?? {})) {
        const requested = [...ctx.oidc.requestParamScopes].filter((s) =>
          (scopes as ResourceServer).scope.split(' ').includes(s),
        );
        grant.addResourceScope(resource, requested.join(' '));
      }
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = renderOAuthErrorPage(out as unknown as Record<string, string>);
    },
  };

  const provider = new Provider(config.issuer, configuration);
  provider.proxy = config.TRUST_PROXY;

  // Integrator secrets are stored hashed (SHA-256 of a 256-bit random secret), never in plain text.
  (
    provider.Client.prototype as unknown as { compareClientSecret: (actual: string) => boolean }
  ).compareClientSecret = function compareClientSecret(
    this: { clientSecret?: string },
    actual: string,
  ): boolean {
    return clientSecretMatches(this.clientSecret, actual);
  };

  // JWT access tokens are not looked up by resource servers, so revoking a grant is published to them.
  provider.on('grant.revoked', (_ctx, grantId: string) => {
    void deps.revocation.revokeGrant(grantId);
  });
  return provider;
}
