import { errors, jwtVerify, JWTPayload, JWTVerifyGetKey } from 'jose';
import { Principal } from '../context/request-context';
import { RevocationList } from './revocation-list';
import { InvalidDpopProofError, PresentedToken, verifyDpopProof } from './dpop-proof';

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
  /** RFC 9449 §6: the thumbprint of the key a DPoP-bound token is bound to */
  cnf?: { jkt?: string };
}

/**
 * Validates RFC 9068 JWT access tokens: signature against the issuer's JWKS, issuer, audience,
 * expiry, an algorithm allowlist and `typ: at+jwt`; for a DPoP-bound token (`cnf.jkt`, the PWA's) the
 * DPoP scheme and a valid proof of the bound key for this request (RFC 9449); then the revocation list.
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

  async verify(presented: PresentedToken): Promise<Principal> {
    const claims = await this.verifiedClaims(presented.token);
    const jkt = claims.cnf?.jkt;
    if (jkt) {
      try {
        await verifyDpopProof(presented, jkt);
      } catch (error) {
        if (error instanceof InvalidDpopProofError) throw new InvalidAccessTokenError('ERR_DPOP_PROOF');
        throw error;
      }
    } else if (presented.scheme === 'dpop') {
      throw new InvalidAccessTokenError('ERR_NOT_DPOP_BOUND');
    }
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

/**
 * The access token of the Authorization header (`Bearer` or `DPoP` scheme, RFC 6750 / RFC 9449 §7.1);
 * tokens in query strings or bodies are ignored.
 */
export function accessTokenFrom(
  headers: Record<string, string | string[] | undefined>,
): { token: string; scheme: 'bearer' | 'dpop' } | undefined {
  const header = headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^(Bearer|DPoP)\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim());
  if (!match) return undefined;
  return { token: match[2]!, scheme: match[1]!.toLowerCase() === 'dpop' ? 'dpop' : 'bearer' };
}
