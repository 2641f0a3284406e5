import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppException, Principal } from '@oversing/platform';
import { constantTimeEqual } from '@oversing/pusher';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';

export const SOCKET_TOKEN_TTL_SECONDS = 60;

interface SocketTokenClaims {
  /** user id */
  sub: string;
  /** tenant id */
  tid: string;
  /** the scopes of the access token it was issued for */
  scp: string[];
  /** expiry, seconds since the epoch */
  exp: number;
}

/**
 * Short-lived tokens that let a socket on another host (a page on another origin, a kiosk, a worker)
 * authorize its channels without holding the user's access token.
 *
 * Format: `v1.<payload>.<mac>` where payload is base64url(JSON {sub, tid, scp, exp}) and mac is
 * base64url(HMAC-SHA256(K, "v1." + payload)) with K = HMAC-SHA256(KEY_ENCRYPTION_KEY,
 * "oversing:broadcasting:socket-token"). Valid 60 s; present it as `socket_token` (with socket_id and
 * channel_name) to `POST /api/v1/broadcasting/auth/socket-token`.
 */
@Injectable()
export class SocketTokenService {
  private readonly key: Buffer;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.key = createHmac('sha256', config.keyEncryptionKey)
      .update('oversing:broadcasting:socket-token')
      .digest();
  }

  issue(principal: Principal, now = Date.now()): { token: string; expires_in: number } {
    if (principal.kind !== 'user') throw AppException.forbidden('Socket tokens are issued to users only');
    const claims: SocketTokenClaims = {
      sub: principal.id,
      tid: principal.tenantId,
      scp: principal.scopes,
      exp: Math.floor(now / 1000) + SOCKET_TOKEN_TTL_SECONDS,
    };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `v1.${payload}.${this.mac(payload)}`, expires_in: SOCKET_TOKEN_TTL_SECONDS };
  }

  /** The principal a valid token stands for; 401 when it is forged, altered or expired. */
  verify(token: string, now = Date.now()): Principal {
    const [version, payload, mac] = token.split('.');
    if (version !== 'v1' || !payload || !mac || !constantTimeEqual(mac, this.mac(payload))) {
      throw AppException.unauthenticated('Invalid socket token');
    }
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as SocketTokenClaims;
    if (claims.exp * 1000 < now) throw AppException.unauthenticated('The socket token has expired');
    return { kind: 'user', id: claims.sub, tenantId: claims.tid, roles: [], scopes: claims.scp };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(`v1.${payload}`).digest('base64url');
  }
}
