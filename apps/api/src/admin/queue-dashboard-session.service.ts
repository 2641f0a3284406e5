import { Inject, Injectable } from '@nestjs/common';
import { AppException, Principal, RevocationList } from '@oversing/platform';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';
import { Clock } from '../infrastructure/clock';
import { TenantRepository } from '../tenancy/tenant.repository';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
export const QUEUE_DASHBOARD_COOKIE = 'oversing_queues';

/** What the signed session cookie carries. */
export interface QueueDashboardClaims {
  /** user id */
  sub: string;
  /** tenant id (the operator tenant) */
  tid: string;
  /** grant and token of the access token that opened the session, so revoking them ends it */
  gid?: string;
  jti?: string;
  /** expiry, seconds since the epoch */
  exp: number;
}

export interface OpenedSession {
  claims: QueueDashboardClaims;
  cookie: {
    name: string;
    value: string;
    options: {
      signed: true;
      httpOnly: true;
      sameSite: 'strict';
      secure: boolean;
      path: string;
      maxAge: number;
    };
  };
}

export type SessionCheck = { ok: true; claims: QueueDashboardClaims } | { ok: false; reason: string };

/**
 * Sessions of the queue dashboard (bull-board is a browser UI, so it cannot send bearer tokens).
 * An admin of the operator tenant exchanges an access token carrying `admin:queues` for a short-lived,
 * signed, HttpOnly, SameSite=Strict cookie scoped to the dashboard's path. The cookie is checked on every
 * dashboard request: signature, expiry, and the revocation list of the token it came from.
 */
@Injectable()
export class QueueDashboardSessionService {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly tenants: TenantRepository,
    private readonly revocations: RevocationList,
    private readonly clock: Clock,
  ) {}

  /** Opens a session for a principal that already passed `admin:queues` in its own tenant. */
  async open(principal: Principal): Promise<OpenedSession> {
    if (principal.kind !== 'user')
      throw AppException.forbidden('The queue dashboard is for operators signed in as users');
    const tenant = await this.tenants.findById(principal.tenantId);
    if (!tenant || tenant.slug !== this.config.OPERATOR_TENANT)
      throw AppException.forbidden('Only administrators of the operator tenant may open the queue dashboard');
    // Never longer than an access token lives, so the revocation list still covers the session.
    const ttl = Math.min(this.config.QUEUE_DASHBOARD_SESSION_SECONDS, this.config.ACCESS_TOKEN_TTL_SECONDS);
    const claims: QueueDashboardClaims = {
      sub: principal.id,
      tid: principal.tenantId,
      ...(principal.grantId ? { gid: principal.grantId } : {}),
      ...(principal.tokenId ? { jti: principal.tokenId } : {}),
      exp: Math.floor(this.now() / 1000) + ttl,
    };
    return {
      claims,
      cookie: {
        name: QUEUE_DASHBOARD_COOKIE,
        value: Buffer.from(JSON.stringify(claims)).toString('base64url'),
        options: {
          signed: true,
          httpOnly: true,
          sameSite: 'strict',
          secure: this.config.PUBLIC_API_URL.startsWith('https:'),
          path: QUEUE_DASHBOARD_PATH,
          maxAge: ttl,
        },
      },
    };
  }

  /** Checks the already-unsigned cookie value (null when the signature did not match). */
  async check(unsigned: string | null): Promise<SessionCheck> {
    if (!unsigned) return { ok: false, reason: 'invalid' };
    let claims: QueueDashboardClaims;
    try {
      claims = JSON.parse(Buffer.from(unsigned, 'base64url').toString('utf8')) as QueueDashboardClaims;
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (typeof claims?.exp !== 'number' || typeof claims.sub !== 'string')
      return { ok: false, reason: 'invalid' };
    if (claims.exp * 1000 <= this.now()) return { ok: false, reason: 'expired' };
    if (await this.revocations.isRevoked(claims.jti, claims.gid)) return { ok: false, reason: 'revoked' };
    return { ok: true, claims };
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
