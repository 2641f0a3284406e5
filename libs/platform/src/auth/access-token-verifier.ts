import { errors, jwtVerify, JWTPayload, JWTVerifyGetKey } from 'jose';
import { Principal } from '../context/request-context';
import { RevocationList } from './revocation-list';

export interface AccessTokenVerifierOptions {
  issuer: string;
  audience: string;
  /** A local or remote JWKS key resolver from jose. */
  keys: JWTVerifyGetKey;
  revocation: RevocationList;
  algorithms?: string[];
}

export class InvalidAccessTokenError extends Error {}

/** The tenant claim of internal service accounts, which act for the tenant each request names. */
export const SERVICE_TENANT = '*';
export const SERVICE_TENANT_HEADER = 'x-oversing-tenant';

export interface AccessTokenClaims extends JWTPayload {
  client_id?: string;
  scope?: string;
  tenant_id?: string;
  roles?: string[];
  grant_id?: string;
}

/**
 * Validates RFC 9068 JWT access tokens: signature against the issuer's JWKS, issuer, audience,
 * expiry, an algorithm allowlist and `typ: at+jwt`; then the revocation list.
 */
export class AccessTokenVerifier {
  private readonly algorithms: string[];
  /**
   * Tokens whose signature and claims were already checked, until they expire. A hit skips the
   * signature verification only; revocation is still checked on every request.
   */
  private readonly verified = new Map<string, AccessTokenClaims>();
  private static readonly CACHE_LIMIT = 10_000;

  constructor(private readonly options: AccessTokenVerifierOptions) {
    this.algorithms = options.algorithms ?? ['ES256', 'RS256', 'EdDSA', 'PS256'];
  }

  async verify(token: string): Promise<Principal> {
    const claims = await this.verifiedClaims(token);
    if (await this.options.revocation.isRevoked(claims.jti, claims.grant_id)) {
      throw new InvalidAccessTokenError('ERR_TOKEN_REVOKED');
    }
    const isClient = claims.sub === claims.client_id;
    const roles = Array.isArray(claims.roles) ? claims.roles : [];
    return {
      service: isClient && claims.tenant_id === SERVICE_TENANT && roles.includes('service'),
      kind: isClient ? 'client' : 'user',
      id: claims.sub!,
      tenantId: claims.tenant_id!,
      clientId: claims.client_id,
      roles,
      scopes: (claims.scope ?? '').split(' ').filter(Boolean),
      tokenId: claims.jti,
      grantId: claims.grant_id,
    };
  }

  private async verifiedClaims(token: string): Promise<AccessTokenClaims> {
    const cached = this.verified.get(token);
    if (cached && cached.exp! * 1000 > Date.now()) return cached;
    if (cached) this.verified.delete(token);
    let claims: AccessTokenClaims;
    try {
      const result = await jwtVerify<AccessTokenClaims>(token, this.options.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: this.algorithms,
        typ: 'at+jwt',
        requiredClaims: ['exp', 'iat', 'sub', 'jti', 'client_id'],
      });
      claims = result.payload;
    } catch (error) {
      if (error instanceof errors.JOSEError) throw new InvalidAccessTokenError(error.code);
      throw new InvalidAccessTokenError('ERR_INVALID_TOKEN');
    }
    if (!claims.tenant_id) throw new InvalidAccessTokenError('ERR_NO_TENANT');
    if (this.verified.size >= AccessTokenVerifier.CACHE_LIMIT)
      this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, claims);
    return claims;
  }
}

/** Only the Authorization header counts; tokens in query strings or bodies are ignored. */
export function bearerTokenFrom(headers: Record<string, string | string[] | undefined>): string | undefined {
  const header = headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim());
  return match?.[1];
}
