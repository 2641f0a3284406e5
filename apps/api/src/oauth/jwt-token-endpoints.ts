import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, JWK } from 'jose';
import { RevocationList } from '@oversing/platform';
import { clientSecretMatches, OAuthClientRepository } from './oauth-client.repository';

interface ClientAuth {
  clientId: string;
  confidential: boolean;
  tenantId?: string;
}

export interface JwtTokenEndpointsDeps {
  issuer: string;
  publicJwks: JWK[];
  clients: OAuthClientRepository;
  revocation: RevocationList;
}

export type EndpointResult = { status: number; body: unknown; headers?: Record<string, string> };

/**
 * RFC 7009 revocation and RFC 7662 introspection for JWT access tokens. oidc-provider refuses
 * structured tokens at both endpoints because it does not look them up; here they are verified with
 * the issuer's keys and revoked by id in the shared revocation list that every resource server checks.
 * Opaque tokens (refresh tokens) keep going to oidc-provider.
 */
export class JwtTokenEndpoints {
  private readonly keys: ReturnType<typeof createLocalJWKSet>;

  constructor(private readonly deps: JwtTokenEndpointsDeps) {
    this.keys = createLocalJWKSet({ keys: deps.publicJwks });
  }

  static isJwt(token: string | undefined): token is string {
    if (!token) return false;
    try {
      return Boolean(decodeProtectedHeader(token));
    } catch {
      return false;
    }
  }

  async revoke(params: URLSearchParams, authorization: string | undefined): Promise<EndpointResult> {
    const client = await this.authenticate(params, authorization);
    if (!client) return invalidClient();
    const claims = await this.verify(params.get('token')!);
    // RFC 7009 §2.2: an invalid token, or one of another client, gets 200 and nothing happens.
    if (claims?.jti && claims.client_id === client.clientId)
      await this.deps.revocation.revokeToken(claims.jti);
    return { status: 200, body: '' };
  }

  async introspect(params: URLSearchParams, authorization: string | undefined): Promise<EndpointResult> {
    const client = await this.authenticate(params, authorization);
    if (!client || !client.confidential) return invalidClient();
    const claims = await this.verify(params.get('token')!);
    const active =
      claims !== undefined &&
      (claims.client_id === client.clientId ||
        (client.tenantId !== undefined && claims.tenant_id === client.tenantId)) &&
      !(await this.deps.revocation.isRevoked(claims.jti, claims.grant_id));
    if (!active) return { status: 200, body: { active: false } };
    const { scope, client_id, sub, exp, iat, aud, iss, jti, tenant_id } = claims;
    return {
      status: 200,
      body: { active: true, token_type: 'Bearer', scope, client_id, sub, exp, iat, aud, iss, jti, tenant_id },
    };
  }

  private async verify(
    token: string,
  ): Promise<
    | (Record<string, unknown> & { jti?: string; client_id?: string; grant_id?: string; tenant_id?: string })
    | undefined
  > {
    try {
      const { payload } = await jwtVerify(token, this.keys, { issuer: this.deps.issuer, typ: 'at+jwt' });
      return payload as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }

  private async authenticate(
    params: URLSearchParams,
    authorization: string | undefined,
  ): Promise<ClientAuth | undefined> {
    let clientId = params.get('client_id') ?? undefined;
    let secret = params.get('client_secret') ?? undefined;
    if (authorization?.startsWith('Basic ')) {
      const decoded = Buffer.from(authorization.slice(6), 'base64').toString();
      const separator = decoded.indexOf(':');
      if (separator < 0) return undefined;
      clientId = decodeURIComponent(decoded.slice(0, separator));
      secret = decodeURIComponent(decoded.slice(separator + 1));
    }
    if (!clientId) return undefined;
    const client = await this.deps.clients.findMetadata(clientId);
    if (!client) return undefined;
    const publicClient = client.token_endpoint_auth_method === 'none';
    if (publicClient) return secret ? undefined : { clientId, confidential: false };
    if (!secret || !clientSecretMatches(client.client_secret as string | undefined, secret)) return undefined;
    return { clientId, confidential: true, tenantId: client.tenant_id as string | undefined };
  }
}

const invalidClient = (): EndpointResult => ({
  status: 401,
  body: { error: 'invalid_client', error_description: 'client authentication failed' },
  headers: { 'www-authenticate': 'Basic realm="oauth"' },
});
