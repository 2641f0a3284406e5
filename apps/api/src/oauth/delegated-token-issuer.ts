import { randomUUID } from 'node:crypto';
import { importJWK, JWK, SignJWT } from 'jose';
import type { Principal } from '@oversing/platform';

/** Scopes a delegated token may carry: what the certification service knows, and never more than the caller has. */
const DELEGABLE_SCOPES = ['certifications:read', 'certifications:write', 'audit:read'];
/** Delegated tokens are used at once, server to server. */
const LIFETIME_SECONDS = 60;

export interface DelegatedTokenOptions {
  issuer: string;
  /** the audience the caller's token did not have (the certification service's) */
  audience: string;
  /** the API's own identifier, named as the actor in the `act` claim (RFC 8693 §4.1) */
  actor: string;
}

/**
 * Token exchange inside the authorization server: for a caller of the API, a short-lived RFC 9068
 * access token for the certification service with the caller as subject (same user or client, tenant
 * and roles, their scopes narrowed to the certification ones, their grant id so revoking the grant
 * revokes it) and `act: {sub: <the API>}`. The certification service then records the real person or
 * client as the actor and applies its own permission and four-eyes rules, as if they had called it
 * directly. Signed with the authorization server's active ES256 key; never returned to the caller.
 */
export class DelegatedTokenIssuer {
  private readonly key: Promise<{ key: CryptoKey | Uint8Array; kid: string }>;

  constructor(
    privateJwks: JWK[],
    private readonly options: DelegatedTokenOptions,
  ) {
    const jwk = privateJwks.find((k) => k.alg === 'ES256');
    this.key = jwk
      ? importJWK(jwk, 'ES256').then((key) => ({ key, kid: jwk.kid! }))
      : Promise.reject(new Error('no ES256 signing key'));
    this.key.catch(() => undefined);
  }

  async tokenFor(principal: Principal): Promise<string> {
    const { key, kid } = await this.key;
    const scopes = principal.scopes.filter((s) => DELEGABLE_SCOPES.includes(s));
    return new SignJWT({
      client_id: principal.clientId ?? principal.id,
      tenant_id: principal.tenantId,
      roles: principal.roles,
      scope: scopes.join(' '),
      ...(principal.grantId ? { grant_id: principal.grantId } : {}),
      act: { sub: this.options.actor },
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setSubject(principal.id)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${LIFETIME_SECONDS}s`)
      .sign(key);
  }
}
